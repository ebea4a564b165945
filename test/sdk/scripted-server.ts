import http from "node:http";
import type { AddressInfo } from "node:net";

export type ScriptedAnswer = {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Wait this long before answering; `Infinity` never answers. */
  delayMs?: number;
  /** Send the head, then one byte of body every 100 ms, never finishing. */
  trickle?: boolean;
};

export type SeenRequest = {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
};

/**
 * A tiny HTTP server on loopback that answers from a script, one answer per request, for what
 * the real server cannot be made to do on demand (a 429 at a chosen moment, a hang, a proxy's
 * HTML page, a redirect). The last answer repeats once the script runs out.
 */
export async function startScriptedServer(script: ScriptedAnswer[]) {
  const seen: SeenRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      seen.push({
        method: request.method ?? "",
        url: request.url ?? "",
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
      });
      const answer = script[Math.min(seen.length - 1, script.length - 1)];
      if (answer.delayMs === Infinity) return;
      if (answer.trickle) {
        response.writeHead(answer.status, answer.headers ?? {});
        const drip = setInterval(() => response.write(" "), 100);
        response.on("close", () => clearInterval(drip));
        return;
      }
      setTimeout(() => {
        response.writeHead(answer.status, answer.headers ?? {}).end(answer.body ?? "");
      }, answer.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close() {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type ScriptedServer = Awaited<ReturnType<typeof startScriptedServer>>;

/** A JSON answer in the API's shape. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return {
    status,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** A 429 in the contract's envelope, with the rate-limit headers the API sends. */
export function rateLimited(retryAfterSeconds: number, resetInSeconds = retryAfterSeconds) {
  return json(
    429,
    { error: { code: "RATE_LIMITED", message: "Too many requests", details: {} } },
    {
      "retry-after": String(retryAfterSeconds),
      "x-ratelimit-limit": "60",
      "x-ratelimit-remaining": "0",
      "x-ratelimit-reset": String(Math.ceil(Date.now() / 1000) + resetInSeconds),
    },
  );
}

export const EMPTY_PAGE = json(200, { data: [], meta: { total: 0, page: 1, limit: 20, pages: 0 } });
