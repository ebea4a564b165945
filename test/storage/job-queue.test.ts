import fs from "node:fs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, MIGRATIONS_DIR } from "../../packages/core/src/db/migrations.ts";
import type { PrismaClient } from "../../packages/core/src/db/types.ts";
import { RetryLater } from "../../packages/core/src/jobs/job-errors.ts";
import { claimJobs, completeJob, enqueueJob } from "../../packages/core/src/jobs/job-queue.ts";
import { Worker, type JobHandler } from "../../packages/core/src/jobs/worker.ts";
import { createLogger } from "../../packages/core/src/logger.ts";
import { waitFor } from "../support/test-server.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

// Runs on the embedded PGlite by default; set TEST_DATABASE_URL (`npm run test:postgres`) to run
// the same tests on a PostgreSQL server, where two connection pools really claim side by side.

type JobState = {
  id: bigint;
  status: string;
  attempts: number;
  locked_by: string | null;
  last_error: string | null;
  finished_at: Date | null;
  payload: Record<string, unknown>;
};

const log = createLogger("silent");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("migrations", () => {
  it("apply on an empty database, and a second run applies nothing", async () => {
    const empty = await openTestDatabase({ migrate: false });
    try {
      const committed = fs
        .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      expect(await tableExists(empty.prisma, "jobs")).toBe(false);

      expect(await applyMigrations(empty.url)).toEqual(committed);
      expect(await applyMigrations(empty.url)).toEqual([]);

      const recorded = await empty.prisma.$queryRaw<{ migration_name: string }[]>`
        SELECT migration_name FROM _prisma_migrations
         WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
      expect(recorded.map((row) => row.migration_name)).toEqual(committed);
      for (const table of ["jobs", "purchases", "keys", "sandbox_supplier_orders"]) {
        expect(await tableExists(empty.prisma, table)).toBe(true);
      }
    } finally {
      await empty.close();
    }
  });
});

describe("job queue", () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabase();
  });

  afterAll(async () => {
    await db?.close();
  });

  beforeEach(async () => {
    await db.prisma.$executeRaw`DELETE FROM jobs`;
  });

  it("gives each queued job to one worker only, when two workers claim at the same time", async () => {
    const workers = [
      { id: "worker-a", client: db.connect() },
      { id: "worker-b", client: db.connect() },
    ];
    const jobsPerRound = 60;
    // Both pools connect first, so neither worker has the jobs to itself while the other connects.
    await Promise.all(workers.map(({ client }) => client.$queryRaw`SELECT 1`));

    for (let round = 0; round < 5; round++) {
      await db.prisma.$executeRaw`DELETE FROM jobs`;
      await db.prisma.$executeRaw`
        INSERT INTO jobs (type, payload)
        SELECT 'test.claim', jsonb_build_object('n', n) FROM generate_series(1, ${jobsPerRound}) n`;

      const claimed = await Promise.all(
        workers.map(async ({ id, client }) => {
          const ids: bigint[] = [];
          for (let batch = 1; ; batch = (batch % 4) + 1) {
            const jobs = await claimJobs(client, id, batch, 60_000);
            if (jobs.length === 0) return ids;
            ids.push(...jobs.map((job) => job.id));
          }
        }),
      );

      const [byA, byB] = claimed.map((ids) => ids.map(String));
      expect(byA.filter((id) => byB.includes(id))).toEqual([]);
      expect(new Set([...byA, ...byB]).size).toBe(jobsPerRound);
      expect(byA.length + byB.length).toBe(jobsPerRound);
      expect(byA.length * byB.length).toBeGreaterThan(0);

      const rows = await jobRows(db.prisma);
      expect(rows.every((row) => row.status === "running" && row.attempts === 1)).toBe(true);
      for (const row of rows) {
        expect(row.locked_by).toBe(byA.includes(String(row.id)) ? "worker-a" : "worker-b");
      }
    }
  });

  it("claims a job again for another worker once its lease ran out, counting the attempt", async () => {
    await enqueueJob(db.prisma, "test.lease", { step: "reserve" });

    const [first] = await claimJobs(db.prisma, "worker-a", 1, 600);
    expect(first).toMatchObject({ type: "test.lease", attempts: 1 });
    expect(await claimJobs(db.prisma, "worker-b", 1, 600)).toEqual([]);

    await sleep(800);
    const [again] = await claimJobs(db.prisma, "worker-b", 1, 60_000);
    expect(again).toMatchObject({ id: first.id, attempts: 2 });

    // The worker that lost its lease can no longer settle the job.
    await completeJob(db.prisma, first.id, "worker-a");
    expect(await jobRows(db.prisma)).toMatchObject([{ status: "running", locked_by: "worker-b" }]);
    await completeJob(db.prisma, first.id, "worker-b");
    expect(await jobRows(db.prisma)).toMatchObject([{ status: "succeeded", attempts: 2 }]);
  });

  it("adds nothing for a unique key that is queued, and queues it again once that job runs", async () => {
    await enqueueJob(db.prisma, "test.unique", { n: 1 }, { uniqueKey: "deliver:order-1" });
    await enqueueJob(db.prisma, "test.unique", { n: 2 }, { uniqueKey: "deliver:order-1" });
    expect(await jobRows(db.prisma)).toMatchObject([{ status: "queued", payload: { n: 1 } }]);

    await claimJobs(db.prisma, "worker-a", 1, 60_000);
    await enqueueJob(db.prisma, "test.unique", { n: 3 }, { uniqueKey: "deliver:order-1" });
    await enqueueJob(db.prisma, "test.unique", { n: 4 }, { uniqueKey: "deliver:order-1" });
    expect(await jobRows(db.prisma)).toMatchObject([
      { status: "running", payload: { n: 1 } },
      { status: "queued", payload: { n: 3 } },
    ]);
  });

  it("retries a failing handler with growing delays, then fails the job for good", async () => {
    const runs: { attempt: number; runAt: number }[] = [];
    const finalFailures: string[] = [];
    const handler: JobHandler = {
      async run(_payload, context) {
        const [job] = await db.prisma.$queryRaw<{ run_at: Date }[]>`
          SELECT run_at FROM jobs WHERE id = ${context.jobId}`;
        runs.push({ attempt: context.attempt, runAt: job.run_at.getTime() });
        throw new Error(`supplier unavailable (attempt ${context.attempt})`);
      },
      onFinalFailure(_payload, error) {
        finalFailures.push(error.message);
        return Promise.resolve();
      },
    };
    await enqueueJob(db.prisma, "test.failing", {}, { maxAttempts: 5 });

    await runWorker(db.prisma, { "test.failing": handler }, 50, async () => {
      const [job] = await jobRows(db.prisma);
      return job.status === "failed";
    });

    expect(runs.map((run) => run.attempt)).toEqual([1, 2, 3, 4, 5]);
    const gaps = runs.slice(1).map((run, index) => run.runAt - runs[index].runAt);
    gaps.forEach((gap, index) => expect(gap).toBeGreaterThanOrEqual(50 * 2 ** index));
    gaps.slice(1).forEach((gap, index) => expect(gap).toBeGreaterThan(gaps[index]));

    const [job] = await jobRows(db.prisma);
    expect(job).toMatchObject({
      status: "failed",
      attempts: 5,
      last_error: "supplier unavailable (attempt 5)",
    });
    expect(job.finished_at).toBeInstanceOf(Date);
    expect(finalFailures).toEqual(["supplier unavailable (attempt 5)"]);
  });

  it("postpones a job that asks to retry later, without counting an attempt", async () => {
    const runs: { attempt: number; stored: number; at: number }[] = [];
    const handler: JobHandler = {
      async run(_payload, context) {
        const [job] = await db.prisma.$queryRaw<{ attempts: number }[]>`
          SELECT attempts FROM jobs WHERE id = ${context.jobId}`;
        runs.push({ attempt: context.attempt, stored: job.attempts, at: Date.now() });
        if (runs.length <= 3) throw new RetryLater(150, "another worker is buying a unit");
      },
    };
    // One attempt only: were a postponement counted, the job could not run a second time.
    await enqueueJob(db.prisma, "test.postponed", {}, { maxAttempts: 1 });

    await runWorker(db.prisma, { "test.postponed": handler }, 20, async () => {
      const [job] = await jobRows(db.prisma);
      return job.status === "succeeded";
    });

    expect(runs.map((run) => [run.attempt, run.stored])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    runs.slice(1).forEach((run, index) => {
      expect(run.at - runs[index].at).toBeGreaterThanOrEqual(145);
    });
    expect(await jobRows(db.prisma)).toMatchObject([{ status: "succeeded", attempts: 1 }]);
  });
});

/** A real Worker with short timings, stopped once `done` holds. */
async function runWorker(
  prisma: PrismaClient,
  handlers: Record<string, JobHandler>,
  retryBaseMs: number,
  done: () => Promise<boolean>,
): Promise<void> {
  const worker = new Worker(
    prisma,
    handlers,
    { concurrency: 4, leaseMs: 30_000, pollMs: 10, retryBaseMs },
    log,
  );
  worker.start();
  try {
    await waitFor(done, 20_000, "the job to settle");
  } finally {
    await worker.stop();
  }
}

function jobRows(prisma: PrismaClient): Promise<JobState[]> {
  return prisma.$queryRaw<JobState[]>`
    SELECT id, status, attempts, locked_by, last_error, finished_at, payload FROM jobs ORDER BY id`;
}

async function tableExists(prisma: PrismaClient, table: string): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ found: string | null }[]>`
    SELECT to_regclass(${`public.${table}`})::text AS found`;
  return row.found !== null;
}
