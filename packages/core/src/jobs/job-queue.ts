import type { Db } from "../db/types.ts";

export type JobRow = {
  id: bigint;
  type: string;
  payload: Record<string, unknown>;
  attempts: number;
  maxAttempts: number;
};

export type EnqueueOptions = {
  /** While a queued job has this key, enqueuing it again does nothing. */
  uniqueKey?: string;
  runAt?: Date;
  maxAttempts?: number;
};

/**
 * The durable job table. Enqueue inside the caller's transaction so a job exists exactly when
 * the change that asked for it was committed.
 */
export async function enqueueJob(
  db: Db,
  type: string,
  payload: Record<string, unknown>,
  options: EnqueueOptions = {},
): Promise<void> {
  await db.$executeRaw`
    INSERT INTO jobs (type, payload, unique_key, run_at, max_attempts)
    VALUES (${type}, ${JSON.stringify(payload)}::jsonb, ${options.uniqueKey ?? null},
            ${options.runAt ?? new Date()}, ${options.maxAttempts ?? 8})
    ON CONFLICT (unique_key) WHERE status = 'queued' DO NOTHING`;
}

/**
 * Claims up to `limit` due jobs with a lease. SKIP LOCKED lets any number of workers on any
 * number of machines claim side by side; a job whose worker died is claimed again once its
 * lease has run out.
 */
export async function claimJobs(
  db: Db,
  workerId: string,
  limit: number,
  leaseMs: number,
): Promise<JobRow[]> {
  const rows = await db.$queryRaw<
    {
      id: bigint;
      type: string;
      payload: Record<string, unknown>;
      attempts: number;
      max_attempts: number;
    }[]
  >`
    UPDATE jobs SET status = 'running', locked_by = ${workerId},
           locked_until = now() + make_interval(secs => ${leaseMs / 1000}),
           attempts = attempts + 1
     WHERE id IN (
       SELECT id FROM jobs
        WHERE (status = 'queued' AND run_at <= now())
           OR (status = 'running' AND locked_until < now())
        ORDER BY run_at, id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
    RETURNING id, type, payload, attempts, max_attempts`;
  return rows.map((row) => ({
    id: row.id,
    type: row.type,
    payload: row.payload,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
  }));
}

/** Extends the lease of a job this worker is still running. */
export async function renewLease(
  db: Db,
  id: bigint,
  workerId: string,
  leaseMs: number,
): Promise<void> {
  await db.$executeRaw`
    UPDATE jobs SET locked_until = now() + make_interval(secs => ${leaseMs / 1000})
     WHERE id = ${id} AND locked_by = ${workerId} AND status = 'running'`;
}

export async function completeJob(db: Db, id: bigint, workerId: string): Promise<void> {
  await db.$executeRaw`
    UPDATE jobs SET status = 'succeeded', finished_at = now(), locked_until = NULL
     WHERE id = ${id} AND locked_by = ${workerId}`;
}

/** Puts the job back in the queue for later; `countAttempt` false undoes the claim's count. */
export async function rescheduleJob(
  db: Db,
  id: bigint,
  workerId: string,
  runAt: Date,
  error: string | null,
  countAttempt: boolean,
): Promise<void> {
  // A job with the same key queued meanwhile will do this work: merge into it.
  await db.$executeRaw`
    UPDATE jobs SET status = CASE WHEN unique_key IS NOT NULL AND EXISTS (
             SELECT 1 FROM jobs other
              WHERE other.unique_key = jobs.unique_key AND other.status = 'queued')
           THEN 'succeeded' ELSE 'queued' END,
           run_at = ${runAt}, last_error = ${error},
           locked_by = NULL, locked_until = NULL,
           attempts = attempts - ${countAttempt ? 0 : 1}
     WHERE id = ${id} AND locked_by = ${workerId}`;
}

/** Failed jobs stay in the table with their error, for people to read and re-run. */
export async function failJob(db: Db, id: bigint, workerId: string, error: string): Promise<void> {
  await db.$executeRaw`
    UPDATE jobs SET status = 'failed', last_error = ${error}, finished_at = now(), locked_until = NULL
     WHERE id = ${id} AND locked_by = ${workerId}`;
}
