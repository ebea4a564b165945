import http from "node:http";
import type { AddressInfo } from "node:net";

export type SimRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
};
export type SimAnswer = {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (the work is already done: "charged, answer late"). */
  delayMs?: number;
};

export type SimServer = { url: string; requests: SimRequest[]; close(): Promise<void> };

/** A loopback HTTP server answering JSON from a handler, logging every request it saw. */
export async function startSimServer(
  handle: (request: SimRequest) => SimAnswer | Promise<SimAnswer>,
): Promise<SimServer> {
  const requests: SimRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://simulator");
      const request: SimRequest = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(request);
      void Promise.resolve(handle(request)).then(async (answer) => {
        if (answer.delayMs) await new Promise((resolve) => setTimeout(resolve, answer.delayMs));
        if (res.destroyed) return;
        const text = answer.body === undefined ? "" : JSON.stringify(answer.body);
        res.writeHead(answer.status, {
          ...(text ? { "content-type": "application/json" } : {}),
          ...answer.headers,
        });
        res.end(text);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Decimal JSON number for an amount in minor units, exactly as an API would print it. */
export function decimal(minor: number, decimals: number): number {
  return Number((minor / 10 ** decimals).toFixed(decimals));
}

/** A PNG of a few bytes, different per code, standing for a scanned key card. */
export function tinyImage(code: string): Buffer {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, Buffer.from(`sim-image:${code}`)]);
}
