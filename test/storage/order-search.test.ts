// The Orders page's search against a real database: part of an email is matched literally, so
// LIKE's wildcards typed in the box (`_`, `%`, `\`) find only emails that contain them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchOrders } from "../../packages/core/src/dashboard/merchant-orders.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

let db: TestDatabase;
let accountId: string;

const EMAILS = ["ada_lovelace@example.com", "adaxlovelace@example.com", "grace%hopper@example.com"];

beforeAll(async () => {
  db = await openTestDatabase();
  accountId = (await db.prisma.account.create({ data: { name: "Merchant" } })).id;
  const shop = await db.prisma.shop.create({
    data: {
      accountId,
      platform: "woocommerce",
      domain: "search.example",
      webhookSecretSeal: Buffer.from("sealed"),
    },
  });
  for (const [index, customerEmail] of EMAILS.entries()) {
    await db.prisma.order.create({
      data: {
        accountId,
        shopId: shop.id,
        externalId: String(index),
        storeOrderRef: `#${100 + index}`,
        currency: "EUR",
        totalMinor: 100,
        customerEmail,
      },
    });
  }
});
afterAll(() => db?.close());

async function emailsFound(search: string) {
  const { orders } = await searchOrders(db.prisma, accountId, { search, page: 1, limit: 50 });
  return orders.map((order) => order.customerEmail).sort();
}

describe("searching orders by email", () => {
  it.each([
    ["_", ["ada_lovelace@example.com"]],
    ["ada_love", ["ada_lovelace@example.com"]],
    ["%", ["grace%hopper@example.com"]],
    ["\\", []],
    ["ADAX", ["adaxlovelace@example.com"]],
    ["lovelace", ["ada_lovelace@example.com", "adaxlovelace@example.com"]],
  ])("for %j finds %j", async (search, expected) => {
    expect(await emailsFound(search)).toEqual(expected);
  });
});
