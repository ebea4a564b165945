import addressparser from "nodemailer/lib/addressparser/index.js";
import type { Address } from "nodemailer/lib/mailer";
import { PermanentFailure } from "../jobs/job-errors.ts";
import type { DeliverableOrder, DeliveryChannel } from "./delivery-channel.ts";
import { composeKeyEmail } from "./key-email.ts";
import type { MailSender } from "./mail-transport.ts";

/**
 * Delivers keys in one email to the customer's address from the shop order. The account may
 * name the sender and a reply-to address; the sending address stays the installation's, the
 * one its mail server is allowed to send for.
 */
export function emailChannel(mail: MailSender, from: string): DeliveryChannel {
  return {
    id: "email",
    async deliver(order: DeliverableOrder) {
      if (!order.customerEmail) {
        throw new PermanentFailure("The order has no customer email address", "NO_CUSTOMER_EMAIL");
      }
      const { senderName, replyTo } = order.delivery;
      const message = composeKeyEmail({
        from: senderName ? withName(from, senderName) : from,
        to: order.customerEmail,
        customerName: order.customerName,
        storeOrderRef: order.storeOrderRef,
        shopName: order.shopDomain,
        items: order.items,
      });
      await mail.send({ ...message, ...(replyTo ? { replyTo } : {}), orderId: order.id });
    },
  };
}

/** The installation's sending address under the account's display name. */
function withName(from: string, name: string): Address {
  const [parsed] = addressparser(from, { flatten: true });
  return { name, address: parsed?.address || from };
}
