import { createHash, timingSafeEqual } from "node:crypto";
import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { OrderStatus } from "./order-status.ts";

/** Who asks: the shop's customer id of a signed-in buyer, or the buyer's per-order token. */
export type BuyerProof = { customerExternalId?: string; buyerToken?: string };

export type BuyerOrderKeys =
  | { state: "waiting" | "preorder" | "unavailable"; keys: [] }
  | { state: "ready"; keys: BuyerKey[] };

export type BuyerKey =
  | { product: string; kind: "text"; code: string }
  | { product: string; kind: "image"; fileName: string };

const READY: string[] = [OrderStatus.fulfilled, OrderStatus.delivered];
const WAITING: string[] = [OrderStatus.received, OrderStatus.pending, OrderStatus.processing];

/**
 * The keys of one order for the buyer who placed it, or undefined when the order is not theirs
 * (or does not exist: both look the same to the caller). Keys show once all are held; a unit
 * waiting for supplier stock makes the order a pre-order.
 */
export async function buyerOrderKeys(
  prisma: PrismaClient,
  vault: KeyVault,
  order: { shopId: string; externalId: string },
  proof: BuyerProof,
): Promise<BuyerOrderKeys | undefined> {
  const found = await prisma.order.findUnique({
    where: { shopId_externalId: order },
    include: {
      lines: {
        orderBy: { position: "asc" },
        include: {
          product: { select: { name: true } },
          purchases: { orderBy: { unitIndex: "asc" }, include: { key: true } },
        },
      },
    },
  });
  if (!found || !ownedBy(found, proof)) return undefined;

  const purchases = found.lines.flatMap((line) => line.purchases);
  if (WAITING.includes(found.status)) {
    // A unit the supplier took as a pre-order, or one a supplier has no stock of yet.
    const preorder = purchases.some(
      (purchase) =>
        purchase.status === "preordered" || purchase.lastErrorCodes.includes("out_of_stock"),
    );
    return { state: preorder ? "preorder" : "waiting", keys: [] };
  }
  if (!READY.includes(found.status)) return { state: "unavailable", keys: [] };

  const keys = found.lines.flatMap((line) =>
    line.purchases.flatMap((purchase): BuyerKey[] => {
      if (!purchase.key) return [];
      const product = line.product?.name ?? line.name;
      const secret = vault.open(purchase.key.seal, `key:${purchase.id}`);
      return purchase.key.kind === "image"
        ? [{ product, kind: "image", fileName: purchase.key.fileName ?? "key.png" }]
        : [{ product, kind: "text", code: secret.toString("utf8") }];
    }),
  );
  return { state: "ready", keys };
}

function ownedBy(
  order: { customerExternalId: string | null; buyerTokenHash: string | null },
  proof: BuyerProof,
): boolean {
  if (proof.customerExternalId && order.customerExternalId) {
    return proof.customerExternalId === order.customerExternalId;
  }
  if (proof.buyerToken && order.buyerTokenHash) {
    const given = createHash("sha256").update(proof.buyerToken).digest();
    return timingSafeEqual(given, Buffer.from(order.buyerTokenHash, "hex"));
  }
  return false;
}
