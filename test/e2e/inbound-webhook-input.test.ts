import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { base64Hmac, fixture, postShopify, postWoo } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const prisma = () => server.platform.db.prisma;
const shopify = () => server.demo.shops.shopify;
const woo = () => server.demo.shops.woocommerce;

async function expectNothingRecorded(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  const body = await response.json();
  expect(body).toEqual({
    error: { code, message: expect.any(String), details: expect.any(Object) },
  });
  expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  expect(await prisma().inboundWebhook.count()).toBe(0);
  expect(await prisma().order.count()).toBe(0);
}

describe("rejected deliveries change nothing", () => {
  const body = fixture("shopify/orders-paid.json");

  it.each([
    [
      "a wrong Shopify signature",
      () =>
        postShopify(shopify().webhook_url, shopify().webhook_secret, body, {
          signature: base64Hmac(body, "not-the-secret"),
        }),
      401,
      "INVALID_SIGNATURE",
    ],
    [
      "a missing Shopify signature",
      () => postShopify(shopify().webhook_url, "", body, { signature: "" }),
      401,
      "INVALID_SIGNATURE",
    ],
    [
      "a signature over the re-serialised body",
      () =>
        postShopify(shopify().webhook_url, shopify().webhook_secret, body, {
          signature: base64Hmac(JSON.stringify(JSON.parse(body)), shopify().webhook_secret),
        }),
      401,
      "INVALID_SIGNATURE",
    ],
    [
      "a wrong WooCommerce signature",
      () =>
        postWoo(woo().webhook_url, woo().webhook_secret, body, {
          signature: base64Hmac(body, "nope"),
        }),
      401,
      "INVALID_SIGNATURE",
    ],
    [
      "the Shopify secret used on the WooCommerce shop",
      () =>
        postWoo(
          woo().webhook_url,
          shopify().webhook_secret,
          fixture("woocommerce/order-processing.json"),
        ),
      401,
      "INVALID_SIGNATURE",
    ],
    [
      "malformed JSON, correctly signed",
      () =>
        postShopify(shopify().webhook_url, shopify().webhook_secret, '{"id": 1, "line_items": ['),
      400,
      "MALFORMED_JSON",
    ],
    [
      "an unknown shop id",
      () =>
        postShopify(
          shopify().webhook_url.replace(/[^/]+$/, crypto.randomUUID()),
          shopify().webhook_secret,
          body,
        ),
      404,
      "SHOP_NOT_FOUND",
    ],
    [
      "a Shopify shop id on the WooCommerce path",
      () =>
        postWoo(woo().webhook_url.replace(woo().id, shopify().id), shopify().webhook_secret, body),
      404,
      "SHOP_NOT_FOUND",
    ],
    [
      "a body over 5 MB",
      () =>
        postShopify(
          shopify().webhook_url,
          shopify().webhook_secret,
          JSON.stringify({ pad: "x".repeat(5 * 1024 * 1024 + 10) }),
        ),
      413,
      "PAYLOAD_TOO_LARGE",
    ],
    [
      "a Shopify delivery without X-Shopify-Webhook-Id",
      () =>
        postShopify(shopify().webhook_url, shopify().webhook_secret, body, {
          headers: { "x-shopify-webhook-id": "" },
        }),
      400,
      "INVALID_WEBHOOK",
    ],
  ])("answers %s with the error envelope", async (_name, send, status, code) => {
    await expectNothingRecorded(await send(), status, code);
  });

  type ShopifyBody = Record<string, unknown> & { line_items: Record<string, unknown>[] };
  // Each case breaks one field of the fixture.
  const order = (change: (body: ShopifyBody) => void) => {
    const body = JSON.parse(fixture("shopify/orders-paid.json")) as ShopifyBody;
    change(body);
    return JSON.stringify(body);
  };

  it.each([
    [
      "without an id",
      order((body) => {
        delete body.id;
        delete body.admin_graphql_api_id;
      }),
    ],
    [
      "with no lines",
      order((body) => {
        body.line_items = [];
      }),
    ],
    [
      "with quantity 0",
      order((body) => {
        body.line_items[0].quantity = 0;
      }),
    ],
    [
      "with a negative quantity",
      order((body) => {
        body.line_items[0].quantity = -1;
      }),
    ],
    [
      "with a fractional quantity",
      order((body) => {
        body.line_items[0].quantity = 1.5;
      }),
    ],
    [
      "with an absurd quantity",
      order((body) => {
        body.line_items[0].quantity = 1e9;
      }),
    ],
    [
      "with an unknown currency",
      order((body) => {
        body.currency = "XYZ";
      }),
    ],
    [
      "with a price that is not a number",
      order((body) => {
        body.line_items[0].price = "free";
      }),
    ],
    [
      "with a total beyond what can be stored",
      order((body) => {
        body.total_price = "99999999999.00";
      }),
    ],
    ["that is not an order at all", JSON.stringify({ hello: "world" })],
  ])("refuses a signed Shopify order %s with 400 INVALID_ORDER", async (_name, body) => {
    const response = await postShopify(shopify().webhook_url, shopify().webhook_secret, body);
    await expectNothingRecorded(response, 400, "INVALID_ORDER");
  });

  it.each([
    [
      "an id that disagrees with its admin_graphql_api_id",
      order((body) => {
        body.id = 1;
      }),
      /id and admin_graphql_api_id name different records/,
    ],
    [
      "a line item whose two ids disagree",
      order((body) => {
        body.line_items[0].id = 1;
      }),
      /line item's id and admin_graphql_api_id/,
    ],
    [
      "a day that does not exist",
      order((body) => {
        body.processed_at = "2026-02-30T10:00:00-05:00";
        body.updated_at = "2026-02-28T10:00:00-05:00";
      }),
      /^processed_at: /,
    ],
    [
      "a NUL inside the email address",
      order((body) => {
        body.email = "buyer@example.com\u0000.attacker.example";
      }),
      /^email: contains NUL/,
    ],
    [
      "a negative total",
      order((body) => {
        body.total_price = "-1.00";
      }),
      /^total_price: /,
    ],
    [
      "a negative line price",
      order((body) => {
        body.line_items[0].price = "-5.00";
      }),
      /^line_items\.0\.price: /,
    ],
  ])("refuses %s and names the shop's field", async (_name, body, message) => {
    const response = await postShopify(shopify().webhook_url, shopify().webhook_secret, body);
    const answer = (await response.clone().json()) as { error: { message: string } };
    expect(answer.error.message).toMatch(message);
    await expectNothingRecorded(response, 400, "INVALID_ORDER");
  });

  it("refuses a WooCommerce order paid on a day that does not exist, naming date_paid_gmt", async () => {
    const body = JSON.parse(fixture("woocommerce/order-processing.json"));
    body.date_paid_gmt = "2026-04-31T09:00:00";
    const response = await postWoo(woo().webhook_url, woo().webhook_secret, JSON.stringify(body));
    const answer = (await response.clone().json()) as { error: { message: string } };
    expect(answer.error.message).toMatch(/^date_paid_gmt: /);
    await expectNothingRecorded(response, 400, "INVALID_ORDER");
  });

  it("answers the unsigned WooCommerce ping 200 and records nothing", async () => {
    const response = await fetch(woo().webhook_url, {
      method: "POST",
      body: "webhook_id=17",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        "user-agent": "WooCommerce/9.4.2 Hookshot (WordPress/6.7)",
      },
    });
    expect(response.status).toBe(200);
    expect(await prisma().inboundWebhook.count()).toBe(0);
  });
});

