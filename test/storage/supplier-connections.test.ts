import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SandboxSupplier } from "@premiumcdkeys/suppliers";
import { KeyVault } from "../../packages/core/src/vault/key-vault.ts";
import { SupplierConnections } from "../../packages/core/src/suppliers/supplier-connections.ts";
import { SupplierRegistry } from "../../packages/core/src/suppliers/supplier-registry.ts";
import { importOwnStock } from "../../packages/core/src/suppliers/import-own-stock.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

let db: TestDatabase;
let accountId: string;
const vault = new KeyVault(randomBytes(32));

beforeAll(async () => {
  db = await openTestDatabase();
  accountId = (await db.prisma.account.create({ data: { name: "Merchant" } })).id;
});
afterAll(() => db?.close());

describe("supplier connections", () => {
  it("seals credentials: no secret is stored or shown in clear", async () => {
    const connections = new SupplierConnections(db.prisma, vault, { allowBaseUrlOverride: false });
    const result = await connections.connect(accountId, {
      supplier: "codeswholesale",
      environment: "live",
      credentials: { clientId: "client-123", clientSecret: "secret-abc", signature: "sig-xyz" },
    });
    expect(result.ok).toBe(true);
    expect(JSON.stringify(result)).not.toMatch(/secret-abc|sig-xyz/);

    const rows = await db.prisma.$queryRawUnsafe<Record<string, unknown>[]>(
      "SELECT * FROM supplier_connections",
    );
    const dump = JSON.stringify(rows, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString("latin1") : value,
    );
    expect(dump).not.toMatch(/secret-abc|sig-xyz|client-123/);
    const listed = await connections.list(accountId);
    expect(listed).toHaveLength(1);
    expect(Object.keys(listed[0])).not.toContain("credentialsSeal");
  });

  it("refuses unknown suppliers, missing credentials and custom base URLs where not allowed", async () => {
    const connections = new SupplierConnections(db.prisma, vault, { allowBaseUrlOverride: false });
    const unknown = await connections.connect(accountId, {
      supplier: "g2a" as "kinguin",
      credentials: {},
    });
    expect(unknown).toMatchObject({ ok: false, code: "INVALID_CONNECTION" });
    const missing = await connections.connect(accountId, { supplier: "kinguin", credentials: {} });
    expect(missing).toMatchObject({ ok: false, details: { fields: ["apiKey"] } });
    const hostile = await connections.connect(accountId, {
      supplier: "kinguin",
      credentials: { apiKey: "k" },
      baseUrl: "http://169.254.169.254/latest",
    });
    expect(hostile).toMatchObject({ ok: false, code: "INVALID_CONNECTION" });
    expect(await db.prisma.supplierConnection.count({ where: { supplier: "kinguin" } })).toBe(0);
  });

  it("gives an account only its own enabled suppliers, by mode", async () => {
    const connections = new SupplierConnections(db.prisma, vault, { allowBaseUrlOverride: true });
    const other = (await db.prisma.account.create({ data: { name: "Other" } })).id;
    await connections.connect(other, {
      supplier: "kinguin",
      environment: "sandbox",
      credentials: { apiKey: "other-key" },
    });
    await connections.connect(accountId, {
      supplier: "kinguin",
      environment: "sandbox",
      credentials: { apiKey: "mine" },
      enabled: false,
    });
    const sandbox = new SandboxSupplier((sql, ...params) =>
      db.prisma.$queryRawUnsafe(sql, ...params),
    );
    const registry = new SupplierRegistry(db.prisma, vault, connections, sandbox, {
      timeoutMs: 1000,
    });

    expect(Object.keys(await registry.forAccount(accountId, { sandbox: true }))).toEqual([
      "sandbox",
    ]);
    expect(Object.keys(await registry.forAccount(accountId, { sandbox: false })).sort()).toEqual([
      "codeswholesale",
      "own_stock",
    ]);
    expect(Object.keys(await registry.forAccount(other, { sandbox: true })).sort()).toEqual([
      "kinguin",
      "sandbox",
    ]);
  });
});

describe("own stock import", () => {
  it("imports nothing when one row is bad, and names the line", async () => {
    const result = await importOwnStock(
      db.prisma,
      vault,
      accountId,
      "sku,key,cost,currency\nA,KEY-1,1.00,EUR\nA,KEY-2,one euro,EUR\n",
    );
    expect(result).toEqual({
      ok: false,
      errors: [{ line: 3, message: expect.stringContaining("cost") }],
    });
    expect(await db.prisma.ownStockKey.count()).toBe(0);
  });

  it("refuses text that is not CSV with the expected columns", async () => {
    expect((await importOwnStock(db.prisma, vault, accountId, "")).ok).toBe(false);
    expect((await importOwnStock(db.prisma, vault, accountId, 'a,"b\n')).ok).toBe(false);
    expect((await importOwnStock(db.prisma, vault, accountId, "x,y\n1,2\n")).ok).toBe(false);
  });

  it("stores keys sealed with their cost in minor units", async () => {
    const result = await importOwnStock(
      db.prisma,
      vault,
      accountId,
      "sku,key,cost,currency\nY,YEN-KEY,1500,JPY\nK,KWD-KEY,1.234,KWD\n",
    );
    expect(result).toEqual({ ok: true, imported: 2 });
    const rows = await db.prisma.ownStockKey.findMany({ orderBy: { stockSku: "asc" } });
    expect(rows.map((row) => [row.stockSku, row.costMinor, row.currency])).toEqual([
      ["K", 1234, "KWD"],
      ["Y", 1500, "JPY"],
    ]);
    expect(Buffer.from(rows[1].seal).toString("latin1")).not.toContain("YEN-KEY");
    expect(vault.openText(rows[1].seal, `own-stock:${rows[1].id}`)).toBe("YEN-KEY");
  });
});
