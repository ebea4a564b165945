import { createHash, createHmac, randomBytes } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "../db/types.ts";
import { recordAudit } from "./audit-log.ts";
import { claimPasswordAttempt, markAttemptSucceeded } from "./password-attempts.ts";
import { decoyHash, hashPassword, verifyPassword } from "./passwords.ts";

export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

export const emailSchema = z.string().trim().toLowerCase().email().max(254);
export const passwordSchema = z
  .string()
  .min(12, "at least 12 characters")
  .max(200, "at most 200 characters");

export type SignedInOperator = {
  operatorId: string;
  accountId: string;
  email: string;
  sessionId: string;
  /** The form token of this session (CSRF): an HMAC of the cookie's token, never stored. */
  csrfToken: string;
};

export type SignInOutcome =
  { ok: true; token: string; expiresAt: Date } | { ok: false; reason: "invalid" | "throttled" };

/** Creates an account's operator (`npm run users -- create`, the demo account). */
export async function createOperator(
  prisma: PrismaClient,
  input: { accountId: string; email: string; password: string },
) {
  const email = emailSchema.parse(input.email);
  const password = passwordSchema.parse(input.password);
  const account = await prisma.account.findUnique({ where: { id: input.accountId } });
  if (!account) throw new Error(`No account ${input.accountId}`);
  return prisma.operator.create({
    data: { accountId: account.id, email, passwordHash: await hashPassword(password) },
    select: { id: true, accountId: true, email: true, createdAt: true },
  });
}

export function listOperators(prisma: PrismaClient, accountId: string) {
  return prisma.operator.findMany({
    where: { accountId },
    orderBy: { createdAt: "asc" },
    select: { id: true, email: true, createdAt: true },
  });
}

/**
 * Checks an email and password. Refused without looking at the password once the email has
 * failed MAX_FAILURES times within the window, or the client address
 * MAX_FAILURES_PER_ADDRESS times, parallel requests included (see claimPasswordAttempt);
 * unknown emails cost the same scrypt time as known ones, so timing does not tell which
 * addresses exist. A successful sign-in also goes to the account's audit log.
 */
export async function signIn(
  prisma: PrismaClient,
  input: { email: string; password: string; ip?: string },
  now = new Date(),
): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const slot = await claimPasswordAttempt(prisma, { email, ip: input.ip }, now);
  if (!slot.ok) return { ok: false, reason: "throttled" };

  const operator = await prisma.operator.findUnique({ where: { email } });
  const matches = await verifyPassword(
    input.password.slice(0, 200),
    operator?.passwordHash ?? (await decoyHash()),
  );
  if (!operator || !matches) return { ok: false, reason: "invalid" };
  await markAttemptSucceeded(prisma, slot.attemptId);

  // Only now: an audit write on failures of known emails would make them slower than unknown
  // ones. Failures stay in the attempts table, which the throttle counts.
  await recordAudit(
    prisma,
    { accountId: operator.accountId, actor: `operator:${operator.email}` },
    {
      action: "operator.signed_in",
      targetType: "operator",
      targetId: operator.id,
      details: { ip: input.ip ?? null },
    },
  );

  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await prisma.operatorSession.create({
    data: { operatorId: operator.id, tokenHash: hashToken(token), expiresAt },
  });
  return { ok: true, token, expiresAt };
}

/** The operator behind a session cookie's token, or undefined if unknown or expired. */
export async function operatorForSession(
  prisma: PrismaClient,
  token: string,
  now = new Date(),
): Promise<SignedInOperator | undefined> {
  const session = await prisma.operatorSession.findUnique({
    where: { tokenHash: hashToken(token) },
    include: { operator: true },
  });
  if (!session || session.expiresAt <= now) return undefined;
  return {
    operatorId: session.operatorId,
    accountId: session.operator.accountId,
    email: session.operator.email,
    sessionId: session.id,
    csrfToken: csrfTokenFor(token),
  };
}

export async function signOut(prisma: PrismaClient, token: string): Promise<void> {
  await prisma.operatorSession.deleteMany({ where: { tokenHash: hashToken(token) } });
}

export type PasswordChange =
  { ok: true } | { ok: false; field: "current" | "next"; message: string; throttled?: true };

/**
 * Changes the password after checking the current one; every other session is signed out. The
 * check counts against the same limits as signing in (the operator's email and the client
 * address), so a stolen session cannot be used to guess the password.
 */
export async function changePassword(
  prisma: PrismaClient,
  operator: SignedInOperator,
  input: { current: string; next: string; ip?: string },
  now = new Date(),
): Promise<PasswordChange> {
  const next = passwordSchema.safeParse(input.next);
  if (!next.success) return { ok: false, field: "next", message: next.error.issues[0].message };
  const stored = await prisma.operator.findUniqueOrThrow({ where: { id: operator.operatorId } });

  const slot = await claimPasswordAttempt(prisma, { email: stored.email, ip: input.ip }, now);
  if (!slot.ok) {
    const message = "Too many failed attempts. Wait 15 minutes and try again.";
    return { ok: false, field: "current", message, throttled: true };
  }
  if (!(await verifyPassword(input.current.slice(0, 200), stored.passwordHash))) {
    return { ok: false, field: "current", message: "The current password is not right" };
  }
  await markAttemptSucceeded(prisma, slot.attemptId);

  await prisma.$transaction([
    prisma.operator.update({
      where: { id: stored.id },
      data: { passwordHash: await hashPassword(next.data) },
    }),
    prisma.operatorSession.deleteMany({
      where: { operatorId: stored.id, id: { not: operator.sessionId } },
    }),
  ]);
  return { ok: true };
}

/** Constant-time comparison of a submitted form token with the session's. */
export function csrfTokenMatches(operator: SignedInOperator, submitted: unknown): boolean {
  if (typeof submitted !== "string" || submitted.length !== operator.csrfToken.length) return false;
  const a = Buffer.from(submitted);
  const b = Buffer.from(operator.csrfToken);
  return (
    a.length === b.length &&
    createHash("sha256").update(a).digest().equals(createHash("sha256").update(b).digest())
  );
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

function csrfTokenFor(token: string): string {
  return createHmac("sha256", token).update("csrf").digest("base64url");
}

/** Whether an email already signs in somewhere (emails are unique across accounts). */
export async function operatorEmailTaken(prisma: PrismaClient, email: string): Promise<boolean> {
  return (await prisma.operator.count({ where: { email: email.trim().toLowerCase() } })) > 0;
}
