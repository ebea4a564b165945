import { KeyVault } from "../../packages/core/src/vault/key-vault.ts";
import { buyUnit } from "../../packages/core/src/orders/buy-unit.ts";
import { SandboxSupplier } from "@premiumcdkeys/suppliers";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "../../packages/core/src/db/types.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

// The no-double-purchase invariant rests on these constraints, not on code paths: whatever a
// worker does, the database refuses a second row for a unit, a reference or a key.

type Line = { orderId: string; orderLineId: string };

describe("purchase uniqueness", () => {
  let db: TestDatabase;
  let line: Line;

  beforeAll(async () => {
    db = await openTestDatabase();
    line = await createOrderLine(db.prisma, "1001", 4);
  });

  afterAll(async () => {
    await db?.close();
  });

  it("rejects a second purchase for the same unit of an order line", async () => {
    await db.prisma.purchase.create({ data: { ...line, unitIndex: 0, reference: "ref-unit-0" } });

    await expect(
      db.prisma.purchase.create({ data: { ...line, unitIndex: 0, reference: "ref-unit-0-again" } }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await db.prisma.purchase.count({ where: { ...line, unitIndex: 0 } })).toBe(1);
  });

  it("rejects a second purchase with the same reference, even for another order", async () => {
    await db.prisma.purchase.create({ data: { ...line, unitIndex: 1, reference: "ref-shared" } });
    const other = await createOrderLine(db.prisma, "1002", 1);

    await expect(
      db.prisma.purchase.create({ data: { ...other, unitIndex: 0, reference: "ref-shared" } }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await db.prisma.purchase.count({ where: { reference: "ref-shared" } })).toBe(1);
  });

  it("rejects a duplicate unit written in plain SQL, outside Prisma", async () => {
    const fresh = await createOrderLine(db.prisma, "1004", 1);
    const insert = (unitIndex: number, reference: string) => db.prisma.$executeRaw`
      INSERT INTO purchases (id, order_id, order_line_id, unit_index, reference)
      VALUES (gen_random_uuid()::text, ${fresh.orderId}, ${fresh.orderLineId}, ${unitIndex},
              ${reference})`;

    await insert(0, "ref-sql-first");
    await expect(insert(0, "ref-sql-other")).rejects.toThrow(
      /purchases_order_line_id_unit_index_key/,
    );
    await expect(insert(1, "ref-sql-first")).rejects.toThrow(/purchases_reference_key/);
  });

  it("writes one purchase per unit when two workers prepare the same order at once", async () => {
    const fresh = await createOrderLine(db.prisma, "1003", 3);
    const units = [0, 1, 2].map((unitIndex) => ({
      ...fresh,
      unitIndex,
      reference: `pck_${fresh.orderLineId}_${unitIndex}`,
    }));
    const [first, second] = [db.connect(), db.connect()];

    const written = await Promise.all(
      [first, second].map((client) =>
        client.purchase.createMany({ data: units, skipDuplicates: true }),
      ),
    );

    expect(written[0].count + written[1].count).toBe(3);
    expect(await db.prisma.purchase.count({ where: fresh })).toBe(3);
  });

  it("keeps at most one key per purchase", async () => {
    const purchase = await db.prisma.purchase.create({
      data: { ...line, unitIndex: 2, reference: "ref-keyed" },
    });
    const key = { purchaseId: purchase.id, kind: "text", mimeType: "text/plain" };
    await db.prisma.key.create({ data: { ...key, seal: new Uint8Array([1, 2, 3]) } });

    await expect(
      db.prisma.key.create({ data: { ...key, seal: new Uint8Array([4, 5, 6]) } }),
    ).rejects.toMatchObject({ code: "P2002" });
    expect(await db.prisma.key.count({ where: { purchaseId: purchase.id } })).toBe(1);
  });

  it("keeps a purchase confirmed when a worker whose claim ran out finds the same order later", async () => {
    const fresh = await createOrderLine(db.prisma, "1099", 1);
    const purchase = await db.prisma.purchase.create({
      data: { ...fresh, unitIndex: 0, reference: "pck_race_0" },
    });
    const supplier = new SandboxSupplier(
      (sql, ...params) => db.prisma.$queryRawUnsafe(sql, ...params),
      { latencyMs: 600 },
    );
    const unit = {
      purchaseId: purchase.id,
      reference: purchase.reference,
      candidates: [{ supplier, supplierProductId: "SBX-STARFIELD-EU" }],
      suppliers: { [supplier.id]: supplier },
      maxCostMinor: 4499,
      currency: "EUR",
    };
    const vault = new KeyVault(randomBytes(32));
    const timing = { claimMs: 300, supplierTimeoutMs: 5_000 };

    const first = buyUnit(db.prisma, vault, unit, timing);
    await new Promise((resolve) => setTimeout(resolve, 400)); // claim ran out, call in flight
    const late = buyUnit(db.prisma, vault, unit, timing);

    expect(await first).toEqual({ outcome: "confirmed" });
    expect(await late).toEqual({ outcome: "confirmed" });
    expect(await db.prisma.purchase.findUnique({ where: { id: purchase.id } })).toMatchObject({
      status: "confirmed",
    });
  });
});

/** An account, a shop, an order and one line of `quantity` units: the rows a purchase needs. */
async function createOrderLine(prisma: PrismaClient, externalId: string, quantity: number) {
  const account = await prisma.account.create({ data: { name: `Shop owner ${externalId}` } });
  const shop = await prisma.shop.create({
    data: {
      accountId: account.id,
      platform: "shopify",
      domain: `shop-${externalId}.myshopify.com`,
      webhookSecretSeal: new Uint8Array([0]),
    },
  });
  const order = await prisma.order.create({
    data: {
      accountId: account.id,
      shopId: shop.id,
      externalId,
      storeOrderRef: `#${externalId}`,
      status: "processing",
      currency: "EUR",
      totalMinor: 4499 * quantity,
      lines: {
        create: {
          externalLineId: `${externalId}-1`,
          name: "Starfield",
          quantity,
          unitPriceMinor: 4499,
        },
      },
    },
    include: { lines: true },
  });
  return { orderId: order.id, orderLineId: order.lines[0].id } satisfies Line;
}
