// A product's limits from the Products form against a real database: the maximum cost is read in
// the product's own currency with exactly its decimals, the threshold in plain digits, and a
// refusal changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeProductLimits } from "../../packages/core/src/dashboard/product-limits.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

let db: TestDatabase;
let accountId: string;
const by = () => ({ accountId, actor: "operator:owner@example.com" });

beforeAll(async () => {
  db = await openTestDatabase();
  accountId = (await db.prisma.account.create({ data: { name: "Merchant" } })).id;
});
afterAll(() => db?.close());

async function product(currency: string) {
  return db.prisma.product.create({ data: { accountId, name: `Game in ${currency}`, currency } });
}

async function limitsOf(productId: string) {
  return db.prisma.product.findUniqueOrThrow({
    where: { id: productId },
    select: { maxCostMinor: true, lowStockThreshold: true },
  });
}

describe("a product's limits", () => {
  it.each([
    ["EUR", "12.50", 1250],
    ["EUR", "10", 1000],
    ["JPY", "1250", 1250],
    ["BHD", "10.125", 10125],
  ])(
    "reads %s %s in the product's own currency as %i minor units",
    async (currency, text, minor) => {
      const row = await product(currency);

      const outcome = await changeProductLimits(db.prisma, by(), row.id, {
        maxCost: text,
        lowStockThreshold: "3",
      });

      expect(outcome).toEqual({ ok: true });
      expect(await limitsOf(row.id)).toEqual({ maxCostMinor: minor, lowStockThreshold: 3 });
    },
  );

  it("clears both limits when left empty", async () => {
    const row = await product("EUR");
    await changeProductLimits(db.prisma, by(), row.id, { maxCost: "5", lowStockThreshold: "2" });

    expect(
      await changeProductLimits(db.prisma, by(), row.id, { maxCost: " ", lowStockThreshold: "" }),
    ).toEqual({ ok: true });
    expect(await limitsOf(row.id)).toEqual({ maxCostMinor: null, lowStockThreshold: null });
  });

  it.each([
    ["EUR", { maxCost: "12.505", lowStockThreshold: "" }, "maxCost", "at most 2 decimals"],
    ["JPY", { maxCost: "0.1", lowStockThreshold: "" }, "maxCost", "no decimals"],
    ["EUR", { maxCost: "1e3", lowStockThreshold: "" }, "maxCost", "like 12.50"],
    ["EUR", { maxCost: "-1", lowStockThreshold: "" }, "maxCost", "like 12.50"],
    ["EUR", { maxCost: "99999999", lowStockThreshold: "" }, "maxCost", "At most"],
    ["EUR", { maxCost: "", lowStockThreshold: "0x10" }, "lowStockThreshold", "digits 0-9"],
    ["EUR", { maxCost: "", lowStockThreshold: "1e3" }, "lowStockThreshold", "digits 0-9"],
    ["EUR", { maxCost: "", lowStockThreshold: "2.5" }, "lowStockThreshold", "digits 0-9"],
    ["EUR", { maxCost: "", lowStockThreshold: "-1" }, "lowStockThreshold", "from 0 to 1000000"],
  ])("refuses %s %j on %s, changing nothing", async (currency, input, field, message) => {
    const row = await product(currency);
    await changeProductLimits(db.prisma, by(), row.id, { maxCost: "7", lowStockThreshold: "4" });
    const audits = await db.prisma.auditEntry.count();

    const outcome = await changeProductLimits(db.prisma, by(), row.id, input);

    expect(outcome).toMatchObject({ ok: false, field });
    expect(outcome.ok === false && outcome.message).toContain(message);
    const sevenMinor = currency === "JPY" ? 7 : 700;
    expect(await limitsOf(row.id)).toEqual({ maxCostMinor: sevenMinor, lowStockThreshold: 4 });
    expect(await db.prisma.auditEntry.count()).toBe(audits);
  });

  it("answers no such product for another account's product or a malformed id", async () => {
    const other = await db.prisma.account.create({ data: { name: "Another" } });
    const theirs = await db.prisma.product.create({
      data: { accountId: other.id, name: "Theirs" },
    });

    for (const id of [theirs.id, "not-an-id"]) {
      expect(
        await changeProductLimits(db.prisma, by(), id, { maxCost: "1", lowStockThreshold: "" }),
      ).toEqual({ ok: false, message: "No such product" });
    }
    expect(await limitsOf(theirs.id)).toEqual({ maxCostMinor: null, lowStockThreshold: null });
  });
});
