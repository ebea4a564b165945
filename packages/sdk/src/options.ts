/** The second argument of `new PremiumCDKeys(apiKey, options)`. */
export type ClientOptions = {
  /**
   * The server's address, e.g. `https://api.example.com` (a trailing `/api/v1` is accepted too).
   * @default process.env.PREMIUMCDKEYS_BASE_URL
   */
  baseUrl?: string;
  /**
   * Longest wait for one answer, in milliseconds, before a `TimeoutError`.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * How many times a request answered 429 is sent again, each time after the wait the answer
   * asked for. `0` turns retrying off.
   * @default 2
   */
  maxRetries?: number;
  /**
   * The longest wait for one retry, in milliseconds. A 429 that asks for more is thrown at once
   * as a `RateLimitedError` rather than slept through.
   * @default 60000
   */
  maxRetryWaitMs?: number;
  /** A `fetch` to use instead of the global one (a proxy agent, instrumentation). */
  fetch?: typeof fetch;
};

export type ResolvedOptions = {
  apiKey: string;
  /** Origin plus any path prefix, without a trailing slash and without `/api/v1`. */
  baseUrl: string;
  timeoutMs: number;
  maxRetries: number;
  maxRetryWaitMs: number;
  fetch: typeof fetch;
};

export const BASE_URL_VARIABLE = "PREMIUMCDKEYS_BASE_URL";

/** Checks everything once, at construction, so a misconfigured client fails before any call. */
export function resolveOptions(apiKey: unknown, options: ClientOptions = {}): ResolvedOptions {
  if (typeof apiKey !== "string" || !/^[\x21-\x7e]+$/.test(apiKey)) {
    throw new TypeError("PremiumCDKeys: the API key must be a non-empty string without spaces");
  }

  const fetchFunction = options.fetch ?? globalThis.fetch;
  if (typeof fetchFunction !== "function") {
    throw new TypeError("PremiumCDKeys: no fetch available; pass one as { fetch } (Node 18+)");
  }

  return {
    apiKey,
    baseUrl: resolveBaseUrl(options.baseUrl ?? environmentBaseUrl()),
    timeoutMs: positiveInteger("timeoutMs", options.timeoutMs, 30_000),
    maxRetries: wholeNumber("maxRetries", options.maxRetries, 2),
    maxRetryWaitMs: wholeNumber("maxRetryWaitMs", options.maxRetryWaitMs, 60_000),
    fetch: fetchFunction.bind(globalThis),
  };
}

function environmentBaseUrl(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process
    ?.env;
  const value = env?.[BASE_URL_VARIABLE]?.trim();
  return value ? value : undefined;
}

function resolveBaseUrl(value: string | undefined): string {
  if (value === undefined) {
    throw new TypeError(
      `PremiumCDKeys: no server address; pass { baseUrl } or set ${BASE_URL_VARIABLE}`,
    );
  }

  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`PremiumCDKeys: baseUrl is not a URL: ${JSON.stringify(value)}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new TypeError("PremiumCDKeys: baseUrl must be an http or https URL");
  }
  // Credentials in the URL would travel beside the API key on every request, and a query or
  // fragment would be silently dropped when paths are appended: both are mistakes to name.
  if (url.username || url.password || url.search || url.hash) {
    throw new TypeError("PremiumCDKeys: baseUrl takes no credentials, query or fragment");
  }

  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v1$/, "");
  return url.origin + path;
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new TypeError(`PremiumCDKeys: ${name} must be a positive whole number`);
  }
  return value;
}

function wholeNumber(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) {
    throw new TypeError(`PremiumCDKeys: ${name} must be a whole number, 0 or more`);
  }
  return value;
}
