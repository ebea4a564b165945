import { request as httpRequest, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import {
  checkTargetUrl,
  createGuardedLookup,
  privateTargetCode,
  privateTargetReason,
} from "./target-policy.ts";

export type WebhookRequest = {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  allowPrivate: boolean;
};

/** `error` is set whenever the attempt failed; a delivery succeeded only with a 2xx status. */
export type WebhookAttempt = {
  statusCode?: number;
  durationMs: number;
  error?: string;
  responseExcerpt?: string;
};

/** Delivered means a 2xx answer: every other outcome sets `error`. */
export function wasDelivered(attempt: WebhookAttempt): boolean {
  return attempt.error === undefined;
}

const defaultTimeoutMs = 10_000;
const excerptBytes = 2048;

/**
 * Sends one POST and reports what happened; it never throws and never follows a redirect. The
 * timeout covers everything from the name lookup to the end of the response excerpt.
 */
export function sendWebhook({
  url,
  headers,
  body,
  timeoutMs = defaultTimeoutMs,
  allowPrivate,
}: WebhookRequest): Promise<WebhookAttempt> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);

  const target = checkTargetUrl(url, { allowPrivate });
  if (!target.ok) return Promise.resolve({ durationMs: elapsed(), error: target.reason });

  return new Promise((resolve) => {
    let request: ClientRequest | undefined;
    let statusCode: number | undefined;
    let settled = false;

    const finish = (outcome: Omit<WebhookAttempt, "durationMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request?.destroy();
      resolve({ statusCode, ...outcome, durationMs: elapsed() });
    };
    const timer = setTimeout(() => finish({ error: "timeout" }), timeoutMs);

    // node:http rather than fetch: it takes the guarded `lookup` directly and never redirects.
    const send = target.url.protocol === "https:" ? httpsRequest : httpRequest;
    try {
      request = send(target.url, {
        method: "POST",
        headers: { ...headers, "Content-Length": Buffer.byteLength(body).toString() },
        lookup: createGuardedLookup({ allowPrivate }),
        agent: false,
      });
    } catch (error) {
      finish({ error: describeError(error) });
      return;
    }

    request.on("response", (response) => {
      statusCode = response.statusCode;
      void readExcerpt(response).then((excerpt) =>
        finish({ error: statusError(statusCode), responseExcerpt: excerpt || undefined }),
      );
    });
    request.on("error", (error) => finish({ error: describeError(error) }));
    request.end(body);
  });
}

// Reads at most excerptBytes of the body; the rest is never downloaded.
function readExcerpt(response: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks).subarray(0, excerptBytes).toString("utf8"));

    response.on("data", (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= excerptBytes) done();
    });
    response.on("end", done);
    response.on("error", done);
    response.on("close", done);
  });
}

function statusError(statusCode: number | undefined): string | undefined {
  if (statusCode === undefined) return "no status";
  if (statusCode >= 200 && statusCode < 300) return undefined;
  if (statusCode >= 300 && statusCode < 400) return `redirect not followed (status ${statusCode})`;
  return `status ${statusCode}`;
}

const messagesByCode: Record<string, string> = {
  [privateTargetCode]: privateTargetReason,
  ECONNREFUSED: "connection refused",
  ECONNRESET: "connection reset",
  EPIPE: "connection reset",
  ETIMEDOUT: "timeout",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host lookup failed",
  EAI_FAIL: "host lookup failed",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
};

function describeError(error: unknown): string {
  // With several addresses Node tries each one and reports all failures together.
  const first =
    error instanceof AggregateError && error.errors.length > 0
      ? (error.errors[0] as unknown)
      : error;
  const code = (first as NodeJS.ErrnoException | undefined)?.code;

  if (code && messagesByCode[code]) return messagesByCode[code];
  if (code && /CERT|TLS|SSL|UNABLE_TO_/.test(code)) return `tls error: ${code}`;
  const message = first instanceof Error ? first.message : String(first);
  return code ? `${code}: ${message}` : message;
}
