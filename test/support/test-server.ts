import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { loadConfig, type DemoAccount } from "@premiumcdkeys/core";
import { startServer, type RunningServer } from "../../app/src/boot.ts";

export type TestServer = RunningServer & { demo: DemoAccount; dataDir: string; logFile: string };

/** Timings shrunk so retries, leases and webhook back-off play out within a test. */
export const FAST_TIMINGS = {
  WORKER_POLL_MS: "20",
  JOB_RETRY_BASE_MS: "20",
  JOB_LEASE_MS: "3000",
  SUPPLIER_TIMEOUT_MS: "1000",
  SANDBOX_TIMEOUT_MS: "5000",
  WEBHOOK_RETRY_DELAYS_MS: "30,30,30,30",
  WEBHOOK_TIMEOUT_MS: "2000",
  // Test receivers listen on loopback.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: "true",
  // The dashboard's pages load Remix; suites that test them turn it on.
  DASHBOARD: "false",
};

/**
 * The real server on a free loopback port, with its worker, over a fresh data folder (or the
 * given one, to restart on the same data). Logs go to a file the test can search.
 */
export async function startTestServer(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<TestServer> {
  const folder = dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "pck-test-"));
  const logFile = path.join(folder, "server.log");
  const config = loadConfig({
    ...FAST_TIMINGS,
    LOG_LEVEL: "debug",
    PORT: "0",
    DATA_DIR: folder,
    ...env,
  });
  const logStream = fs.createWriteStream(logFile, { flags: "a" });

  const server = await startServer(config, { logDestination: logStream });
  const demo = JSON.parse(
    fs.readFileSync(path.join(folder, "demo-account.json"), "utf8"),
  ) as DemoAccount;
  // The demo account is on Standard (60 requests a minute); suites make more than that, so
  // they run it as Enterprise. The rate-limit suite puts it back on Standard itself.
  await server.platform.db.prisma.account.update({
    where: { id: demo.account_id },
    data: { tier: "enterprise", rateLimitPerMinute: 100_000 },
  });
  // The demo file names APP_URL; the test server listens on a port picked at start.
  for (const shop of Object.values(demo.shops)) {
    shop.webhook_url = shop.webhook_url.replace(/^https?:\/\/[^/]+/, server.url);
  }
  return {
    ...server,
    demo,
    dataDir: folder,
    logFile,
    async close() {
      await server.close();
      await new Promise((resolve) => logStream.end(resolve));
    },
  };
}

/** Polls until `check` returns a truthy value, or fails with the last value seen. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  timeoutMs = 20_000,
  label = "condition",
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Timed out waiting for ${label}; last value: ${JSON.stringify(last, replacer)}`);
}

function replacer(_key: string, value: unknown) {
  return typeof value === "bigint" ? value.toString() : value;
}

/**
 * A loopback port free right now, for a server whose own URL must be known before it starts
 * (the Shopify app's URL, say). Another process could take it in between; tests accept that.
 */
export async function freeLoopbackPort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
