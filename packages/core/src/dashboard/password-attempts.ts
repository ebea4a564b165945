import type { PrismaClient } from "../db/types.ts";

/** Failures per email within the window before password checks are refused. */
export const MAX_FAILURES = 5;
/** Failures per client address (higher: an office shares one address). */
export const MAX_FAILURES_PER_ADDRESS = 20;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

export type AttemptSlot = { ok: true; attemptId: string } | { ok: false };

/**
 * Asks for the right to check one password for an email (sign-in, or an operator's current
 * password). The attempt is written first, as a failure, and only then are the window's
 * failures counted, this one included: of requests racing each other, each sees every attempt
 * committed before its own, so at most MAX_FAILURES of them get a slot however many arrive at
 * once. A refused attempt is removed again, so refusals do not extend the lock beyond the
 * window of the real failures.
 */
export async function claimPasswordAttempt(
  prisma: PrismaClient,
  input: { email: string; ip?: string },
  now = new Date(),
): Promise<AttemptSlot> {
  const ip = input.ip ?? null;
  const attempt = await prisma.signInAttempt.create({
    data: { email: input.email, ip, succeeded: false, createdAt: now },
    select: { id: true },
  });

  const failedSince = {
    succeeded: false,
    createdAt: { gte: new Date(now.getTime() - FAILURE_WINDOW_MS) },
  };
  const byEmail = await prisma.signInAttempt.count({
    where: { ...failedSince, email: input.email },
  });
  const byAddress = ip ? await prisma.signInAttempt.count({ where: { ...failedSince, ip } }) : 0;
  if (byEmail <= MAX_FAILURES && byAddress <= MAX_FAILURES_PER_ADDRESS) {
    return { ok: true, attemptId: attempt.id };
  }

  await prisma.signInAttempt.delete({ where: { id: attempt.id } });
  return { ok: false };
}

/** The password was right: the attempt no longer counts as a failure. */
export async function markAttemptSucceeded(prisma: PrismaClient, attemptId: string) {
  await prisma.signInAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}
