import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxCode } from "@premiumcdkeys/suppliers";
import { fixture, postShopify } from "../support/shop-deliveries.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

// The server runs here and only ingests (RUN_WORKER=false); the buying happens in worker
// processes of their own, started as `npm run worker` starts them, on the same data folder: they
// reach the embedded database through the address the server recorded there, and read the same
// generated encryption key from it.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const ORDER_EXTERNAL_ID = "5912345678901";

type WorkerProcess = { child: ChildProcess; logFile: string; exited: Promise<void> };

describe("a worker process killed with SIGKILL mid-purchase", () => {
  let server: TestServer;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    server = await startTestServer({ RUN_WORKER: "false" });
  });

  afterAll(async () => {
    for (const worker of workers) await stopWorker(worker);
    await server?.close();
    if (server) fs.rmSync(server.dataDir, { recursive: true, force: true });
  });

  it("leaves the order to another worker, which finishes it buying each unit once", async () => {
    const prisma = server.platform.db.prisma;
    expect(fs.existsSync(path.join(server.dataDir, "key-encryption.key"))).toBe(true);

    const slow = spawnWorker(server.dataDir, "slow", { SANDBOX_LATENCY_MS: "1500" });
    workers.push(slow);
    const slowPid = await workerPid(slow);

    const shop = server.demo.shops.shopify;
    const body = fixture("shopify/orders-paid.json");
    const posted = await postShopify(
      `${server.url}/api/webhook/shopify/${shop.id}`,
      shop.webhook_secret,
      body,
    );
    expect(posted.status).toBe(200);

    const order = await waitFor(
      () => prisma.order.findFirst({ where: { shopId: shop.id, externalId: ORDER_EXTERNAL_ID } }),
      30_000,
      "the order to be recorded",
    );
    await waitFor(
      async () =>
        (await prisma.purchase.count({ where: { orderId: order.id, status: "calling" } })) === 4,
      30_000,
      "all four units to be at the supplier",
    );

    process.kill(-slow.child.pid!, "SIGKILL");
    await slow.exited;
    await waitFor(() => Promise.resolve(!isAlive(slowPid)), 5_000, "the killed worker to be gone");
    // Killed before the supplier charged anything: the next worker has to finish the purchases.
    expect(await prisma.purchase.count({ where: { orderId: order.id, status: "confirmed" } })).toBe(
      0,
    );
    expect(await ledgerSize(prisma)).toBe(0);

    const next = spawnWorker(server.dataDir, "next", { SANDBOX_LATENCY_MS: "0" });
    workers.push(next);
    const delivered = await waitFor(
      async () => {
        const current = await prisma.order.findUniqueOrThrow({ where: { id: order.id } });
        return current.status === "delivered" || current.status === "failed" ? current : undefined;
      },
      45_000,
      "the order to be delivered by the second worker",
    );
    expect(delivered).toMatchObject({ status: "delivered", failureCode: null });

    const purchases = await prisma.purchase.findMany({
      where: { orderId: order.id },
      include: { key: true },
      orderBy: { reference: "asc" },
    });
    expect(purchases).toHaveLength(4);
    // Each unit was taken up again once, so the supplier was asked for the reference first.
    for (const purchase of purchases) {
      expect(purchase).toMatchObject({ status: "confirmed", attempts: 2, claimedUntil: null });
    }
    expect(await prisma.key.count({ where: { purchase: { orderId: order.id } } })).toBe(4);

    const references = purchases.map((purchase) => purchase.reference);
    const ledger = await prisma.$queryRaw<{ reference: string; orders: bigint }[]>`
      SELECT reference, count(*) AS orders FROM sandbox_supplier_orders
       WHERE reference = ANY(${references}) GROUP BY reference ORDER BY reference`;
    expect(ledger.map((row) => [row.reference, Number(row.orders)])).toEqual(
      references.map((reference) => [reference, 1]),
    );
    expect(await ledgerSize(prisma)).toBe(4);
    // The supplier took stock once per unit: no second charge was even attempted.
    const stock = await prisma.$queryRaw<{ product_id: string; sold: number }[]>`
      SELECT product_id, sold FROM sandbox_supplier_stock ORDER BY product_id`;
    expect(stock).toEqual([
      { product_id: "SBX-GAMEPASS-3M", sold: 3 },
      { product_id: "SBX-STARFIELD-EU", sold: 1 },
    ]);

    // Keys sealed by the worker open with the server's key: both use the data folder's key.
    for (const purchase of purchases) {
      const code = server.platform.vault.openText(purchase.key!.seal, `key:${purchase.id}`);
      expect(code).toBe(sandboxCode(purchase.reference));
    }
    const nextLog = fs.readFileSync(next.logFile, "utf8");
    expect(nextLog).toContain("using the development key");
    // A client of the server's database, through the address in the data folder, not its owner.
    expect(nextLog).not.toContain("serving the data folder");
  }, 120_000);
});

async function ledgerSize(prisma: TestServer["platform"]["db"]["prisma"]): Promise<number> {
  const [row] = await prisma.$queryRaw<{ orders: bigint }[]>`
    SELECT count(*) AS orders FROM sandbox_supplier_orders`;
  return Number(row.orders);
}

/**
 * `npm run worker` on the test server's data folder, logging to a file there. tsx runs the
 * script in a child process of its own, so the worker gets a process group and is killed by it.
 */
function spawnWorker(dataDir: string, name: string, env: Record<string, string>): WorkerProcess {
  const logFile = path.join(dataDir, `worker-${name}.log`);
  const output = fs.openSync(logFile, "a");
  const { DATABASE_URL, KEY_ENCRYPTION_KEY, TEST_DATABASE_URL, ...inherited } = process.env;
  void [DATABASE_URL, KEY_ENCRYPTION_KEY, TEST_DATABASE_URL];
  const child = spawn(TSX, ["app/src/cli/worker.ts"], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", output, output],
    env: {
      ...inherited,
      DATA_DIR: dataDir,
      LOG_LEVEL: "debug",
      JOB_LEASE_MS: "2000",
      WORKER_POLL_MS: "20",
      JOB_RETRY_BASE_MS: "20",
      ...env,
    },
  });
  fs.closeSync(output);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, logFile, exited };
}

/** The pid of the process running the worker, read from the id it logs when it starts. */
async function workerPid(worker: WorkerProcess): Promise<number> {
  const started = await waitFor(
    () => {
      const log = fs.existsSync(worker.logFile) ? fs.readFileSync(worker.logFile, "utf8") : "";
      return Promise.resolve(/"workerId":"[^"]*:(\d+):[0-9a-f]+","msg":"worker started"/.exec(log));
    },
    30_000,
    `worker to start (see ${worker.logFile})`,
  );
  return Number(started[1]);
}

/** SIGTERM to tsx, which passes it on once: a second one would make the worker exit at once. */
async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill("SIGTERM");
  const stopped = await Promise.race([
    worker.exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000)),
  ]);
  if (!stopped) signalGroup(worker, "SIGKILL");
}

function signalGroup(worker: WorkerProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-worker.child.pid!, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
