import { createHash } from "node:crypto";
import type { PrismaClient } from "../db/types.ts";

/** How long an answer is kept for its Idempotency-Key. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

const ABANDONED_CLAIM_MS = 2 * 60 * 1000;

export type StoredAnswer = { status: number; body: string };

export type IdempotentResult =
  | { outcome: "answered"; answer: StoredAnswer; replayed: boolean }
  | { outcome: "reused" }
  | { outcome: "in_progress" };

export function requestFingerprint(method: string, path: string, body: string): string {
  return createHash("sha256").update(`${method}\n${path}\n${body}`).digest("hex");
}

/**
 * Runs `answer` once per (account, key). The key is claimed in the database before the work
 * starts, so two processes receiving the same key at once cannot both run it: the second is
 * told it is in progress. A later request with the same key gets the stored answer if it is the
 * same request, and is refused if it is another. A run that throws frees the key again.
 */
export async function runIdempotent(
  prisma: PrismaClient,
  scope: { accountId: string; key: string; fingerprint: string },
  answer: () => Promise<StoredAnswer>,
): Promise<IdempotentResult> {
  const { accountId, key, fingerprint } = scope;
  // Answers older than a day are forgotten; a claim never answered within two minutes belongs to
  // a process that died mid-request, and is given up so the key can be used again.
  const expired = new Date(Date.now() - IDEMPOTENCY_TTL_MS);
  const abandoned = new Date(Date.now() - ABANDONED_CLAIM_MS);
  await prisma.idempotencyKey.deleteMany({
    where: {
      accountId,
      key,
      OR: [{ createdAt: { lt: expired } }, { status: null, createdAt: { lt: abandoned } }],
    },
  });

  const claimed = await prisma.$queryRaw<{ id: string }[]>`
    INSERT INTO idempotency_keys (id, account_id, key, request_hash)
    VALUES (${crypto.randomUUID()}, ${accountId}, ${key}, ${fingerprint})
    ON CONFLICT (account_id, key) DO NOTHING
    RETURNING id`;

  if (claimed.length === 0) {
    const stored = await prisma.idempotencyKey.findUnique({
      where: { accountId_key: { accountId, key } },
    });
    if (!stored) return { outcome: "in_progress" };
    if (stored.requestHash !== fingerprint) return { outcome: "reused" };
    if (stored.status === null || stored.responseBody === null) return { outcome: "in_progress" };
    return {
      outcome: "answered",
      answer: { status: stored.status, body: stored.responseBody },
      replayed: true,
    };
  }

  const id = claimed[0].id;
  let result: StoredAnswer;
  try {
    result = await answer();
  } catch (error) {
    await prisma.idempotencyKey.delete({ where: { id } });
    throw error;
  }
  await prisma.idempotencyKey.update({
    where: { id },
    data: { status: result.status, responseBody: result.body },
  });
  return { outcome: "answered", answer: result, replayed: false };
}
