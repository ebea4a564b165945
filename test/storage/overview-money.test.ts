// The Overview's money against a real database: revenue is what customers paid for delivered
// orders, spend the confirmed purchases, each currency apart, and only the account's current
// mode (sandbox or live) counted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountOverview } from "../../packages/core/src/dashboard/overview.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

let db: TestDatabase;
let accountId: string;
let shopId: string;
let orderNumber = 0;

beforeAll(async () => {
  db = await openTestDatabase();
  accountId = (await db.prisma.account.create({ data: { name: "Merchant", sandboxMode: false } }))
    .id;
  shopId = (
    await db.prisma.shop.create({
      data: {
        accountId,
        platform: "shopify",
        domain: "money.myshopify.com",
        webhookSecretSeal: Buffer.from("sealed"),
      },
    })
  ).id;
});
afterAll(() => db?.close());

type Bought = { status: string; costMinor: number; currency: string | null };

/** An order of one line with one purchase per entry of `bought`. */
async function order(
  status: string,
  totalMinor: number,
  options: { currency?: string; sandbox?: boolean; bought?: Bought[] } = {},
) {
  orderNumber += 1;
  const created = await db.prisma.order.create({
    data: {
      accountId,
      shopId,
      externalId: String(orderNumber),
      storeOrderRef: `#${orderNumber}`,
      status,
      currency: options.currency ?? "EUR",
      totalMinor,
      sandbox: options.sandbox ?? false,
      lines: {
        create: {
          externalLineId: "1",
          name: "Game",
          quantity: Math.max(1, options.bought?.length ?? 1),
          unitPriceMinor: totalMinor,
        },
      },
    },
    include: { lines: true },
  });
  for (const [unitIndex, purchase] of (options.bought ?? []).entries()) {
    await db.prisma.purchase.create({
      data: {
        orderId: created.id,
        orderLineId: created.lines[0].id,
        unitIndex,
        reference: `${created.id}-${unitIndex}`,
        ...purchase,
      },
    });
  }
}

const confirmed = (costMinor: number, currency: string | null = "EUR"): Bought => ({
  status: "confirmed",
  costMinor,
  currency,
});

describe("the Overview's money", () => {
  beforeAll(async () => {
    await order("delivered", 2_000, { bought: [confirmed(1_200), confirmed(300, null)] });
    await order("pending", 1_998_000);
    await order("received", 5_000);
    await order("processing", 4_000, { bought: [confirmed(700)] });
    await order("fulfilled", 3_000, { bought: [confirmed(1_000)] });
    await order("failed", 6_000, {
      bought: [confirmed(500), { status: "failed", costMinor: 900, currency: "EUR" }],
    });
    await order("cancelled", 7_000, { bought: [confirmed(400)] });
    // Paid in dollars, bought in euros: both figures kept, none converted.
    await order("delivered", 1_500, { currency: "USD", bought: [confirmed(800)] });
    await order("delivered", 9_000_000, { sandbox: true, bought: [confirmed(100)] });
  });

  it("counts as revenue only delivered orders, and their confirmed purchases as spend", async () => {
    const overview = await accountOverview(db.prisma, accountId);

    expect(overview.sandbox).toBe(false);
    expect(overview.money).toEqual([
      // 2000 revenue; 1200 + 300 (no currency of its own: the order's) + 800 from the USD order.
      // Bought but not delivered: processing 700, fulfilled 1000, failed 500, cancelled 400.
      { currency: "EUR", revenueMinor: 2_000, spendMinor: 2_300, otherSpendMinor: 2_600 },
      { currency: "USD", revenueMinor: 1_500, spendMinor: 0, otherSpendMinor: 0 },
    ]);
  });

  it("draws the chart from delivered orders in the currency with the most revenue", async () => {
    const overview = await accountOverview(db.prisma, accountId);
    const today = overview.chart.days.at(-1)!;

    expect(overview.chart.currency).toBe("EUR");
    expect(overview.chart.days).toHaveLength(14);
    expect(today).toMatchObject({ revenueMinor: 2_000, spendMinor: 2_300 });
  });

  it("counts sandbox orders alone while the account is in Sandbox Mode", async () => {
    await db.prisma.account.update({ where: { id: accountId }, data: { sandboxMode: true } });
    const overview = await accountOverview(db.prisma, accountId);
    await db.prisma.account.update({ where: { id: accountId }, data: { sandboxMode: false } });

    expect(overview.sandbox).toBe(true);
    expect(overview.money).toEqual([
      { currency: "EUR", revenueMinor: 9_000_000, spendMinor: 100, otherSpendMinor: 0 },
    ]);
  });
});
