import { randomUUID } from "node:crypto";
import { dataOf, pageOf } from "../http/envelope.ts";
import { pathSegment } from "../http/path-segment.ts";
import type { RequestOptions, Transport } from "../http/transport.ts";
import { everyItem } from "../paginate.ts";
import type { Order, OrderStatus, OrderSummary, Page } from "../types.ts";

export type OrderListParams = {
  status?: OrderStatus;
  /** A date (`2026-07-14`) or an ISO-8601 date-time with offset, or a `Date`; inclusive. */
  from?: string | Date;
  /** A date (the whole day, UTC) or an ISO-8601 date-time with offset, or a `Date`; inclusive. */
  to?: string | Date;
  /** 1 to 100; the API's default is 20. */
  limit?: number;
  page?: number;
  store_order_id?: string;
  shop_id?: string;
};

export type OrderGetOptions = RequestOptions & {
  /** `"keys"` adds each unit's key code; needs an API key with the keys permission. */
  include?: "keys" | readonly "keys"[];
};

export type OrderProcessOptions = RequestOptions & {
  /**
   * Sent as `Idempotency-Key`: the same key answers the first result again instead of running
   * the order twice. A random one is made per call when absent (it covers the client's own
   * retries); pass your own to make retries across restarts safe too.
   */
  idempotencyKey?: string;
};

/** `client.orders` */
export class Orders {
  constructor(private readonly transport: Transport) {}

  /** `GET /orders`: one page of the account's orders, newest first. */
  async list(
    params: OrderListParams = {},
    options: RequestOptions = {},
  ): Promise<Page<OrderSummary>> {
    const json = await this.transport.request({
      method: "GET",
      path: "/orders",
      query: params,
      ...options,
    });
    return pageOf<OrderSummary>(json);
  }

  /** Every order matching `params`, page after page: `for await (const order of ...)`. */
  iterate(
    params: OrderListParams = {},
    options: RequestOptions = {},
  ): AsyncGenerator<OrderSummary, void, undefined> {
    return everyItem((pageParams) => this.list(pageParams, options), params);
  }

  /** `GET /orders/{id}`: lines, one purchase per unit, deliveries, failure. */
  async get(id: string, options: OrderGetOptions = {}): Promise<Order> {
    const { include, ...requestOptions } = options;
    const json = await this.transport.request({
      method: "GET",
      path: `/orders/${pathSegment("order id", id)}`,
      query: { include: typeof include === "string" ? include : include?.join(",") },
      ...requestOptions,
    });
    return dataOf<Order>(json);
  }

  /** `POST /orders/{id}/process`: runs a pending or failed order again; never buys a unit twice. */
  async process(id: string, options: OrderProcessOptions = {}): Promise<Order> {
    const { idempotencyKey = randomUUID(), ...requestOptions } = options;
    if (!/^[\x21-\x7e]{1,255}$/.test(idempotencyKey)) {
      throw new TypeError("PremiumCDKeys: the idempotency key must be 1 to 255 visible characters");
    }
    const json = await this.transport.request({
      method: "POST",
      path: `/orders/${pathSegment("order id", id)}/process`,
      headers: { "idempotency-key": idempotencyKey },
      ...requestOptions,
    });
    return dataOf<Order>(json);
  }
}
