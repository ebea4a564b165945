import http from "node:http";
import https from "node:https";
import WooCommerceModule from "@woocommerce/woocommerce-rest-api";
import { createShopLookup, type ShopAddressPolicy, type WooAccess } from "@premiumcdkeys/core";
import { failureOf, type RestFailure } from "./rest-failure.ts";

// The package is CommonJS with `exports.default`: native ESM sees the class under `.default`.
const WooCommerceRestApi =
  (WooCommerceModule as unknown as { default?: typeof WooCommerceModule }).default ??
  WooCommerceModule;

export type RestOptions = {
  timeoutMs: number;
  addressPolicy: ShopAddressPolicy;
  /** Extra certificate authorities to trust for HTTPS shops (tests with a local certificate). */
  ca?: string | Buffer;
};

export type RestAnswer = { status: number; body: string; headers: Record<string, unknown> };

export type RestResult = { ok: true; answer: RestAnswer } | { ok: false; failure: RestFailure };

type Params = Record<string, string>;

/**
 * One shop's REST API v3 through `@woocommerce/woocommerce-rest-api` (Basic auth over HTTPS,
 * OAuth 1.0a signatures over plain HTTP, as WooCommerce documents). Its axios is held to the
 * shop: no proxy from the environment, no redirects followed, names resolved through the shop
 * address policy at every connection, answers kept as text so ids are read without loss.
 */
export class ShopRestClient {
  readonly #api: InstanceType<typeof WooCommerceModule>;

  constructor(access: WooAccess, options: RestOptions) {
    const lookup = createShopLookup(options.addressPolicy);
    this.#api = new WooCommerceRestApi({
      url: access.url,
      consumerKey: access.consumerKey,
      consumerSecret: access.consumerSecret,
      version: "wc/v3",
      timeout: options.timeoutMs,
      axiosConfig: {
        adapter: "http",
        proxy: false,
        maxRedirects: 0,
        maxContentLength: 20 * 1024 * 1024,
        maxBodyLength: 1024 * 1024,
        responseType: "text",
        transformResponse: [(data: unknown) => data],
        httpAgent: new http.Agent({ lookup }),
        httpsAgent: new https.Agent({ lookup, ca: options.ca }),
      },
    });
  }

  get(endpoint: string, params: Params = {}): Promise<RestResult> {
    return this.#send(() => this.#api.get(endpoint, params));
  }

  post(endpoint: string, data: object): Promise<RestResult> {
    return this.#send(() => this.#api.post(endpoint, data));
  }

  put(endpoint: string, data: object): Promise<RestResult> {
    return this.#send(() => this.#api.put(endpoint, data));
  }

  delete(endpoint: string, params: Params = {}): Promise<RestResult> {
    return this.#send(() => this.#api.delete(endpoint, params));
  }

  async #send(call: () => Promise<unknown>): Promise<RestResult> {
    try {
      const response = (await call()) as {
        status: number;
        data: unknown;
        headers: Record<string, unknown>;
      };
      return {
        ok: true,
        answer: {
          status: response.status,
          body: typeof response.data === "string" ? response.data : "",
          headers: response.headers,
        },
      };
    } catch (error) {
      return { ok: false, failure: failureOf(error) };
    }
  }
}
