import type { Target } from "../report.ts";
import type { ApiFigures, ApiResult } from "./bench-api-orders.ts";

type Say = (line: string) => void;
type Setup = { orders: number; concurrency: number; ratePerSecond: number; requests: number };

const fixed1 = (value: number) => value.toFixed(1);
const cell = (text: string, width: number) => text.padStart(width);
const HEADINGS = ["req/s", "p50 ms", "p99 ms", "max ms", "non-200"];

export function printApi(say: Say, results: ApiResult[], setup: Setup): void {
  say(
    `(c) GET /api/v1/orders?status=delivered&from=2026-03-01&to=2026-09-30&limit=20&page=1..10 ` +
      `over ${setup.orders.toLocaleString("en")} orders, ${setup.requests} requests per run`,
  );
  say(`${"".padEnd(52)}${HEADINGS.map((t) => cell(t, 9)).join("")}`);
  for (const result of results) {
    const rows: [string, ApiFigures][] = [
      [`ours at ${setup.ratePerSecond} req/s`, result.oursPaced],
      [`baseline at ${setup.ratePerSecond} req/s`, result.baselinePaced],
      [`ours, ${setup.concurrency} clients flat out`, result.ours],
      [`baseline, ${setup.concurrency} clients flat out`, result.baseline],
    ];
    for (const [name, figures] of rows) say(row(`${result.database}: ${name}`, figures));
    const ratio = result.ours.requestsPerSecond / result.baseline.requestsPerSecond;
    say(`${result.database}: ours / baseline throughput flat out ${ratio.toFixed(2)}x`);
    say(
      `${result.database}: rate-limit statement alone p50 ${result.rateLimitP50Ms.toFixed(2)} ms; ` +
        `seeding took ${result.seedSeconds.toFixed(0)} s`,
    );
  }
  say("ours: Hono + Prisma, API key check and rate-limit count; baseline: bare node:http + pg");
  say("");
}

function row(name: string, figures: ApiFigures): string {
  const { p50, p99, max } = figures.latency;
  const cells = [figures.requestsPerSecond.toFixed(0), fixed1(p50), fixed1(p99), fixed1(max)];
  return `${name.padEnd(52)}${[...cells, String(figures.non200)].map((t) => cell(t, 9)).join("")}`;
}

// The issue sets its p99 and throughput targets on PostgreSQL; PGlite's figures are shown. The
// p99 is read at the steady rate: flat out, latency is only the queue in front of two cores.
export function apiTargets(results: ApiResult[], setup: Setup): Target[] {
  const targets: Target[] = [];
  for (const result of results) {
    if (result.database === "PostgreSQL") {
      const ratio = result.ours.requestsPerSecond / result.baseline.requestsPerSecond;
      targets.push({
        name: `orders API p99 on PostgreSQL at ${setup.ratePerSecond} req/s under 25 ms`,
        figure: `${fixed1(result.oursPaced.latency.p99)} ms`,
        pass: result.oursPaced.latency.p99 < 25,
      });
      targets.push({
        name: "orders API throughput / baseline on PostgreSQL at least 0.5x",
        figure: `${ratio.toFixed(2)}x`,
        pass: ratio >= 0.5,
      });
    }
    targets.push({
      name: `rate-limit bookkeeping p50 on ${result.database} under 1 ms`,
      figure: `${result.rateLimitP50Ms.toFixed(2)} ms`,
      pass: result.rateLimitP50Ms < 1,
    });
  }
  return targets;
}
