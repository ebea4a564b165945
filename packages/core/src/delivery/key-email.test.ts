import type { SendMailOptions } from "nodemailer";
import { describe, expect, it } from "vitest";
import { composeKeyEmail, type KeyEmailInput } from "./key-email.ts";

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");

function order(overrides: Partial<KeyEmailInput> = {}): KeyEmailInput {
  return {
    from: "Game Corner <keys@gamecorner.example>",
    to: "alice@example.com",
    customerName: "Alice",
    storeOrderRef: "1042",
    shopName: "Game Corner",
    items: [
      { productName: "Space Game", key: { kind: "text", code: "AAAA-BBBB-CCCC" } },
      { productName: "Racing Game", key: { kind: "text", code: "DDDD-EEEE-FFFF" } },
      {
        productName: "Gift Card",
        key: { kind: "image", mimeType: "image/png", data: PNG, fileName: "gift-card.png" },
      },
    ],
    ...overrides,
  };
}

describe("composeKeyEmail", () => {
  it("addresses the customer with the order reference in the subject", () => {
    const mail = composeKeyEmail(order());

    expect(mail.from).toBe("Game Corner <keys@gamecorner.example>");
    expect(mail.to).toBe("alice@example.com");
    expect(mail.subject).toBe("Your keys for order #1042");
  });

  it("does not double the hash of a reference that already has one", () => {
    const mail = composeKeyEmail(order({ storeOrderRef: "#1042" }));

    expect(mail.subject).toBe("Your keys for order #1042");
  });

  it("lists each text key on its own line after its product name", () => {
    const lines = textOf(composeKeyEmail(order())).split("\n");

    expect(lines).toContain("Space Game: AAAA-BBBB-CCCC");
    expect(lines).toContain("Racing Game: DDDD-EEEE-FFFF");
  });

  it("attaches image keys and names the attachment in the text", () => {
    const mail = composeKeyEmail(order());

    expect(textOf(mail).split("\n")).toContain("Gift Card: attached as gift-card.png");
    expect(mail.attachments).toEqual([
      { filename: "gift-card.png", content: PNG, contentType: "image/png" },
    ]);
  });

  it("greets the customer by name, or plainly when the name is unknown", () => {
    expect(textOf(composeKeyEmail(order()))).toMatch(/^Hi Alice,\n/);
    expect(textOf(composeKeyEmail(order({ customerName: undefined })))).toMatch(/^Hello,\n/);
  });

  it("keeps one key per line when a product name holds a line break", () => {
    const items: KeyEmailInput["items"] = [
      { productName: "Space\nGame", key: { kind: "text", code: "AAAA-BBBB-CCCC" } },
    ];
    const lines = textOf(composeKeyEmail(order({ items }))).split("\n");

    expect(lines).toContain("Space Game: AAAA-BBBB-CCCC");
  });

  it("shows every key in the HTML part too", () => {
    const html = htmlOf(composeKeyEmail(order()));

    expect(html).toContain("<li>Space Game: <code>AAAA-BBBB-CCCC</code></li>");
    expect(html).toContain("<li>Gift Card: attached as gift-card.png</li>");
  });

  it("escapes shop-supplied values in the HTML part", () => {
    const html = String(
      htmlOf(
        composeKeyEmail(
          order({
            customerName: 'Bob "<b>"',
            shopName: "Tom & Jerry's",
            items: [
              {
                productName: "<script>alert(1)</script>",
                key: { kind: "text", code: "<KEY&1>" },
              },
            ],
          }),
        ),
      ),
    );

    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("<code>&lt;KEY&amp;1&gt;</code>");
    expect(html).toContain("Hi Bob &quot;&lt;b&gt;&quot;,");
    expect(html).toContain("Tom &amp; Jerry&#39;s");
  });

  it("contains no links or remote images that could track the reader", () => {
    const html = htmlOf(composeKeyEmail(order()));

    expect(html).not.toMatch(/https?:|<img|<a\s/i);
  });
});

// nodemailer types `text` and `html` as string | Buffer | stream; composeKeyEmail writes strings.
function textOf(mail: SendMailOptions): string {
  return mail.text as string;
}

function htmlOf(mail: SendMailOptions): string {
  return mail.html as string;
}
