import http from "node:http";
import { performance } from "node:perf_hooks";

export type LoadRequest = {
  headers: Record<string, string>;
  body?: string | Buffer;
  /** POST unless given; a GET sends no body. */
  method?: "GET" | "POST";
  /** Path and query; the URL's path unless given. */
  path?: string;
};

export type LoadOptions = {
  url: string;
  concurrency: number;
  total: number;
  /** The i-th request; called just before it is sent. */
  request(index: number): LoadRequest;
};

export type LoadResult = {
  elapsedMs: number;
  latenciesMs: number[];
  statuses: Map<number, number>;
  errors: number;
  firstSentAt: number;
};

/**
 * A closed-loop load generator: `concurrency` clients, each sending its next request as soon as
 * the previous answer is read, over kept-alive node:http connections (one per client).
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  let errors = 0;
  let next = 0;

  const client = async () => {
    while (next < options.total) {
      const request = options.request(next++);
      const started = performance.now();
      try {
        const status = await send(agent, target, request);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      } catch {
        errors++;
      }
      latenciesMs.push(performance.now() - started);
    }
  };

  const firstSentAt = Date.now();
  const started = performance.now();
  await Promise.all(Array.from({ length: options.concurrency }, client));
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { elapsedMs, latenciesMs, statuses, errors, firstSentAt };
}

export function send(agent: http.Agent, target: URL, { headers, body, method, path }: LoadRequest) {
  return new Promise<number>((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: target.hostname,
        port: target.port,
        path: path ?? target.pathname,
        method: method ?? "POST",
        headers: body ? { ...headers, "content-length": String(Buffer.byteLength(body)) } : headers,
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
