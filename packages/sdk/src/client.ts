import { Transport } from "./http/transport.ts";
import type { RateLimit } from "./http/rate-limit.ts";
import { resolveOptions, type ClientOptions } from "./options.ts";
import { Orders } from "./resources/orders.ts";
import { Products } from "./resources/products.ts";
import { Suppliers } from "./resources/suppliers.ts";
import { Webhooks } from "./resources/webhooks.ts";

/**
 * The PremiumCDKeys REST API v1.
 *
 * @example
 *   const client = new PremiumCDKeys("pck_live_...", { baseUrl: "https://api.example.com" });
 *   const orders = await client.orders.list({ status: "pending" });
 */
export class PremiumCDKeys {
  readonly orders: Orders;
  readonly products: Products;
  readonly suppliers: Suppliers;
  readonly webhooks: Webhooks;
  private readonly transport: Transport;

  /**
   * @param apiKey `pck_live_...` or `pck_test_...`, sent as `Authorization: Bearer`.
   * @param options `baseUrl` defaults to the `PREMIUMCDKEYS_BASE_URL` environment variable.
   */
  constructor(apiKey: string, options: ClientOptions = {}) {
    this.transport = new Transport(resolveOptions(apiKey, options));
    this.orders = new Orders(this.transport);
    this.products = new Products(this.transport);
    this.suppliers = new Suppliers(this.transport);
    this.webhooks = new Webhooks(this.transport);
  }

  /** The `X-RateLimit-*` headers of the latest answer that had them. */
  get rateLimit(): RateLimit | undefined {
    return this.transport.lastRateLimit;
  }
}
