import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/config.ts";
import { openDatabase, type Database } from "../db/open-database.ts";
import { createLogger } from "../logger.ts";
import { KeyVault } from "../vault/key-vault.ts";
import { composeKeyEmail } from "./key-email.ts";
import { createMailSender, readOutbox } from "./mail-transport.ts";
import { startSmtpServer } from "../../../../test/support/smtp-server.ts";

const TEXT_KEY = "TXTK-7Q2W-9E4R-1T6Y";
const IMAGE_BYTES = Buffer.from("an image key, pretend it is a PNG");

function keyMail(orderId: string) {
  const mail = composeKeyEmail({
    from: "Game Corner <keys@gamecorner.example>",
    to: "alice@example.com",
    customerName: "Alice",
    storeOrderRef: "1042",
    shopName: "Game Corner",
    items: [
      { productName: "Space Game", key: { kind: "text", code: TEXT_KEY } },
      {
        productName: "Gift Card",
        key: { kind: "image", mimeType: "image/png", data: IMAGE_BYTES, fileName: "gift.png" },
      },
    ],
  });
  return { ...mail, orderId };
}

/** A logger writing to memory, so tests can read what would reach the log files. */
function memoryLogger() {
  const output = new PassThrough();
  const lines: string[] = [];
  output.on("data", (chunk: Buffer) => lines.push(...chunk.toString("utf8").trim().split("\n")));
  return { log: createLogger("info", output), lines };
}

let dataDir: string;
let db: Database;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
const vault = new KeyVault(randomBytes(32));

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pcdk-mail-"));
  db = await openDatabase(loadConfig({ DATA_DIR: dataDir }), createLogger("silent"));
  smtp = await startSmtpServer();
}, 120_000);

afterAll(async () => {
  await smtp?.close();
  await db?.close();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("createMailSender with an SMTP URL", () => {
  it("delivers the message to the SMTP server", async () => {
    const orderId = randomUUID();
    const { log } = memoryLogger();
    const sender = createMailSender({ smtpUrl: smtp.url, vault, prisma: db.prisma, log });

    const sent = await sender.send(keyMail(orderId));

    expect(sent.via).toBe("smtp");
    const raw = smtp.received.find((message) => message.includes(sent.messageId));
    expect(raw).toBeDefined();
    expect(raw).toMatch(/^To: alice@example\.com\r$/m);
    expect(raw).toMatch(/^Subject: Your keys for order #1042\r$/m);
    expect(raw).toContain(`Space Game: ${TEXT_KEY}`);
    expect(raw).toContain("Gift Card: attached as gift.png");
  });

  it("carries image keys as base64 attachments with their type and file name", async () => {
    const sender = createMailSender({
      smtpUrl: smtp.url,
      vault,
      prisma: db.prisma,
      log: createLogger("silent"),
    });

    const sent = await sender.send(keyMail(randomUUID()));

    const raw = smtp.received.find((message) => message.includes(sent.messageId)) ?? "";
    const part = raw.split(/^--.*\r$/m).find((chunk) => chunk.includes("filename=gift.png"));
    expect(part).toBeDefined();
    expect(part).toMatch(/^Content-Type: image\/png; name=gift\.png\r$/m);
    expect(part).toMatch(/^Content-Transfer-Encoding: base64\r$/m);
    expect(part).toMatch(/^Content-Disposition: attachment; filename=gift\.png\r$/m);
    expect(part).toContain(IMAGE_BYTES.toString("base64"));
  });

  it("keeps nothing in the outbox", async () => {
    const orderId = randomUUID();
    const sender = createMailSender({
      smtpUrl: smtp.url,
      vault,
      prisma: db.prisma,
      log: createLogger("silent"),
    });

    await sender.send(keyMail(orderId));

    expect(await readOutbox(db.prisma, vault, { orderId })).toEqual([]);
  });
});

describe("createMailSender without an SMTP URL", () => {
  it("keeps the message in the outbox with its recipient and subject", async () => {
    const orderId = randomUUID();
    const sender = createMailSender({ vault, prisma: db.prisma, log: createLogger("silent") });

    const sent = await sender.send(keyMail(orderId));

    expect(sent.via).toBe("outbox");
    const rows = await db.prisma.outboxMail.findMany({ where: { orderId } });
    expect(rows).toHaveLength(1);
    expect(rows[0].recipient).toBe("alice@example.com");
    expect(rows[0].subject).toBe("Your keys for order #1042");
  });

  it("stores the message sealed, never the key in plain text", async () => {
    const orderId = randomUUID();
    const sender = createMailSender({ vault, prisma: db.prisma, log: createLogger("silent") });

    await sender.send(keyMail(orderId));

    const row = await db.prisma.outboxMail.findFirstOrThrow({ where: { orderId } });
    const stored = Buffer.from(row.seal);
    expect(stored.includes(TEXT_KEY)).toBe(false);
    expect(stored.includes("alice@example.com")).toBe(false);
    expect(stored.includes(IMAGE_BYTES.toString("base64"))).toBe(false);
  });

  it("reads the outbox back as the raw message holding the keys", async () => {
    const orderId = randomUUID();
    const sender = createMailSender({ vault, prisma: db.prisma, log: createLogger("silent") });

    const sent = await sender.send(keyMail(orderId));
    const [mail, ...others] = await readOutbox(db.prisma, vault, { orderId });

    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      orderId,
      recipient: "alice@example.com",
      subject: "Your keys for order #1042",
    });
    expect(mail.createdAt).toBeInstanceOf(Date);
    expect(mail.raw).toContain(`Message-ID: ${sent.messageId}`);
    expect(mail.raw).toContain(`Space Game: ${TEXT_KEY}`);
    expect(mail.raw).toContain(IMAGE_BYTES.toString("base64"));
  });

  it("reads only the mails of the order asked for, oldest first", async () => {
    const orderId = randomUUID();
    const otherOrderId = randomUUID();
    const sender = createMailSender({ vault, prisma: db.prisma, log: createLogger("silent") });

    const first = await sender.send(keyMail(orderId));
    await sender.send(keyMail(otherOrderId));
    // created_at keeps milliseconds, so two mails of the same millisecond have no defined order.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await sender.send(keyMail(orderId));
    const mails = await readOutbox(db.prisma, vault, { orderId });

    expect(mails.map((mail) => mail.orderId)).toEqual([orderId, orderId]);
    expect(mails[0].raw).toContain(first.messageId);
    expect(mails[1].raw).toContain(second.messageId);
  });
});

describe("mail sender logging", () => {
  it.each([
    ["smtp", () => smtp.url],
    ["outbox", () => undefined],
  ])("logs only ids when sending via %s", async (via, smtpUrl) => {
    const orderId = randomUUID();
    const { log, lines } = memoryLogger();
    const sender = createMailSender({ smtpUrl: smtpUrl(), vault, prisma: db.prisma, log });

    const sent = await sender.send(keyMail(orderId));

    const entry = lines.map((line) => JSON.parse(line)).find((line) => line.orderId === orderId);
    expect(entry).toMatchObject({ orderId, via, messageId: sent.messageId });
    const everything = lines.join("\n");
    expect(everything).not.toContain(TEXT_KEY);
    expect(everything).not.toContain("alice@example.com");
    expect(everything).not.toContain(IMAGE_BYTES.toString("base64"));
  });
});
