import type { WooFailure } from "@premiumcdkeys/core";

/** What went wrong with one REST call, before it is put in a merchant's words. */
export type RestFailure =
  | { kind: "network"; code: string }
  | {
      kind: "http";
      status: number;
      wooCode?: string;
      message?: string;
      json: boolean;
      location?: string;
    };

type AxiosLikeError = {
  code?: string;
  cause?: { code?: string };
  response?: { status: number; data?: unknown; headers?: Record<string, unknown> };
};

export function failureOf(error: unknown): RestFailure {
  const failure = (error ?? {}) as AxiosLikeError;
  const response = failure.response;
  if (!response) return { kind: "network", code: failure.cause?.code ?? failure.code ?? "UNKNOWN" };

  const text = typeof response.data === "string" ? response.data : "";
  const body = parseObject(text);
  const location = response.headers?.location;
  return {
    kind: "http",
    status: response.status,
    wooCode: typeof body?.code === "string" ? body.code : undefined,
    message: typeof body?.message === "string" ? body.message.slice(0, 200) : undefined,
    json: body !== undefined,
    location: typeof location === "string" ? location.slice(0, 200) : undefined,
  };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const TLS_CODE = /CERT|TLS|SSL|UNABLE_TO_|SELF_SIGNED/;

/**
 * The merchant-facing reason for a failed call. `permalinksPlain` is asked only when the REST
 * route answered something that is not WooCommerce's JSON, to tell plain permalinks apart from
 * a site without WooCommerce.
 */
export function describeFailure(failure: RestFailure, permalinksPlain = false): WooFailure {
  if (failure.kind === "network") return describeNetwork(failure.code);

  const { status, wooCode, message } = failure;
  if (status === 401 && /write permission/i.test(message ?? "")) {
    return {
      code: "READ_ONLY_KEYS",
      message:
        "The REST keys are read-only: create keys with Read/Write permissions " +
        "(WooCommerce > Settings > Advanced > REST API)",
    };
  }
  if (status === 401) {
    return {
      code: "WRONG_KEYS",
      message: `The shop refused the consumer key and secret${message ? ` (${message})` : ""}`,
    };
  }
  if (status === 403) {
    return {
      code: "INSUFFICIENT_PERMISSIONS",
      message:
        "The keys' user may not manage WooCommerce: " +
        "create keys for a shop manager or administrator",
    };
  }
  if (status >= 300 && status < 400) {
    return {
      code: "SHOP_ERROR",
      message:
        `The shop redirects${failure.location ? ` to ${withoutQuery(failure.location)}` : ""}: ` +
        "use the address it redirects to",
    };
  }
  if (permalinksPlain) {
    return {
      code: "PLAIN_PERMALINKS",
      message:
        "The shop uses plain permalinks, which WooCommerce's REST API does not support: " +
        "choose another structure in WordPress > Settings > Permalinks",
    };
  }
  if (status === 404 && (!failure.json || wooCode === "rest_no_route")) {
    return {
      code: "NOT_WOOCOMMERCE",
      message: "No WooCommerce REST API (wc/v3) answers at this address",
    };
  }
  return {
    code: "SHOP_ERROR",
    message: [`The shop answered ${status}`, wooCode, message && `: ${message}`]
      .filter(Boolean)
      .join(" ")
      .replace(" :", ":"),
  };
}

function describeNetwork(code: string): WooFailure {
  if (code === "EPRIVATETARGET") {
    return { code: "PRIVATE_ADDRESS", message: "The shop's name resolves to a private address" };
  }
  if (TLS_CODE.test(code)) {
    return { code: "TLS_ERROR", message: `The shop's HTTPS certificate was refused (${code})` };
  }
  if (code === "ECONNABORTED" || code === "ETIMEDOUT") {
    return { code: "SHOP_UNREACHABLE", message: "The shop did not answer in time" };
  }
  return { code: "SHOP_UNREACHABLE", message: `The shop could not be reached (${code})` };
}

// A redirect's query can repeat our request's own, OAuth consumer key included.
function withoutQuery(location: string): string {
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return "another address";
  }
}
