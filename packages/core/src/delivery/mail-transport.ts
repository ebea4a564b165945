import { randomUUID } from "node:crypto";
import { createTransport, type SendMailOptions } from "nodemailer";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { Logger } from "../logger.ts";
import type { KeyVault } from "../vault/key-vault.ts";

export type OrderMail = SendMailOptions & { orderId: string };

export type SentMail = { via: "smtp" | "outbox"; messageId: string };

export type MailSender = { send(message: OrderMail): Promise<SentMail> };

export type MailSenderDeps = {
  smtpUrl?: string;
  vault: KeyVault;
  prisma: PrismaClient;
  log: Logger;
};

export type OutboxEntry = {
  id: string;
  orderId: string;
  recipient: string;
  subject: string;
  createdAt: Date;
  raw: string;
};

/**
 * Sends through SMTP_URL when it is set. Without it, every mail is kept in the outbox table
 * instead, sealed like the keys it carries, so a demo or a development install delivers
 * end to end and `readOutbox` shows what the customer would have received.
 */
export function createMailSender({ smtpUrl, vault, prisma, log }: MailSenderDeps): MailSender {
  const via = smtpUrl ? "smtp" : "outbox";
  const deliver = smtpUrl ? sendOverSmtp(smtpUrl) : keepInOutbox(vault, prisma);
  if (!smtpUrl) log.info("SMTP_URL not set: mails are sealed into the outbox instead of sent");

  return {
    async send({ orderId, ...mail }) {
      const messageId = await deliver(orderId, mail);

      // Ids only: the body holds keys, and the recipient is personal data.
      log.info({ orderId, via, messageId }, via === "smtp" ? "mail sent" : "mail kept in outbox");
      return { via, messageId };
    },
  };
}

/**
 * The outbox mails, oldest first, opened back to their raw RFC 822 text. Creation times keep
 * milliseconds, so mails created within the same millisecond come in no particular order.
 */
export async function readOutbox(
  prisma: PrismaClient,
  vault: KeyVault,
  filter: { orderId?: string } = {},
): Promise<OutboxEntry[]> {
  const rows = await prisma.outboxMail.findMany({
    where: { orderId: filter.orderId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(({ seal, ...row }) => ({
    ...row,
    raw: vault.openText(seal, sealContext(row.id)),
  }));
}

type Deliver = (orderId: string, mail: SendMailOptions) => Promise<string>;

function sendOverSmtp(smtpUrl: string): Deliver {
  const transport = createTransport(smtpUrl);
  return async (_orderId, mail) => (await transport.sendMail(mail)).messageId;
}

function keepInOutbox(vault: KeyVault, prisma: PrismaClient): Deliver {
  // CRLF line ends, so the stored message is a valid .eml exactly as SMTP would have carried it.
  const composer = createTransport({ streamTransport: true, buffer: true, newline: "windows" });

  return async (orderId, mail) => {
    const info = await composer.sendMail(mail);
    if (!Buffer.isBuffer(info.message)) throw new Error("stream transport returned no buffer");

    // The id is chosen here because the seal is bound to it.
    const id = randomUUID();
    const seal = vault.seal(info.message, sealContext(id));
    await prisma.outboxMail.create({
      data: {
        id,
        orderId,
        recipient: info.envelope.to.join(", "),
        subject: mail.subject ?? "",
        // Prisma's Bytes type wants an ArrayBuffer-backed array; a Buffer's type may be shared.
        seal: new Uint8Array(seal),
      },
    });
    return info.messageId;
  };
}

function sealContext(id: string): string {
  return "outbox:" + id;
}
