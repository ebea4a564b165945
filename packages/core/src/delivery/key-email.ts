import type { SendMailOptions } from "nodemailer";
import type { Address } from "nodemailer/lib/mailer";

export type EmailKey =
  | { kind: "text"; code: string }
  | { kind: "image"; mimeType: string; data: Buffer; fileName: string };

export type KeyEmailItem = { productName: string; key: EmailKey };

export type KeyEmailInput = {
  /** "Name <address>", or the parts apart (nodemailer encodes a name with any characters). */
  from: string | Address;
  to: string;
  customerName?: string;
  storeOrderRef: string;
  shopName: string;
  items: KeyEmailItem[];
};

/**
 * The mail that hands a customer the keys of one order: a plain text part with one key per line,
 * the same content as simple HTML, and image keys as attachments. No remote images, no links, no
 * tracking of any kind.
 *
 * @example
 * composeKeyEmail({
 *   from: "Keys <keys@example.com>",
 *   to: "alice@example.com",
 *   storeOrderRef: "1042",
 *   shopName: "Game Corner",
 *   items: [{ productName: "Space Game", key: { kind: "text", code: "AAAA-BBBB" } }],
 * }).subject; // "Your keys for order #1042"
 */
export function composeKeyEmail(input: KeyEmailInput): SendMailOptions {
  const orderRef = "#" + oneLine(input.storeOrderRef).replace(/^#/, "");
  const greeting = input.customerName ? `Hi ${oneLine(input.customerName)},` : "Hello,";
  const intro = `Thank you for your order ${orderRef} at ${oneLine(input.shopName)}.`;
  const lines = input.items.map((item) => ({
    productName: oneLine(item.productName),
    value: item.key.kind === "text" ? item.key.code : `attached as ${oneLine(item.key.fileName)}`,
    isCode: item.key.kind === "text",
  }));

  const text = [
    greeting,
    "",
    intro,
    "Here are your keys:",
    "",
    ...lines.map((line) => `${line.productName}: ${line.value}`),
    "",
    "Please keep this email somewhere safe: it is your copy of the keys.",
    "",
    oneLine(input.shopName),
    "",
  ].join("\n");

  const html = [
    "<!doctype html>",
    '<html><body style="font-family: sans-serif; line-height: 1.5;">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}<br>Here are your keys:</p>`,
    "<ul>",
    ...lines.map((line) => {
      const value = line.isCode ? `<code>${escapeHtml(line.value)}</code>` : escapeHtml(line.value);
      return `<li>${escapeHtml(line.productName)}: ${value}</li>`;
    }),
    "</ul>",
    "<p>Please keep this email somewhere safe: it is your copy of the keys.</p>",
    `<p>${escapeHtml(oneLine(input.shopName))}</p>`,
    "</body></html>",
    "",
  ].join("\n");

  const attachments = input.items.flatMap(({ key }) =>
    key.kind === "image"
      ? [{ filename: key.fileName, content: key.data, contentType: key.mimeType }]
      : [],
  );

  return {
    from: input.from,
    to: input.to,
    subject: `Your keys for order ${orderRef}`,
    text,
    html,
    attachments,
  };
}

// Names come from shops and suppliers; a line break in one must not break "one key per line".
function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}

const HTML_ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ENTITIES[char]);
}
