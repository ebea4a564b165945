import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixture, postShopify } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("keys at rest", () => {
  it("appear neither in the database files nor in the logs", async () => {
    const shop = server.demo.shops.shopify;
    await postShopify(shop.webhook_url, shop.webhook_secret, fixture("shopify/orders-paid.json"));
    const order = await waitFor(async () => {
      const found = await server.platform.db.prisma.order.findFirst({
        where: { shopId: shop.id },
        include: { purchases: { include: { key: true } } },
      });
      return found?.status === "delivered" ? found : undefined;
    });
    const codes = order.purchases.map((purchase) =>
      server.platform.vault.openText(purchase.key!.seal, `key:${purchase.id}`),
    );
    expect(codes).toHaveLength(4);
    expect(codes[0]).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/);

    // Close first so PGlite writes everything it holds in memory to the data folder.
    const dataDir = server.dataDir;
    await server.close();
    const files = filesUnder(dataDir);
    // The scan would see plain text: the customer's email, stored unsealed, is found.
    const plain = Buffer.from("ada.buyer@example.com");
    expect(files.some((file) => fs.readFileSync(file).includes(plain))).toBe(true);
    expect(files.some((file) => file.includes(`${path.sep}pglite${path.sep}`))).toBe(true);
    for (const file of files) {
      const bytes = fs.readFileSync(file);
      for (const code of codes) {
        expect(bytes.includes(Buffer.from(code)), `${code} found in ${file}`).toBe(false);
        expect(bytes.includes(Buffer.from(code, "utf16le")), `${code} found in ${file}`).toBe(
          false,
        );
      }
    }
    const log = fs.readFileSync(server.logFile, "utf8");
    expect(log).toContain(order.id);
    expect(log).not.toContain(server.demo.api_key);
    expect(log).not.toContain(shop.webhook_secret);

    server = await startTestServer({}, dataDir);
  });
});
