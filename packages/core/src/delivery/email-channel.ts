import { PermanentFailure } from "../jobs/job-errors.ts";
import type { DeliverableOrder, DeliveryChannel } from "./delivery-channel.ts";
import { composeKeyEmail } from "./key-email.ts";
import type { MailSender } from "./mail-transport.ts";

/** Delivers keys in one email to the customer's address from the shop order. */
export function emailChannel(mail: MailSender, from: string): DeliveryChannel {
  return {
    id: "email",
    async deliver(order: DeliverableOrder) {
      if (!order.customerEmail) {
        throw new PermanentFailure("The order has no customer email address", "NO_CUSTOMER_EMAIL");
      }
      const message = composeKeyEmail({
        from,
        to: order.customerEmail,
        customerName: order.customerName,
        storeOrderRef: order.storeOrderRef,
        shopName: order.shopDomain,
        items: order.items,
      });
      await mail.send({ ...message, orderId: order.id });
    },
  };
}
