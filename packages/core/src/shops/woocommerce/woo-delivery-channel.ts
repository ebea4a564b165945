import type { PrismaClient } from "../../db/types.ts";
import type { DeliverableOrder, DeliveryChannel } from "../../delivery/delivery-channel.ts";
import type { Logger } from "../../logger.ts";
import type { KeyVault } from "../../vault/key-vault.ts";
import { loadWooShop } from "./woo-access.ts";
import type { NoteKey, WooCommerceConnector } from "./woo-connector.ts";

export const WOO_DELIVERY_CHANNEL = "woocommerce";

/**
 * Delivers through the shop for connected WooCommerce shops: a customer note with the keys
 * (WooCommerce emails it), then the order `completed`. It replaces our own email for those
 * orders. Image keys cannot travel in a note, so orders holding one go by email instead.
 */
export function wooDeliveryChannel(
  prisma: PrismaClient,
  vault: KeyVault,
  connector: WooCommerceConnector,
  log: Logger,
): DeliveryChannel {
  return {
    id: WOO_DELIVERY_CHANNEL,

    async handles(order: DeliverableOrder) {
      if (order.items.some((item) => item.key.kind !== "text")) return false;
      const connection = await prisma.wooConnection.findFirst({
        where: { shopId: order.shopId, shop: { active: true } },
        select: { shopId: true },
      });
      return connection !== null;
    },

    async deliver(order: DeliverableOrder) {
      const shop = await loadWooShop(prisma, vault, order.shopId);
      if (!shop) throw new Error("The WooCommerce shop was disconnected before delivery");

      const keys: NoteKey[] = order.items.flatMap((item) =>
        item.key.kind === "text" ? [{ productName: item.productName, code: item.key.code }] : [],
      );
      const result = await connector.deliverKeys(shop.access, order.externalId, keys);
      if (result.ok) return;

      // The merchant sees why in the order itself; the note never holds a key.
      const reason = `${result.error.code}: ${result.error.message}`.slice(0, 300);
      const note = await connector.addPrivateNote(
        shop.access,
        order.externalId,
        `PremiumCDKeys could not deliver the keys of this order yet (${reason}). ` +
          "It will try again; the order is not marked completed until the keys are delivered.",
      );
      if (!note.ok) log.warn({ orderId: order.id, code: note.error.code }, "private note failed");
      throw new Error(`WooCommerce delivery failed: ${reason}`);
    },
  };
}
