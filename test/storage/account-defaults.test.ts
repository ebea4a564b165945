// The account's defaults against a real database: the low-stock threshold that products without
// their own follow (stock.low and the Overview), a supplier connection's priority, and the
// audit entries each change leaves.
import { randomBytes } from "node:crypto";
import { OwnStockSupplier } from "@premiumcdkeys/suppliers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountOverview } from "../../packages/core/src/dashboard/overview.ts";
import { setDefaultLowStockThreshold } from "../../packages/core/src/dashboard/account-preferences.ts";
import { setSupplierPriority } from "../../packages/core/src/dashboard/supplier-accounts.ts";
import { importOwnStock } from "../../packages/core/src/suppliers/import-own-stock.ts";
import { PrismaOwnStockStore } from "../../packages/core/src/suppliers/own-stock-store.ts";
import { refreshProduct } from "../../packages/core/src/suppliers/refresh-product.ts";
import { KeyVault } from "../../packages/core/src/vault/key-vault.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

let db: TestDatabase;
let accountId: string;
const vault = new KeyVault(randomBytes(32));
const by = () => ({ accountId, actor: "operator:owner@example.com" });

beforeAll(async () => {
  db = await openTestDatabase();
  accountId = (await db.prisma.account.create({ data: { name: "Merchant" } })).id;
  // Three own-stock keys of "GAME": the only offer of both products below.
  const csv = "sku,key,cost,currency\nGAME,K-1,1.00,EUR\nGAME,K-2,1.00,EUR\nGAME,K-3,1.00,EUR\n";
  expect((await importOwnStock(db.prisma, vault, accountId, csv)).ok).toBe(true);
});
afterAll(() => db?.close());

async function product(name: string, lowStockThreshold: number | null) {
  return db.prisma.product.create({
    data: {
      accountId,
      name,
      lowStockThreshold,
      offers: { create: { supplier: "own_stock", supplierProductId: "GAME" } },
    },
  });
}

async function refresh(productId: string) {
  const own = new OwnStockSupplier(new PrismaOwnStockStore(db.prisma, vault, accountId), "EUR");
  await refreshProduct(db.prisma, productId, { own_stock: own }, 1000);
}

type StockLow = { product: { id: string }; count: number; threshold: number };

/** The data of the stock.low events recorded for a product, oldest first. */
async function stockLows(productId: string): Promise<StockLow[]> {
  const events = await db.prisma.event.findMany({
    where: { accountId, type: "stock.low" },
    orderBy: { id: "asc" },
  });
  return events
    .map((event) => (event.body as { data: StockLow }).data)
    .filter((data) => data.product.id === productId);
}

describe("the account's default low-stock threshold", () => {
  it("decides stock.low and the Overview for products without one, not for the others", async () => {
    const follows = await product("Follows the account", null);
    const own = await product("Has its own", 2);

    // 3 in stock, default 5: low; its own threshold 2: not low.
    await refresh(follows.id);
    await refresh(own.id);
    expect(await stockLows(follows.id)).toMatchObject([{ count: 3, threshold: 5 }]);
    expect(await stockLows(own.id)).toEqual([]);
    let overview = await accountOverview(db.prisma, accountId);
    expect(overview.lowStock.map((entry) => [entry.name, entry.threshold])).toEqual([
      ["Follows the account", 5],
    ]);

    // Default 3: 3 in stock is not below it any more; the alert can fire again later.
    expect(await setDefaultLowStockThreshold(db.prisma, by(), 3)).toEqual({ ok: true });
    await refresh(follows.id);
    overview = await accountOverview(db.prisma, accountId);
    expect(overview.lowStock).toEqual([]);
    expect(
      (await db.prisma.product.findUniqueOrThrow({ where: { id: follows.id } })).lowStockAlerted,
    ).toBe(false);

    // Default 10: low again, announced a second time with the new threshold.
    await setDefaultLowStockThreshold(db.prisma, by(), 10);
    await refresh(follows.id);
    await refresh(own.id);
    expect(await stockLows(follows.id)).toMatchObject([
      { threshold: 5 },
      { count: 3, threshold: 10 },
    ]);
    expect(await stockLows(own.id)).toEqual([]);
  });

  it("refuses anything but a whole number from 0 and changes nothing", async () => {
    const before = await db.prisma.account.findUniqueOrThrow({ where: { id: accountId } });
    const audits = await db.prisma.auditEntry.count();
    for (const value of [-1, 2.5, Number.NaN, "7", 2_000_000]) {
      expect(await setDefaultLowStockThreshold(db.prisma, by(), value)).toMatchObject({
        ok: false,
        field: "lowStockThreshold",
      });
    }
    expect(await db.prisma.account.findUniqueOrThrow({ where: { id: accountId } })).toEqual(before);
    expect(await db.prisma.auditEntry.count()).toBe(audits);
  });

  it("writes each change to the audit log with the old and new value", async () => {
    const entries = await db.prisma.auditEntry.findMany({
      where: { accountId, action: "account.low_stock_threshold_changed" },
      orderBy: { createdAt: "asc" },
    });
    expect(entries.map((entry) => [entry.actor, entry.details])).toEqual([
      ["operator:owner@example.com", { before: 5, after: 3 }],
      ["operator:owner@example.com", { before: 3, after: 10 }],
    ]);
  });
});

describe("a supplier connection's priority", () => {
  it("is set within -1000 to 1000 for the account's own connections only, and audited", async () => {
    const connection = await db.prisma.supplierConnection.create({
      data: { accountId, supplier: "kinguin", environment: "sandbox" },
    });
    const other = await db.prisma.account.create({ data: { name: "Another" } });

    expect(await setSupplierPriority(db.prisma, by(), connection.id, -3)).toEqual({ ok: true });
    for (const bad of [1001, 1.5, Number.NaN]) {
      expect(await setSupplierPriority(db.prisma, by(), connection.id, bad)).toMatchObject({
        ok: false,
        field: "priority",
      });
    }
    const stranger = { accountId: other.id, actor: "operator:stranger@example.com" };
    expect(await setSupplierPriority(db.prisma, stranger, connection.id, 7)).toMatchObject({
      ok: false,
      message: "No such connection",
    });

    const row = await db.prisma.supplierConnection.findUniqueOrThrow({
      where: { id: connection.id },
    });
    expect(row.priority).toBe(-3);
    const audit = await db.prisma.auditEntry.findMany({
      where: { targetId: connection.id },
    });
    expect(audit.map((entry) => [entry.accountId, entry.action, entry.details])).toEqual([
      [accountId, "supplier.priority_changed", { before: 0, after: -3 }],
    ]);
  });
});
