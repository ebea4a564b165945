import { dataOf } from "../http/envelope.ts";
import { pathSegment } from "../http/path-segment.ts";
import type { RequestOptions, Transport } from "../http/transport.ts";
import type { Supplier, SupplierStock } from "../types.ts";

/** `client.suppliers` */
export class Suppliers {
  constructor(private readonly transport: Transport) {}

  /** `GET /suppliers`: the suppliers the account buys from. */
  async list(options: RequestOptions = {}): Promise<Supplier[]> {
    const json = await this.transport.request({ method: "GET", path: "/suppliers", ...options });
    return dataOf<Supplier[]>(json);
  }

  /** `GET /suppliers/{supplier}/products/{product_id}/stock`, asked of the supplier live. */
  async stock(
    supplier: string,
    productId: string,
    options: RequestOptions = {},
  ): Promise<SupplierStock> {
    const json = await this.transport.request({
      method: "GET",
      path: `/suppliers/${pathSegment("supplier", supplier)}/products/${pathSegment("product id", productId)}/stock`,
      ...options,
    });
    return dataOf<SupplierStock>(json);
  }
}
