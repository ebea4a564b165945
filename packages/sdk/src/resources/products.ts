import { dataOf, pageOf } from "../http/envelope.ts";
import { pathSegment } from "../http/path-segment.ts";
import type { RequestOptions, Transport } from "../http/transport.ts";
import { everyItem } from "../paginate.ts";
import type { Page, Product, ProductStock } from "../types.ts";

export type ProductListParams = { limit?: number; page?: number };

/** `client.products` */
export class Products {
  constructor(private readonly transport: Transport) {}

  /** `GET /products`: one page of the account's products. */
  async list(params: ProductListParams = {}, options: RequestOptions = {}): Promise<Page<Product>> {
    const json = await this.transport.request({
      method: "GET",
      path: "/products",
      query: params,
      ...options,
    });
    return pageOf<Product>(json);
  }

  /** Every product, page after page. */
  iterate(
    params: ProductListParams = {},
    options: RequestOptions = {},
  ): AsyncGenerator<Product, void, undefined> {
    return everyItem((pageParams) => this.list(pageParams, options), params);
  }

  /** `GET /products/{id}/stock`: what the product's suppliers can deliver now, and at what cost. */
  async stock(id: string, options: RequestOptions = {}): Promise<ProductStock> {
    const json = await this.transport.request({
      method: "GET",
      path: `/products/${pathSegment("product id", id)}/stock`,
      ...options,
    });
    return dataOf<ProductStock>(json);
  }
}
