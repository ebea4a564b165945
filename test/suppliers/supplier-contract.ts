// The one battery every supplier adapter must pass, run against real parts: the simulators for
// the HTTP adapters, a real database for the sandbox and own stock.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { SupplierError, type IncomingCallback, type Supplier } from "@premiumcdkeys/suppliers";

export type ContractFixture = {
  supplier: Supplier;
  currency: string;
  inStock: { productId: string; nameFragment: string };
  /** A product the supplier knows but cannot sell now. */
  outOfStock: string;
  unknown: string;
  /** Orders the supplier has recorded (charged) so far. */
  charged: () => Promise<number>;
  /** The balance the supplier holds, where it has one to compare with. */
  balanceMinor?: () => number;
  /** A callback with the right proof and one with a wrong proof, for suppliers that call back. */
  callbacks?: { genuine: IncomingCallback; forged: IncomingCallback };
};

async function refusal(call: Promise<unknown>): Promise<SupplierError> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SupplierError);
  return error as SupplierError;
}

export function supplierContract(name: string, setup: () => Promise<ContractFixture>) {
  describe(`supplier contract: ${name}`, () => {
    const reference = () => `pck_contract_${randomUUID()}`;

    it("describes a product it sells with price, currency and stock in minor units", async () => {
      const { supplier, inStock, currency } = await setup();
      const product = await supplier.getProduct(inStock.productId);
      expect(product).toMatchObject({ id: inStock.productId, currency });
      expect(Number.isInteger(product!.priceMinor)).toBe(true);
      expect(product!.priceMinor).toBeGreaterThan(0);
      expect(product!.stock).toBeGreaterThan(0);
    });

    it("finds a product by part of its name", async () => {
      const { supplier, inStock } = await setup();
      const found = await supplier.searchProducts({ text: inStock.nameFragment, limit: 5 });
      expect(found.map((product) => product.id)).toContain(inStock.productId);
    });

    it("says nothing or refuses for a product it does not know", async () => {
      const { supplier, unknown } = await setup();
      const outcome = await supplier.getProduct(unknown).catch((error: unknown) => error);
      if (outcome !== undefined) {
        expect(outcome).toBeInstanceOf(SupplierError);
        expect(["unknown_product", "out_of_stock"]).toContain((outcome as SupplierError).code);
      }
    });

    it("sells one unit with a key, and finds that order again by our reference and its id", async () => {
      const { supplier, inStock, currency, charged } = await setup();
      const before = await charged();
      const ref = reference();
      const product = await supplier.getProduct(inStock.productId);
      const order = await supplier.placeOrder({
        reference: ref,
        productId: inStock.productId,
        maxPriceMinor: product!.priceMinor,
        currency,
      });
      expect(order.reference).toBe(ref);
      expect(order.keys).toHaveLength(1);
      expect(order.priceMinor).toBeLessThanOrEqual(product!.priceMinor);
      expect(order.currency).toBe(currency);
      expect(await charged()).toBe(before + 1);

      const again = await supplier.findOrder(ref);
      expect(again?.supplierOrderId).toBe(order.supplierOrderId);
      expect(again?.keys).toEqual(order.keys);
      const byId = await supplier.getOrder(order.supplierOrderId);
      expect(byId?.keys).toEqual(order.keys);
    });

    it("knows no order for a reference it never received", async () => {
      const { supplier } = await setup();
      expect(await supplier.findOrder(reference())).toBeUndefined();
    });

    it("refuses to charge above the maximum price, and records no order", async () => {
      const { supplier, inStock, currency, charged } = await setup();
      const before = await charged();
      const ref = reference();
      const error = await refusal(
        supplier.placeOrder({
          reference: ref,
          productId: inStock.productId,
          maxPriceMinor: 1,
          currency,
        }),
      );
      // Kinguin cannot tell "price" from "stock": "no offer matches your criteria".
      expect(["price_above_maximum", "out_of_stock"]).toContain(error.code);
      expect(await charged()).toBe(before);
      expect(await supplier.findOrder(ref)).toBeUndefined();
    });

    it("refuses a product out of stock as out_of_stock, charging nothing", async () => {
      const { supplier, outOfStock, currency, charged } = await setup();
      const before = await charged();
      const error = await refusal(
        supplier.placeOrder({
          reference: reference(),
          productId: outOfStock,
          maxPriceMinor: 1_000_000,
          currency,
        }),
      );
      expect(error.code).toBe("out_of_stock");
      expect(error.retryable).toBe(true);
      expect(await charged()).toBe(before);
    });

    it("reports its balance in minor units", async () => {
      const { supplier, currency, balanceMinor } = await setup();
      const balance = await supplier.getBalance();
      expect(Number.isInteger(balance.amountMinor)).toBe(true);
      expect(balance.currency).toBe(currency);
      if (balanceMinor) expect(balance.amountMinor).toBe(balanceMinor());
    });

    it("accepts only callbacks that prove themselves", async () => {
      const { supplier, callbacks } = await setup();
      if (!callbacks) {
        expect(supplier.parseCallback({ headers: {}, body: Buffer.from("{}") })).toBeUndefined();
        return;
      }
      expect(supplier.parseCallback(callbacks.genuine)).toBeDefined();
      expect(supplier.parseCallback(callbacks.forged)).toBeUndefined();
    });
  });
}
