import http from "node:http";
import https from "node:https";
import axios from "axios";
import { createShopLookup } from "@premiumcdkeys/core";
import type { RestOptions } from "./rest-client.ts";

/**
 * Whether WooCommerce answers through `?rest_route=` although not under `/wp-json/`: the sign of
 * WordPress's "Plain" permalinks. Unauthenticated, held to the same address policy as the client.
 */
export async function hasPlainPermalinks(shopUrl: string, options: RestOptions): Promise<boolean> {
  const lookup = createShopLookup(options.addressPolicy);
  try {
    const response = await axios.get<string>(`${shopUrl}/`, {
      params: { rest_route: "/wc/v3" },
      adapter: "http",
      proxy: false,
      maxRedirects: 0,
      timeout: options.timeoutMs,
      maxContentLength: 5 * 1024 * 1024,
      responseType: "text",
      transformResponse: [(data: string) => data],
      httpAgent: new http.Agent({ lookup }),
      httpsAgent: new https.Agent({ lookup, ca: options.ca }),
    });
    const index = JSON.parse(response.data) as { namespace?: unknown };
    return index.namespace === "wc/v3";
  } catch {
    return false;
  }
}
