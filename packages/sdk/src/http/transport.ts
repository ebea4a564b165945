import { ConnectionError, PremiumCDKeysError, TimeoutError } from "../errors.ts";
import type { ResolvedOptions } from "../options.ts";
import { SDK_VERSION } from "../version.ts";
import { readAnswer } from "./read-answer.ts";
import { readRateLimit, waitBeforeRetryMs, type RateLimit } from "./rate-limit.ts";
import { sleep } from "./sleep.ts";

export type QueryValue = string | number | boolean | Date | readonly string[] | null | undefined;

/** Per-call options every method takes as its last argument. */
export type RequestOptions = {
  /** Cancels the call (and any wait before a retry); the promise rejects with its reason. */
  signal?: AbortSignal;
  /** Overrides the client's `timeoutMs` for this call. */
  timeoutMs?: number;
};

export type RequestSpec = RequestOptions & {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Below `/api/v1`, starting with `/`, every variable segment already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
};

/**
 * Every request of the client goes through here: authentication, timeouts, the retry of 429
 * answers after the wait they ask for, and the mapping of error answers to typed errors.
 */
export class Transport {
  /** The rate-limit headers of the latest answer that carried them. */
  lastRateLimit: RateLimit | undefined;

  constructor(private readonly options: ResolvedOptions) {}

  async request<T>(spec: RequestSpec): Promise<T> {
    const url = this.urlFor(spec);
    const init: RequestInit = {
      method: spec.method,
      headers: this.headersFor(spec),
      body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
      // A redirect would carry the API key to wherever it points: it is reported instead.
      redirect: "manual",
    };

    for (let retry = 0; ; retry++) {
      const { status, headers, text } = await this.send(url, init, spec);
      const rateLimit = readRateLimit(headers);
      if (rateLimit) this.lastRateLimit = rateLimit;

      const waitMs = waitBeforeRetryMs(rateLimit);
      if (
        status === 429 &&
        retry < this.options.maxRetries &&
        waitMs <= this.options.maxRetryWaitMs
      ) {
        await sleep(waitMs, spec.signal);
        // An abort during the wait ends the call with the caller's reason, as fetch would.
        if (spec.signal?.aborted) throw spec.signal.reason;
        continue;
      }
      return readAnswer<T>({ status, headers, text, rateLimit });
    }
  }

  /** One attempt, body included, within the timeout. */
  private async send(url: string, init: RequestInit, spec: RequestSpec) {
    const timeoutMs = spec.timeoutMs ?? this.options.timeoutMs;
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    const forwardAbort = () => controller.abort(spec.signal?.reason);
    if (spec.signal?.aborted) forwardAbort();
    spec.signal?.addEventListener("abort", forwardAbort, { once: true });

    try {
      const response = await this.options.fetch(url, { ...init, signal: controller.signal });
      const text = await response.text();
      return { status: response.status, headers: response.headers, text };
    } catch (error) {
      if (timedOut) {
        throw new TimeoutError(
          `No answer within ${timeoutMs} ms: ${init.method} ${url}`,
          "TIMEOUT",
        );
      }
      if (spec.signal?.aborted) throw spec.signal.reason;
      throw new ConnectionError(`Could not reach ${url}`, "CONNECTION_ERROR", { cause: error });
    } finally {
      clearTimeout(timer);
      spec.signal?.removeEventListener("abort", forwardAbort);
    }
  }

  private urlFor(spec: RequestSpec): string {
    const url = new URL(`${this.options.baseUrl}/api/v1${spec.path}`);
    for (const [name, value] of Object.entries(spec.query ?? {})) {
      if (value === undefined || value === null) continue;
      url.searchParams.set(name, queryText(value));
    }
    return url.toString();
  }

  private headersFor(spec: RequestSpec): Record<string, string> {
    return {
      accept: "application/json",
      authorization: `Bearer ${this.options.apiKey}`,
      "user-agent": `premiumcdkeys-sdk-js/${SDK_VERSION}`,
      ...(spec.body === undefined ? {} : { "content-type": "application/json" }),
      ...spec.headers,
    };
  }
}

function queryText(value: Exclude<QueryValue, null | undefined>): string {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) {
      throw new PremiumCDKeysError("A query parameter is an invalid Date", "INVALID_ARGUMENT");
    }
    return value.toISOString();
  }
  if (Array.isArray(value)) return value.join(",");
  return String(value);
}
