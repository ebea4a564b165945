import { createHash, randomBytes } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import {
  CodesWholesaleSupplier,
  KinguinSupplier,
  OwnStockSupplier,
  SandboxSupplier,
} from "@premiumcdkeys/suppliers";
import { KeyVault } from "../../packages/core/src/vault/key-vault.ts";
import { PrismaOwnStockStore } from "../../packages/core/src/suppliers/own-stock-store.ts";
import { importOwnStock } from "../../packages/core/src/suppliers/import-own-stock.ts";
import {
  startCodesWholesaleSimulator,
  type CodesWholesaleSimulator,
} from "../simulators/codeswholesale-simulator.ts";
import { startKinguinSimulator, type KinguinSimulator } from "../simulators/kinguin-simulator.ts";
import { openTestDatabase, type TestDatabase } from "../storage/test-database.ts";
import { supplierContract } from "./supplier-contract.ts";

let cw: CodesWholesaleSimulator;
let kinguin: KinguinSimulator;
let db: TestDatabase;
let ownStock: OwnStockSupplier;

beforeAll(async () => {
  cw = await startCodesWholesaleSimulator();
  cw.addProduct({
    productId: "cw-text",
    name: "Sim Racer (Steam)",
    quantity: 50,
    prices: [
      [1, 980],
      [10, 950],
    ],
    kind: "text",
  });
  cw.addProduct({
    productId: "cw-empty",
    name: "Sold Out Saga",
    quantity: 0,
    prices: [[1, 500]],
    kind: "text",
  });

  kinguin = await startKinguinSimulator();
  kinguin.addProduct({
    productId: "64aa00000000000000000001",
    name: "Sim Racer Steam CD Key",
    qty: 50,
    priceMinor: 749,
    kind: "text",
  });
  kinguin.addProduct({
    productId: "64aa00000000000000000002",
    name: "Sold Out Saga",
    qty: 0,
    priceMinor: 500,
    kind: "text",
  });

  db = await openTestDatabase();
  const vault = new KeyVault(randomBytes(32));
  const account = await db.prisma.account.create({ data: { name: "Own stock owner" } });
  const imported = await importOwnStock(
    db.prisma,
    vault,
    account.id,
    "sku,key,cost,currency\nOWN-RACER,AAAA-1111,5.00,EUR\nOWN-RACER,AAAA-2222,5.00,EUR\n" +
      "OWN-RACER,AAAA-3333,5.00,EUR\nOWN-EMPTY,BBBB-1111,4.00,EUR\n",
  );
  if (!imported.ok) throw new Error(JSON.stringify(imported.errors));
  // OWN-EMPTY's only key is already sold.
  await db.prisma.ownStockKey.updateMany({
    where: { stockSku: "OWN-EMPTY" },
    data: { reference: "sold-before", soldAt: new Date() },
  });
  ownStock = new OwnStockSupplier(new PrismaOwnStockStore(db.prisma, vault, account.id), "EUR");
}, 120_000);

afterAll(async () => {
  await cw?.close();
  await kinguin?.close();
  await db?.close();
});

const settings = (baseUrl: string) => ({ baseUrl, currency: "EUR", timeoutMs: 2000 });

supplierContract("CodesWholesale", () =>
  Promise.resolve({
    supplier: new CodesWholesaleSupplier(settings(cw.url), cw.credentials),
    currency: "EUR",
    inStock: { productId: "cw-text", nameFragment: "racer" },
    outOfStock: "cw-empty",
    unknown: "cw-unknown",
    charged: () => Promise.resolve(cw.orderCount()),
    balanceMinor: () => cw.state.balanceMinor,
    callbacks: {
      genuine: {
        headers: {},
        body: Buffer.from(JSON.stringify({ type: "PREORDER", orderId: "x", authHash: cwHash() })),
      },
      forged: {
        headers: {},
        body: Buffer.from(
          JSON.stringify({ type: "PREORDER", orderId: "x", authHash: "0".repeat(64) }),
        ),
      },
    },
  }),
);

supplierContract("Kinguin", () =>
  Promise.resolve({
    supplier: new KinguinSupplier(settings(kinguin.url), kinguin.credentials),
    currency: "EUR",
    inStock: { productId: "64aa00000000000000000001", nameFragment: "racer" },
    outOfStock: "64aa00000000000000000002",
    unknown: "64aa0000000000000000ffff",
    charged: () => Promise.resolve(kinguin.orderCount()),
    balanceMinor: () => kinguin.state.balanceMinor,
    callbacks: {
      genuine: {
        headers: {
          "x-event-name": "order.status",
          "x-event-secret": kinguin.credentials.webhookSecret,
        },
        body: Buffer.from(
          JSON.stringify({ orderId: "A", orderExternalId: "pck_1", status: "completed" }),
        ),
      },
      forged: {
        headers: { "x-event-name": "order.status", "x-event-secret": "guess" },
        body: Buffer.from(JSON.stringify({ orderId: "A", status: "completed" })),
      },
    },
  }),
);

supplierContract("sandbox", () => {
  const sandbox = new SandboxSupplier((sql, ...params) =>
    db.prisma.$queryRawUnsafe(sql, ...params),
  );
  return Promise.resolve({
    supplier: sandbox,
    currency: "EUR",
    inStock: { productId: "SBX-STARFIELD-EU", nameFragment: "starfield" },
    outOfStock: "SBX-SOLD-OUT",
    unknown: "SBX-NOPE",
    charged: async () => (await sandbox.ledger()).length,
  });
});

supplierContract("own stock", () =>
  Promise.resolve({
    supplier: ownStock,
    currency: "EUR",
    inStock: { productId: "OWN-RACER", nameFragment: "racer" },
    outOfStock: "OWN-EMPTY",
    unknown: "OWN-NOPE",
    charged: () => db.prisma.ownStockKey.count({ where: { reference: { not: null } } }),
  }),
);

function cwHash() {
  const { clientId, signature } = cw.credentials;
  return createHash("sha256")
    .update(clientId + signature)
    .digest("hex");
}
