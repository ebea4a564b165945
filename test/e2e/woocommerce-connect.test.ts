import { execFile } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeWooCommerce } from "../support/fake-woocommerce/fake-woocommerce.ts";
import { isolatedEnv } from "../support/isolated-env.ts";
import { postWoo } from "../support/shop-deliveries.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { connectedFakeShop, useServerAddress } from "../support/woo-shop.ts";

let server: TestServer;
let shop: FakeWooCommerce;

beforeAll(async () => {
  server = await startTestServer();
  useServerAddress(server);
  shop = await FakeWooCommerce.start();
});
afterAll(async () => {
  await shop.close();
  await server.close();
});

const connections = () => server.platform.shopConnections!;
const prisma = () => server.platform.db.prisma;

function connect(url: string, consumerKey: string, consumerSecret: string) {
  return connections().connectWooCommerce({
    accountId: server.demo.account_id,
    url,
    consumerKey,
    consumerSecret,
  });
}

async function wooShopCount() {
  return prisma().shop.count({ where: { platform: "woocommerce", active: true } });
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("connecting a WooCommerce shop", () => {
  it("registers exactly two webhooks with our secret, pinged and answered 200", async () => {
    const { shop: connected, shopId, key } = await connectedFakeShop(server);
    try {
      const hooks = [...connected.webhooks.values()];
      expect(hooks.map((hook) => hook.topic).sort()).toEqual(["order.created", "order.updated"]);
      const deliveryUrl = `${server.url}/api/webhook/woocommerce/${shopId}`;
      expect(hooks.every((hook) => hook.delivery_url === deliveryUrl)).toBe(true);
      expect(hooks.every((hook) => hook.status === "active" && !hook.pendingDelivery)).toBe(true);

      // One secret for both, alphanumeric, and the one our server checks deliveries with.
      const secret = hooks[0].secret;
      expect(secret).toMatch(/^[A-Za-z0-9]{40,}$/);
      expect(hooks[1].secret).toBe(secret);
      expect((await server.platform.shops.find(shopId))?.webhookSecret).toBe(secret);
      expect(connected.deliveries.filter((delivery) => delivery.topic === "ping")).toEqual([
        expect.objectContaining({ status: 200, ok: true }),
        expect.objectContaining({ status: 200, ok: true }),
      ]);

      // The keys are stored sealed and listed masked.
      const row = await prisma().wooConnection.findUniqueOrThrow({ where: { shopId } });
      expect(Buffer.from(row.consumerSecretSeal).includes(key.consumerSecret)).toBe(false);
      const listed = (await connections().list()).find((entry) => entry.id === shopId);
      expect(listed?.woocommerce?.consumerKey).toBe(`ck_…${key.consumerKey.slice(-4)}`);
      expect(JSON.stringify(await connections().list())).not.toContain(key.consumerSecret);
    } finally {
      await connected.close();
    }
  });

  it("refuses wrong keys with WRONG_KEYS and creates nothing", async () => {
    const before = await wooShopCount();
    const result = await connect(shop.url, `ck_${"a".repeat(40)}`, `cs_${"b".repeat(40)}`);

    expect(result).toMatchObject({ ok: false, code: "WRONG_KEYS" });
    expect(await wooShopCount()).toBe(before);
    expect(shop.webhooks.size).toBe(0);
  });

  it("refuses a right key with a wrong secret with WRONG_KEYS", async () => {
    const key = shop.createKey();
    const result = await connect(shop.url, key.consumerKey, `cs_${"c".repeat(40)}`);

    expect(result).toMatchObject({ ok: false, code: "WRONG_KEYS" });
    expect(shop.webhooks.size).toBe(0);
  });

  it("refuses read-only keys with READ_ONLY_KEYS and creates nothing", async () => {
    const before = await wooShopCount();
    const key = shop.createKey("read");
    const result = await connect(shop.url, key.consumerKey, key.consumerSecret);

    expect(result).toMatchObject({ ok: false, code: "READ_ONLY_KEYS" });
    expect(result.ok || result.message).toMatch(/Read\/Write/);
    expect(await wooShopCount()).toBe(before);
    expect(shop.webhooks.size).toBe(0);
    expect(await prisma().wooConnection.count({ where: { url: shop.url } })).toBe(0);
  });

  it("refuses an unreachable shop with SHOP_UNREACHABLE and creates nothing", async () => {
    const before = await wooShopCount();
    const result = await connect(
      `http://127.0.0.1:${await closedPort()}`,
      `ck_${"d".repeat(40)}`,
      `cs_${"e".repeat(40)}`,
    );

    expect(result).toMatchObject({ ok: false, code: "SHOP_UNREACHABLE" });
    expect(await wooShopCount()).toBe(before);
  });

  it("tells plain permalinks apart from a site without WooCommerce", async () => {
    const key = shop.createKey();
    shop.plainPermalinks = true;
    try {
      const result = await connect(shop.url, key.consumerKey, key.consumerSecret);
      expect(result).toMatchObject({ ok: false, code: "PLAIN_PERMALINKS" });
      expect(result.ok || result.message).toMatch(/Settings > Permalinks/);
    } finally {
      shop.plainPermalinks = false;
    }
    expect(shop.webhooks.size).toBe(0);
  });

  it.each([
    ["http://shop.example.com", "INSECURE_URL"],
    ["https://169.254.169.254", "PRIVATE_ADDRESS"],
    ["https://10.0.0.7/shop", "PRIVATE_ADDRESS"],
    ["https://[fd00::1]", "PRIVATE_ADDRESS"],
    ["https://user:pass@shop.example.com", "INVALID_URL"],
    ["ftp://shop.example.com", "INVALID_URL"],
    ["not a url", "INVALID_URL"],
  ])("refuses %s with %s before any request", async (url, code) => {
    const requests = shop.requests.length;
    const result = await connect(url, `ck_${"f".repeat(40)}`, `cs_${"f".repeat(40)}`);

    expect(result).toMatchObject({ ok: false, code });
    expect(shop.requests.length).toBe(requests);
  });

  it("refuses malformed keys and unknown accounts", async () => {
    const badKey = await connect(shop.url, "ck_x y", `cs_${"a".repeat(40)}`);
    expect(badKey).toMatchObject({ ok: false, code: "VALIDATION_ERROR" });

    const key = shop.createKey();
    const unknown = await connections().connectWooCommerce({
      accountId: crypto.randomUUID(),
      url: shop.url,
      consumerKey: key.consumerKey,
      consumerSecret: key.consumerSecret,
    });
    expect(unknown).toMatchObject({ ok: false, code: "ACCOUNT_NOT_FOUND" });
    expect(shop.webhooks.size).toBe(0);
  });

  it("refuses a second connection of the same shop", async () => {
    const { shop: connected } = await connectedFakeShop(server);
    try {
      const key = connected.createKey();
      const again = await connect(connected.url, key.consumerKey, key.consumerSecret);
      expect(again).toMatchObject({ ok: false, code: "SHOP_ALREADY_CONNECTED" });
      expect(connected.webhooks.size).toBe(2);
    } finally {
      await connected.close();
    }
  });
});

describe("disconnecting", () => {
  it("removes our webhooks and refuses later deliveries in the envelope", async () => {
    const { shop: connected, shopId } = await connectedFakeShop(server);
    try {
      const secret = [...connected.webhooks.values()][0].secret;
      const result = await connections().disconnect(shopId);

      expect(result).toEqual({ ok: true, webhooksRemoved: true });
      expect(connected.webhooks.size).toBe(0);
      expect(await prisma().wooConnection.count({ where: { shopId } })).toBe(0);

      const body = JSON.stringify({ id: 1, status: "processing", currency: "EUR", line_items: [] });
      const response = await postWoo(
        `${server.url}/api/webhook/woocommerce/${shopId}`,
        secret,
        body,
      );
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        error: { code: "SHOP_NOT_FOUND", message: "No such shop", details: {} },
      });
    } finally {
      await connected.close();
    }
  });

  it("still disconnects an unreachable shop, with a warning to remove its webhooks", async () => {
    const { shop: connected, shopId } = await connectedFakeShop(server);
    await connected.close();

    const result = await connections().disconnect(shopId);

    expect(result).toMatchObject({ ok: true, webhooksRemoved: false });
    expect(result.ok && result.warning).toMatch(/SHOP_UNREACHABLE.*Settings > Advanced > Webhooks/);
    expect(await prisma().wooConnection.count({ where: { shopId } })).toBe(0);
    expect(await server.platform.shops.find(shopId)).toBeUndefined();
  });

  it("refuses to disconnect a Shopify shop and leaves it active", async () => {
    const shopify = server.demo.shops.shopify.id;
    const refused = await connections().disconnect(shopify);
    expect(refused).toMatchObject({ ok: false, code: "NOT_A_WOOCOMMERCE_SHOP" });
    expect(await prisma().shop.findUniqueOrThrow({ where: { id: shopify } })).toMatchObject({
      active: true,
    });
  });

  it("answers SHOP_NOT_FOUND for unknown ids and for another account's shop", async () => {
    expect(await connections().disconnect("not-an-id")).toMatchObject({ code: "SHOP_NOT_FOUND" });
    const { shop: connected, shopId } = await connectedFakeShop(server);
    try {
      const other = await connections().disconnect(shopId, { accountId: crypto.randomUUID() });
      expect(other).toMatchObject({ ok: false, code: "SHOP_NOT_FOUND" });
      expect(connected.webhooks.size).toBe(2);
    } finally {
      await connections().disconnect(shopId);
      await connected.close();
    }
  });
});