describe("accepted bodies keep every byte and digit", () => {
  // JSON.stringify cannot write these: the id is beyond 2^53, the slashes are escaped as
  // WordPress does, the names hold emoji and Cyrillic, lines end in CRLF.
  const bigId = "9007199254740993123";
  const texts = {
    unicode: `{"id":${bigId},"admin_graphql_api_id":"gid:\\/\\/shopify\\/Order\\/${bigId}","name":"#7001","email":"\u043f\u043e\u043a\u0443\u043f\u0430\u0442\u0435\u043b\u044c@example.com","currency":"EUR","total_price":"44.99","financial_status":"paid","line_items":[{"id":${bigId}1,"product_id":8123456789012,"variant_id":null,"sku":"STEAM-STARFIELD-EU","name":"Starfield \ud83d\ude80 \u0418\u0433\u0440\u0430","quantity":1,"price":"44.99"}]}\n`,
  };

  it("stores an id above 2^53 digit for digit, with emoji, Cyrillic and escaped slashes", async () => {
    const response = await postShopify(
      shopify().webhook_url,
      shopify().webhook_secret,
      texts.unicode,
    );
    expect(response.status).toBe(200);
    const order = await waitFor(() =>
      prisma().order.findFirst({ where: { externalId: bigId }, include: { lines: true } }),
    );
    expect(order.externalId).toBe(bigId);
    expect(order.lines[0].externalLineId).toBe(`${bigId}1`);
    expect(order.lines[0].name).toBe("Starfield \u{1F680} \u0418\u0433\u0440\u0430");
  });

  it("accepts a body with CRLF line breaks and a trailing newline", async () => {
    const pretty =
      fixture("woocommerce/order-processing.json")
        .replace(/\n/g, "\r\n")
        .replace(/"id": 4321/, '"id": 7002') + "\r\n";
    const response = await postWoo(woo().webhook_url, woo().webhook_secret, pretty);
    expect(response.status).toBe(200);
    const order = await waitFor(() =>
      prisma().order.findFirst({ where: { externalId: "7002" }, include: { lines: true } }),
    );
    expect(order.lines.map((line) => line.name)).toContain("Starfield \u2013 Steam key (EU)");
  });
});
