import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countRequest } from "../../packages/core/src/api/rate-limit.ts";
import { runIdempotent } from "../../packages/core/src/api/idempotency.ts";
import type { PrismaClient } from "../../packages/core/src/db/types.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

// The rate limit and Idempotency-Key claims are held by the database alone, so that any number
// of server processes share them. Two clients with their own pools stand for two processes; with
// TEST_DATABASE_URL (npm run test:postgres) this runs against a PostgreSQL server.
describe("API counters in the database", () => {
  let db: TestDatabase;
  let processes: PrismaClient[];

  beforeAll(async () => {
    db = await openTestDatabase();
    processes = [db.prisma, db.connect()];
  });
  afterAll(async () => {
    await db?.close();
  });

  it("lets exactly `limit` of many simultaneous requests through, whichever process counts", async () => {
    const now = Date.UTC(2026, 6, 14, 9, 30, 10);
    const states = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        countRequest(processes[index % 2], "account:a", 30, now),
      ),
    );
    expect(states.filter((state) => state.allowed)).toHaveLength(30);
    expect(states.map((state) => state.remaining).sort((a, b) => b - a)).toEqual([
      ...Array.from({ length: 30 }, (_, i) => 29 - i),
      ...Array(20).fill(0),
    ]);
    expect(states[0]).toMatchObject({ limit: 30, reset: now / 1000 - 10 + 60, retryAfter: 50 });
  });

  it("starts a new count in the next minute and clears the old window", async () => {
    const next = Date.UTC(2026, 6, 14, 9, 31, 0);
    const state = await countRequest(db.prisma, "account:a", 30, next);
    expect(state).toMatchObject({ allowed: true, remaining: 29 });
    const windows = await db.prisma.rateLimitWindow.findMany({ where: { subject: "account:a" } });
    expect(windows).toHaveLength(1);
  });

  it("runs the work of one Idempotency-Key once, however many requests race for it", async () => {
    let runs = 0;
    const scope = { accountId: crypto.randomUUID(), key: "k1", fingerprint: "f1" };
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        runIdempotent(processes[index % 2], scope, async () => {
          runs++;
          await new Promise((resolve) => setTimeout(resolve, 50));
          return { status: 202, body: '{"data":1}' };
        }),
      ),
    );
    expect(runs).toBe(1);
    // The others are told it is in progress, or, once it has answered, get that answer again.
    const fresh = results.filter((result) => result.outcome === "answered" && !result.replayed);
    expect(fresh).toHaveLength(1);
    for (const result of results) {
      if (result.outcome === "in_progress") continue;
      expect(result).toMatchObject({ outcome: "answered", answer: { body: '{"data":1}' } });
    }

    const later = await runIdempotent(db.prisma, scope, () => Promise.reject(new Error("ran")));
    expect(later).toEqual({
      outcome: "answered",
      answer: { status: 202, body: '{"data":1}' },
      replayed: true,
    });
    const other = await runIdempotent(db.prisma, { ...scope, fingerprint: "f2" }, () =>
      Promise.reject(new Error("ran")),
    );
    expect(other).toEqual({ outcome: "reused" });
  });

  it("frees the key when the work fails, so a retry can run it", async () => {
    const scope = { accountId: crypto.randomUUID(), key: "k2", fingerprint: "f" };
    await expect(
      runIdempotent(db.prisma, scope, () => Promise.reject(new Error("boom"))),
    ).rejects.toThrow("boom");
    const retried = await runIdempotent(db.prisma, scope, () =>
      Promise.resolve({ status: 202, body: "{}" }),
    );
    expect(retried).toMatchObject({ outcome: "answered", replayed: false });
  });
});
