import { startTestServer, waitFor, type TestServer } from "./test-server.ts";
import {
  startCodesWholesaleSimulator,
  type CodesWholesaleSimulator,
  type CwSimulatorOptions,
} from "../simulators/codeswholesale-simulator.ts";
import {
  startKinguinSimulator,
  type KgSimulatorOptions,
  type KinguinSimulator,
} from "../simulators/kinguin-simulator.ts";

/** The server settings supplier tests need: base URLs may point at the local simulators. */
export const SUPPLIER_TEST_ENV = { SUPPLIER_BASE_URL_OVERRIDE: "true" };

/** Connects the demo account to a CodesWholesale simulator. */
export async function connectCodesWholesale(
  server: TestServer,
  cw: CodesWholesaleSimulator,
  options: { environment?: "sandbox" | "live"; currency?: string; lowBalanceMinor?: number } = {},
) {
  const result = await server.platform.supplierConnections.connect(server.demo.account_id, {
    supplier: "codeswholesale",
    environment: options.environment ?? "sandbox",
    credentials: cw.credentials,
    baseUrl: cw.url,
    currency: options.currency ?? cw.settings.currency,
    lowBalanceMinor: options.lowBalanceMinor,
  });
  if (!result.ok) throw new Error(result.message);
  return result.connection;
}

export async function connectKinguin(
  server: TestServer,
  kinguin: KinguinSimulator,
  options: { environment?: "sandbox" | "live"; currency?: string } = {},
) {
  const result = await server.platform.supplierConnections.connect(server.demo.account_id, {
    supplier: "kinguin",
    environment: options.environment ?? "sandbox",
    credentials: kinguin.credentials,
    baseUrl: kinguin.url,
    currency: options.currency ?? kinguin.settings.currency,
  });
  if (!result.ok) throw new Error(result.message);
  return result.connection;
}

export type OfferSpec = { supplier: string; supplierProductId: string; priority?: number };

/** A product of the demo account with these supplier offers, mapped by SKU on the Woo shop. */
export async function mapProduct(
  server: TestServer,
  sku: string,
  offers: OfferSpec[],
  options: { maxCostMinor?: number; routingStrategy?: string; lowStockThreshold?: number } = {},
) {
  const prisma = server.platform.db.prisma;
  const product = await prisma.product.create({
    data: {
      accountId: server.demo.account_id,
      name: `Test ${sku}`,
      sku,
      maxCostMinor: options.maxCostMinor,
      routingStrategy: options.routingStrategy,
      lowStockThreshold: options.lowStockThreshold,
      offers: { create: offers },
    },
  });
  await prisma.productMapping.create({
    data: { shopId: server.demo.shops.woocommerce.id, productId: product.id, sku },
  });
  return product;
}

/** A paid WooCommerce order of one line in any currency (amounts as the shop prints them). */
export function wooOrderIn(
  id: number,
  sku: string,
  currency: string,
  unitPrice: string,
  quantity = 1,
) {
  const decimals = unitPrice.split(".")[1]?.length ?? 0;
  const total = (Number(unitPrice) * quantity).toFixed(decimals);
  return JSON.stringify({
    id,
    number: String(id),
    status: "processing",
    currency,
    total,
    date_paid_gmt: "2026-07-14T09:31:04",
    date_modified_gmt: "2026-07-14T09:31:05",
    billing: { first_name: "Ada", last_name: "Buyer", email: "ada.buyer@example.com" },
    line_items: [
      {
        id: id * 10,
        name: `Item ${sku}`,
        product_id: 999,
        variation_id: 0,
        quantity,
        sku,
        total,
        total_tax: "0",
      },
    ],
  });
}

/** Waits until the order with this shop id is in one of the states, and returns it. */
export function settledStates(server: TestServer) {
  return async (id: number, states = ["delivered", "failed"]) => {
    return waitFor(
      async () => {
        const order = await server.platform.db.prisma.order.findFirst({
          where: { externalId: String(id) },
          include: { purchases: { include: { key: true }, orderBy: { unitIndex: "asc" } } },
        });
        return order && states.includes(order.status) ? order : undefined;
      },
      30_000,
      `order ${id} in ${states.join("/")}`,
    );
  };
}

export type SupplierWorld = {
  server: TestServer;
  cw: CodesWholesaleSimulator;
  kinguin: KinguinSimulator;
  settled: ReturnType<typeof settledStates>;
  close(): Promise<void>;
};

/**
 * Both simulators, a test server that may point connections at them (plus `env`), and the demo
 * account connected to each in its sandbox environment. `close` stops whatever was started,
 * also after a start that failed half-way.
 */
export async function startSupplierWorld(
  options: {
    env?: Record<string, string>;
    codeswholesale?: CwSimulatorOptions;
    kinguin?: KgSimulatorOptions;
    /** Connection settings beside the simulator's own credentials and currency. */
    connect?: { codeswholesale?: { lowBalanceMinor?: number } };
  } = {},
): Promise<SupplierWorld> {
  const started: { close(): Promise<void> | void }[] = [];
  const close = async () => {
    for (const part of started.reverse()) await part.close();
  };
  try {
    const cw = await startCodesWholesaleSimulator(options.codeswholesale);
    started.push(cw);
    const kinguin = await startKinguinSimulator(options.kinguin);
    started.push(kinguin);
    const server = await startTestServer({ ...SUPPLIER_TEST_ENV, ...options.env });
    started.push(server);

    await connectCodesWholesale(server, cw, options.connect?.codeswholesale);
    await connectKinguin(server, kinguin);
    return { server, cw, kinguin, settled: settledStates(server), close };
  } catch (error) {
    await close();
    throw error;
  }
}
