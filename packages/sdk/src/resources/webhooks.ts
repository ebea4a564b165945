import { dataOf, pageOf } from "../http/envelope.ts";
import { pathSegment } from "../http/path-segment.ts";
import type { RequestOptions, Transport } from "../http/transport.ts";
import { everyItem } from "../paginate.ts";
import type {
  EventType,
  Page,
  WebhookDelivery,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookReplay,
  WebhookTestResult,
} from "../types.ts";

export type WebhookCreateParams = { url: string; events: EventType[]; description?: string };

export type WebhookUpdateParams = { url?: string; events?: EventType[]; active?: boolean };

export type WebhookListParams = {
  /** 1 to 100; the API's default is 20. */
  limit?: number;
  page?: number;
};

export type DeliveryListParams = {
  status?: WebhookDelivery["status"];
  event?: string;
  limit?: number;
  page?: number;
};

/** `client.webhooks`: the account's outgoing webhook endpoints. */
export class Webhooks {
  constructor(private readonly transport: Transport) {}

  /** `POST /webhooks`: answers the endpoint with its signing `secret`, shown this once. */
  async create(
    params: WebhookCreateParams,
    options: RequestOptions = {},
  ): Promise<WebhookEndpointWithSecret> {
    const json = await this.transport.request({
      method: "POST",
      path: "/webhooks",
      body: params,
      ...options,
    });
    return dataOf<WebhookEndpointWithSecret>(json);
  }

  /** `GET /webhooks`: one page of the account's endpoints, oldest first. */
  async list(
    params: WebhookListParams = {},
    options: RequestOptions = {},
  ): Promise<Page<WebhookEndpoint>> {
    const json = await this.transport.request({
      method: "GET",
      path: "/webhooks",
      query: params,
      ...options,
    });
    return pageOf<WebhookEndpoint>(json);
  }

  /** Every endpoint, page after page: `for await (const endpoint of ...)`. */
  iterate(
    params: WebhookListParams = {},
    options: RequestOptions = {},
  ): AsyncGenerator<WebhookEndpoint, void, undefined> {
    return everyItem((pageParams) => this.list(pageParams, options), params);
  }

  /** `GET /webhooks/{id}` */
  async get(id: string, options: RequestOptions = {}): Promise<WebhookEndpoint> {
    return this.call("GET", id, "", options);
  }

  /** `PATCH /webhooks/{id}`: changes only the fields given. */
  async update(
    id: string,
    params: WebhookUpdateParams,
    options: RequestOptions = {},
  ): Promise<WebhookEndpoint> {
    return this.call("PATCH", id, "", { ...options, body: params });
  }

  /** `DELETE /webhooks/{id}` */
  async delete(id: string, options: RequestOptions = {}): Promise<void> {
    await this.transport.request({
      method: "DELETE",
      path: `/webhooks/${pathSegment("webhook id", id)}`,
      ...options,
    });
  }

  /**
   * `POST /webhooks/{id}/rotate-secret`: a new secret; the old one keeps signing for 24 hours,
   * unless `expirePrevious` (a secret leaked) stops every earlier secret signing at once.
   */
  async rotateSecret(
    id: string,
    options: RequestOptions & { expirePrevious?: boolean } = {},
  ): Promise<WebhookEndpointWithSecret> {
    const { expirePrevious, ...request } = options;
    const body = expirePrevious === undefined ? undefined : { expire_previous: expirePrevious };
    return this.call("POST", id, "/rotate-secret", { ...request, body });
  }

  /** `POST /webhooks/{id}/resume`: un-pauses and delivers what waited, in order. */
  async resume(id: string, options: RequestOptions = {}): Promise<WebhookEndpoint> {
    return this.call("POST", id, "/resume", options);
  }

  /** `POST /webhooks/{id}/test`: sends a test event now and reports the answer. */
  async test(id: string, options: RequestOptions = {}): Promise<WebhookTestResult> {
    return this.call("POST", id, "/test", options);
  }

  /** `GET /webhooks/{id}/deliveries`: one page of deliveries, each with its attempt log. */
  async deliveries(
    id: string,
    params: DeliveryListParams = {},
    options: RequestOptions = {},
  ): Promise<Page<WebhookDelivery>> {
    const json = await this.transport.request({
      method: "GET",
      path: `/webhooks/${pathSegment("webhook id", id)}/deliveries`,
      query: params,
      ...options,
    });
    return pageOf<WebhookDelivery>(json);
  }

  /** Every delivery of an endpoint matching `params`, page after page. */
  iterateDeliveries(
    id: string,
    params: DeliveryListParams = {},
    options: RequestOptions = {},
  ): AsyncGenerator<WebhookDelivery, void, undefined> {
    return everyItem((pageParams) => this.deliveries(id, pageParams, options), params);
  }

  /** `POST /webhooks/{id}/deliveries/{deliveryId}/replay`: sends a delivery's bytes again. */
  async replay(
    id: string,
    deliveryId: string,
    options: RequestOptions = {},
  ): Promise<WebhookReplay> {
    return this.call(
      "POST",
      id,
      `/deliveries/${pathSegment("delivery id", deliveryId)}/replay`,
      options,
    );
  }

  private async call<T>(
    method: "GET" | "POST" | "PATCH",
    id: string,
    suffix: string,
    options: RequestOptions & { body?: unknown },
  ): Promise<T> {
    const json = await this.transport.request({
      method,
      path: `/webhooks/${pathSegment("webhook id", id)}${suffix}`,
      ...options,
    });
    return dataOf<T>(json);
  }
}