const root = fileURLToPath(new URL("../..", import.meta.url));

/** `npm run shops -- ...` against the running server's data folder, without npm in between. */
function shopsCommand(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [tsxCli, "app/src/cli/shops.ts", ...args],
      {
        cwd: root,
        env: { ...isolatedEnv(), DATA_DIR: server.dataDir, APP_URL: server.url, LOG_LEVEL: "info" },
        timeout: 90_000,
      },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: number }).code ?? 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe("npm run shops", () => {
  it("connects, lists with the key masked, and disconnects", async () => {
    const cliShop = await FakeWooCommerce.start();
    try {
      const key = cliShop.createKey();
      const connected = await shopsCommand([
        "connect-woo",
        "--account",
        server.demo.account_id,
        "--url",
        cliShop.url,
        "--key",
        key.consumerKey,
        "--secret",
        key.consumerSecret,
      ]);
      expect(connected.code, connected.stderr).toBe(0);
      const shopId = connected.stdout.trim();
      expect(shopId).toMatch(/^[0-9a-f-]{36}$/);
      expect(cliShop.webhooks.size).toBe(2);
      const deliveryUrl = `${server.url}/api/webhook/woocommerce/${shopId}`;
      expect(
        [...cliShop.webhooks.values()].every((hook) => hook.delivery_url === deliveryUrl),
      ).toBe(true);

      const listed = await shopsCommand(["list"]);
      expect(listed.code).toBe(0);
      const line = listed.stdout.split("\n").find((entry) => entry.startsWith(shopId));
      expect(line).toContain(`key=ck_…${key.consumerKey.slice(-4)}`);
      for (const output of [connected, listed]) {
        expect(output.stdout + output.stderr).not.toContain(key.consumerSecret);
        expect(output.stdout + output.stderr).not.toContain(key.consumerKey);
      }

      const disconnected = await shopsCommand(["disconnect", shopId]);
      expect(disconnected.code).toBe(0);
      expect(cliShop.webhooks.size).toBe(0);

      const refused = await shopsCommand([
        "connect-woo",
        "--account",
        server.demo.account_id,
        "--url",
        cliShop.url,
        "--key",
        key.consumerKey,
        "--secret",
        "cs_wrongwrongwrong",
      ]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("error WRONG_KEYS");
      expect(refused.stdout).toBe("");
    } finally {
      await cliShop.close();
    }
    // Three command processes, each opening the database: long on a busy machine.
  }, 180_000);
});
