import { randomUUID } from "node:crypto";
import os from "node:os";
import type { PrismaClient } from "../db/types.ts";
import type { Logger } from "../logger.ts";
import { PermanentFailure, RetryLater } from "./job-errors.ts";
import {
  claimJobs,
  completeJob,
  failJob,
  renewLease,
  rescheduleJob,
  type JobRow,
} from "./job-queue.ts";
import { retryDelayMs } from "./retry-schedule.ts";

export type JobContext = { jobId: bigint; attempt: number; maxAttempts: number; log: Logger };

export type JobHandler = {
  run(payload: Record<string, unknown>, context: JobContext): Promise<void>;
  /** Called once when the job has failed for good, to record the failure where people look. */
  onFinalFailure?(
    payload: Record<string, unknown>,
    error: Error,
    context: JobContext,
  ): Promise<void>;
};

export type WorkerOptions = {
  concurrency: number;
  leaseMs: number;
  pollMs: number;
  retryBaseMs: number;
};

/**
 * Claims due jobs and runs them with bounded concurrency until stopped. Every handler must be
 * safe to run twice: a lease can run out while a slow handler is still working.
 */
export class Worker {
  readonly id = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #running = new Set<Promise<void>>();
  #stopped = false;
  #wake: (() => void) | undefined;
  #nudged = false;
  #loop: Promise<void> | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: WorkerOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Looks for work now rather than at the next poll; cheap to call after enqueuing. */
  nudge(): void {
    this.#nudged = true;
    this.#wake?.();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.nudge();
    await this.#loop;
    await Promise.allSettled(this.#running);
  }

  async #run(): Promise<void> {
    this.log.info({ workerId: this.id }, "worker started");
    while (!this.#stopped) {
      const free = this.options.concurrency - this.#running.size;
      const jobs = free > 0 ? await this.#claim(free) : [];
      for (const job of jobs) this.#track(this.#execute(job));
      if (jobs.length === 0 || jobs.length < free) await this.#sleep();
    }
  }

  async #claim(limit: number): Promise<JobRow[]> {
    try {
      return await claimJobs(this.prisma, this.id, limit, this.options.leaseMs);
    } catch (error) {
      this.log.warn({ err: error, workerId: this.id }, "could not claim jobs; retrying");
      return [];
    }
  }

  #track(task: Promise<void>): void {
    this.#running.add(task);
    // #execute settles every failure itself, so the task never rejects.
    void task.finally(() => {
      this.#running.delete(task);
      this.nudge();
    });
  }

  async #execute(job: JobRow): Promise<void> {
    const log = this.log.child({ jobId: String(job.id), jobType: job.type, attempt: job.attempts });
    const context: JobContext = {
      jobId: job.id,
      attempt: job.attempts,
      maxAttempts: job.maxAttempts,
      log,
    };
    const handler = this.handlers[job.type];
    // A slow job keeps its lease; only a worker that died lets it run out.
    const heartbeat = setInterval(() => {
      renewLease(this.prisma, job.id, this.id, this.options.leaseMs).catch((error: unknown) => {
        log.warn({ err: error }, "could not renew job lease");
      });
    }, this.options.leaseMs / 3);

    try {
      if (!handler)
        throw new PermanentFailure(`No handler for job type ${job.type}`, "UNKNOWN_JOB");
      await handler.run(job.payload, context);
      await completeJob(this.prisma, job.id, this.id);
    } catch (error) {
      await this.#settleFailure(job, handler, error as Error, context).catch((settleError) => {
        log.error({ err: settleError }, "could not record job failure; its lease will expire");
      });
    } finally {
      clearInterval(heartbeat);
    }
  }

  async #settleFailure(
    job: JobRow,
    handler: JobHandler | undefined,
    error: Error,
    context: JobContext,
  ) {
    if (error instanceof RetryLater) {
      const runAt = new Date(Date.now() + error.delayMs);
      await rescheduleJob(this.prisma, job.id, this.id, runAt, error.message, false);
      context.log.debug({ reason: error.message }, "job postponed");
      return;
    }

    const final = error instanceof PermanentFailure || job.attempts >= job.maxAttempts;
    if (!final) {
      const runAt = new Date(Date.now() + retryDelayMs(job.attempts, this.options.retryBaseMs));
      await rescheduleJob(this.prisma, job.id, this.id, runAt, error.message, true);
      context.log.warn(
        { reason: error.message, retryAt: runAt.toISOString() },
        "job failed; will retry",
      );
      return;
    }

    await handler?.onFinalFailure?.(job.payload, error, context);
    await failJob(this.prisma, job.id, this.id, error.message);
    context.log.error({ reason: error.message }, "job failed for good");
  }

  #sleep(): Promise<void> {
    if (this.#nudged) {
      this.#nudged = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.options.pollMs);
      this.#wake = () => {
        this.#nudged = false;
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
