import type { PrismaClient } from "../db/types.ts";
import type { MailSender } from "../delivery/mail-transport.ts";

/**
 * Tells the customer, once per order, that part of it is a pre-order whose key comes later by
 * email. The order is marked first, so a retry never mails twice; a mail lost after the mark
 * is not sent again (the key email still follows).
 */
export function preorderNotice(prisma: PrismaClient, mail: MailSender, from: string) {
  return async (orderId: string): Promise<void> => {
    const marked = await prisma.order.updateMany({
      where: { id: orderId, preorderNoticeAt: null, customerEmail: { not: null } },
      data: { preorderNoticeAt: new Date() },
    });
    if (marked.count === 0) return;
    const order = await prisma.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { lines: { orderBy: { position: "asc" } } },
    });
    const names = order.lines.map((line) => `- ${line.name} x ${line.quantity}`).join("\n");
    await mail.send({
      orderId,
      from,
      to: order.customerEmail!,
      subject: `Your order ${order.storeOrderRef} is a pre-order`,
      text:
        `Hello${order.customerName ? ` ${order.customerName}` : ""},\n\n` +
        `Part of your order ${order.storeOrderRef} is a pre-order:\n${names}\n\n` +
        "Its key is not released yet. We will email it to you as soon as it is.\n",
    });
  };
}
