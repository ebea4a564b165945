import http from "node:http";
import { performance } from "node:perf_hooks";
import { send, type LoadRequest, type LoadResult } from "./load-generator.ts";

export type PacedOptions = {
  url: string;
  /** Requests started per second, whether or not earlier answers have come back. */
  ratePerSecond: number;
  total: number;
  request(index: number): LoadRequest;
};

/**
 * An open-loop load generator: request i starts at i / rate seconds, answered or not, so a slow
 * answer cannot hold the next ones back. Latency counts from the planned start, so time the
 * generator itself fell behind is charged to the server rather than hidden.
 */
export async function runPaced(options: PacedOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const latenciesMs: number[] = [];
  const statuses = new Map<number, number>();
  const intervalMs = 1000 / options.ratePerSecond;
  let errors = 0;

  const one = async (index: number, plannedAt: number) => {
    try {
      const status = await send(agent, target, options.request(index));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    } catch {
      errors++;
    }
    latenciesMs.push(performance.now() - plannedAt);
  };

  const firstSentAt = Date.now();
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let index = 0; index < options.total; index++) {
    const plannedAt = started + index * intervalMs;
    const wait = plannedAt - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(one(index, plannedAt));
  }
  await Promise.all(inFlight);
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { elapsedMs, latenciesMs, statuses, errors, firstSentAt };
}
