import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "../db/types.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Live keys buy for real; test keys belong to sandbox accounts. The prefix says which. */
export function newApiKey(mode: "live" | "test"): string {
  const body = Array.from(randomBytes(32), (byte) => BASE62[byte % 62]).join("");
  return `pck_${mode}_${body}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/** Stores only the hash and a short visible prefix; the key is returned once, here. */
export async function createApiKey(prisma: PrismaClient, accountId: string, name: string) {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
  const key = newApiKey(account.sandboxMode ? "test" : "live");
  const row = await prisma.apiKey.create({
    data: { accountId, name, prefix: key.slice(0, 13), hash: hashApiKey(key) },
  });
  return { key, id: row.id, prefix: row.prefix };
}

/** The account a presented key belongs to, or undefined for unknown and revoked keys. */
export async function authenticateApiKey(prisma: PrismaClient, key: string) {
  if (!/^pck_(live|test)_[0-9A-Za-z]{32}$/.test(key)) return undefined;
  const row = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(key) } });
  if (!row || row.revokedAt) return undefined;

  // Recorded at most once a minute per key, to keep reads cheap.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return { accountId: row.accountId, apiKeyId: row.id };
}
