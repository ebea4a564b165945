import os from "node:os";
import type { IngestResult } from "./ingest.ts";
import type { OrdersResult } from "./orders-to-delivered.ts";

type Say = (line: string) => void;

export type Target = { name: string; figure: string; pass: boolean };

type Column = [title: string, width: number];

export function printHeader(say: Say): void {
  const cpus = os.cpus();
  // Other work on the machine moves every figure here; the load average says how busy it was.
  const load = os.loadavg()[0].toFixed(2);
  say(
    `PremiumCDKeys bench: Node ${process.version}, ${cpus.length} CPU(s) ${cpus[0]?.model ?? ""}`,
  );
  say(`Load average before the bench: ${load}`);
  say("");
}

const INGEST_COLUMNS: Column[] = [
  ["", 34],
  ["req/s", 8],
  ["p50 ms", 8],
  ["p99 ms", 8],
  ["max ms", 8],
  ["non-200", 8],
];

type IngestSetup = { requests: number; warmup: number; concurrency: number };

export function printIngest(say: Say, result: IngestResult, setup: IngestSetup): void {
  say("(a) Ingest of signed Shopify orders/paid, each with its own X-Shopify-Webhook-Id");
  say(
    `    ${setup.concurrency} concurrent clients, ${setup.requests} requests per server after ` +
      `${setup.warmup} warm-up; load generator: node:http keep-alive, in the bench process`,
  );
  say(
    row(
      INGEST_COLUMNS,
      INGEST_COLUMNS.map(([title]) => title),
    ),
  );
  for (const [name, figures] of [
    ["ours (Hono + Prisma, no worker)", result.ours],
    ["bare node:http + pg (baseline)", result.baseline],
  ] as const) {
    const { p50, p99, max } = figures.latency;
    const cells = [name, figures.requestsPerSecond.toFixed(0), ...[p50, p99, max].map(fixed1)];
    say(row(INGEST_COLUMNS, [...cells, String(figures.failed)]));
  }
  say(`    ratio ours/baseline: ${ratio(result).toFixed(2)}x`);
  say("");
}

const ORDER_COLUMNS: Column[] = [
  ["supplier latency", 17],
  ["orders/s", 9],
  ["total s", 8],
  ["sending s", 10],
  ["delivered", 10],
  ["failed", 7],
  ["peak RSS MB", 12],
  ["server VmHWM MB", 16],
];

export function printOrders(say: Say, results: OrdersResult[]): void {
  const { orders, workerConcurrency, clients } = results[0].options;
  say(`(b) ${orders} paid Shopify orders (2 lines, 4 keys each), first webhook to last delivered`);
  say(
    `    fresh data folder each, worker in the server, ` +
      `WORKER_CONCURRENCY=${workerConcurrency}, ${clients} senders`,
  );
  say(
    row(
      ORDER_COLUMNS,
      ORDER_COLUMNS.map(([title]) => title),
    ),
  );
  for (const result of results) {
    const cells = [
      `${result.options.latencyMs} ms`,
      fixed1(result.ordersPerSecond),
      fixed1(result.seconds),
      fixed1(result.ingestSeconds),
      String(result.delivered),
      String(result.failed),
      result.peakTreeMb.toFixed(0),
      result.largestProcessHwmMb.toFixed(0),
    ];
    say(row(ORDER_COLUMNS, cells) + (result.timedOut ? "  (timed out)" : ""));
  }
  say("    peak RSS: the server's process tree (tsx launcher, server, esbuild) while orders ran,");
  say("    sampled every 100 ms; VmHWM: the server process's own peak, start-up (initdb) included");
  say("");
}

export function ingestTargets(result: IngestResult): Target[] {
  const p99 = result.ours.latency.p99;
  return [
    {
      name: "ingest at least 0.5x the bare baseline",
      figure: `${ratio(result).toFixed(2)}x`,
      pass: ratio(result) >= 0.5,
    },
    { name: "ingest p99 under 50 ms", figure: `${fixed1(p99)} ms`, pass: p99 < 50 },
  ];
}

const ORDERS_PER_SECOND_WANTED: Record<number, number> = { 0: 50, 300: 20 };

export function ordersTargets(results: OrdersResult[]): Target[] {
  const throughput = results.map((result) => {
    const floor = ORDERS_PER_SECOND_WANTED[result.options.latencyMs] ?? 0;
    const complete = result.delivered === result.options.orders;
    const shortfall = complete ? "" : ` (${result.delivered} delivered)`;
    return {
      name: `at least ${floor} orders/s at ${result.options.latencyMs} ms supplier latency`,
      figure: `${fixed1(result.ordersPerSecond)}/s${shortfall}`,
      pass: complete && result.ordersPerSecond >= floor,
    };
  });
  const peak = Math.max(...results.map((result) => result.peakTreeMb));
  const memory = {
    name: "peak RSS under 400 MB",
    figure: `${peak.toFixed(0)} MB`,
    pass: peak < 400,
  };
  return [...throughput, memory];
}

export function printTargets(say: Say, targets: Target[]): void {
  say("Targets");
  for (const target of targets) {
    const verdict = target.pass ? "PASS" : "MISS";
    say(`    ${target.name.padEnd(48)} ${target.figure.padStart(20)}  ${verdict}`);
  }
}

/** The first column left-aligned, the figures right-aligned. */
function row(columns: Column[], cells: string[]): string {
  const padded = cells.map((cell, index) =>
    index === 0 ? cell.padEnd(columns[0][1]) : cell.padStart(columns[index][1]),
  );
  return `    ${padded.join(" ")}`;
}

function ratio(result: IngestResult): number {
  return result.ours.requestsPerSecond / result.baseline.requestsPerSecond;
}

function fixed1(value: number): string {
  return value.toFixed(1);
}
