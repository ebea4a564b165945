import { SupplierError } from "../supplier.ts";

export type JsonHttpOptions = {
  /** Supplier id, for error details. */
  supplier: string;
  baseUrl: string;
  /** Longest wait for one answer; past it the call fails with `timeout`. */
  timeoutMs: number;
};

export type JsonRequest = {
  method?: "GET" | "POST" | "PUT";
  path: string;
  query?: Record<string, string | number | undefined>;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string>;
};

export type JsonAnswer = { status: number; body: unknown; headers: Headers };

/**
 * One HTTP call to a supplier API through Node's fetch (undici), bounded in time. Transport
 * failures become `SupplierError`s; HTTP error statuses are returned for the adapter to read,
 * except 429, which every supplier means the same way. Redirects are refused: a supplier API
 * that redirects is not the one the merchant configured.
 */
export async function requestJson(options: JsonHttpOptions, request: JsonRequest) {
  const url = new URL(options.baseUrl.replace(/\/+$/, "") + request.path);
  for (const [name, value] of Object.entries(request.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  const headers: Record<string, string> = { accept: "application/json", ...request.headers };
  let body: string | undefined;
  if (request.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(request.json);
  } else if (request.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(request.form).toString();
  }

  let response: Response;
  try {
    response = await fetch(url, {
      method: request.method ?? "GET",
      headers,
      body,
      redirect: "error",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch (error) {
    throw transportError(options, error);
  }

  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw transportError(options, error);
  }
  if (response.status === 429) {
    throw new SupplierError("rate_limited", `${options.supplier} answered 429 Too Many Requests`, {
      status: 429,
      retry_after: response.headers.get("retry-after"),
    });
  }
  return { status: response.status, body: parseBody(text), headers: response.headers };
}

function parseBody(text: string): unknown {
  if (text.trim() === "") return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unparsed: text.slice(0, 200) };
  }
}

function transportError(options: JsonHttpOptions, error: unknown): SupplierError {
  const name = (error as { name?: string }).name;
  if (name === "TimeoutError" || name === "AbortError") {
    return new SupplierError(
      "timeout",
      `No answer from ${options.supplier} within ${options.timeoutMs} ms`,
    );
  }
  return new SupplierError("unavailable", `Could not reach ${options.supplier}`, {
    cause: (error as { cause?: { code?: string } }).cause?.code ?? name ?? "network",
  });
}

/** A field of a JSON object, or undefined. */
export function field(body: unknown, name: string): unknown {
  return body && typeof body === "object" ? (body as Record<string, unknown>)[name] : undefined;
}

/** A text field of a JSON object, or the fallback. */
export function textField(body: unknown, name: string, fallback = ""): string {
  const value = field(body, name);
  return typeof value === "string" || typeof value === "number" ? String(value) : fallback;
}
