import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWooCommerce } from "../../../test/support/fake-woocommerce/fake-woocommerce.ts";
import { makeTestCertificate } from "../../../test/support/fake-woocommerce/test-certificate.ts";
import { createWooConnector } from "./woo-connector.ts";

const tls = makeTestCertificate();
// The deliveries' target does not matter here: pings that fail are ignored by WooCommerce.
const specs = [
  { topic: "order.created", deliveryUrl: "http://127.0.0.1:9/hook", secret: "S3cretS3cret" },
  { topic: "order.updated", deliveryUrl: "http://127.0.0.1:9/hook", secret: "S3cretS3cret" },
];
const policy = { allowLoopback: true };

describe("the connector over HTTPS", () => {
  let shop: FakeWooCommerce;
  beforeAll(async () => {
    shop = await FakeWooCommerce.start({ tls });
  });
  afterAll(() => shop.close());

  it("authenticates with Basic auth, never OAuth or keys in the query", async () => {
    const key = shop.createKey();
    const connector = createWooConnector({ timeoutMs: 5000, addressPolicy: policy, ca: tls.cert });
    const access = {
      url: shop.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    };

    const result = await connector.connect(access, specs);

    expect(result.ok).toBe(true);
    expect(shop.webhooks.size).toBe(2);
    const apiCalls = shop.requests.filter((request) => request.path.startsWith("/wp-json/"));
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(apiCalls.every((request) => request.auth === "basic")).toBe(true);
  });

  it("refuses a certificate it does not trust with TLS_ERROR, sending nothing", async () => {
    const key = shop.createKey();
    const connector = createWooConnector({ timeoutMs: 5000, addressPolicy: policy });
    const before = shop.requests.length;

    const result = await connector.connect(
      { url: shop.url, consumerKey: key.consumerKey, consumerSecret: key.consumerSecret },
      specs,
    );

    expect(result).toMatchObject({ ok: false, error: { code: "TLS_ERROR" } });
    expect(shop.requests.length).toBe(before);
  });
});

describe("the connector's address guard", () => {
  it("refuses a name that resolves to loopback when loopback is not allowed", async () => {
    const shop = await FakeWooCommerce.start();
    try {
      const key = shop.createKey();
      const connector = createWooConnector({
        timeoutMs: 5000,
        addressPolicy: { allowLoopback: false },
      });
      const url = shop.url.replace("127.0.0.1", "localhost");

      const result = await connector.connect(
        { url, consumerKey: key.consumerKey, consumerSecret: key.consumerSecret },
        specs,
      );

      expect(result).toMatchObject({ ok: false, error: { code: "PRIVATE_ADDRESS" } });
      expect(shop.requests).toHaveLength(0);
    } finally {
      await shop.close();
    }
  });

  it("answers NOT_WOOCOMMERCE for a web site without WooCommerce", async () => {
    const http = await import("node:http");
    const site = http.createServer((_request, response) => {
      response.writeHead(404, { "content-type": "text/html" }).end("<html>Not found</html>");
    });
    await new Promise<void>((resolve) => site.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = site.address() as { port: number };
      const connector = createWooConnector({ timeoutMs: 5000, addressPolicy: policy });
      const result = await connector.connect(
        {
          url: `http://127.0.0.1:${port}`,
          consumerKey: "ck_abcdefgh",
          consumerSecret: "cs_abcdefgh",
        },
        specs,
      );
      expect(result).toMatchObject({ ok: false, error: { code: "NOT_WOOCOMMERCE" } });
    } finally {
      site.close();
    }
  });

  it("does not follow redirects", async () => {
    const http = await import("node:http");
    let hits = 0;
    const redirector = http.createServer((_request, response) => {
      hits++;
      // Shops echo the request's query in redirects: our OAuth consumer key must not surface.
      response
        .writeHead(301, { location: "http://127.0.0.1:9/elsewhere?oauth_consumer_key=ck_abcdefgh" })
        .end();
    });
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = redirector.address() as { port: number };
      const connector = createWooConnector({ timeoutMs: 5000, addressPolicy: policy });
      const result = await connector.connect(
        {
          url: `http://127.0.0.1:${port}`,
          consumerKey: "ck_abcdefgh",
          consumerSecret: "cs_abcdefgh",
        },
        specs,
      );
      expect(result).toMatchObject({ ok: false, error: { code: "SHOP_ERROR" } });
      expect(result.ok || result.error.message).toContain("http://127.0.0.1:9/elsewhere");
      expect(result.ok || result.error.message).not.toContain("ck_abcdefgh");
      expect(hits).toBe(1);
    } finally {
      redirector.close();
    }
  });
});
