import { createHash, randomBytes } from "node:crypto";
import { limitForAccount } from "../api/rate-limit.ts";
import type { PrismaClient } from "../db/types.ts";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** What a key may do: `read` every GET, `process` every change, `keys` read key codes. */
export const API_KEY_PERMISSIONS = ["read", "process", "keys"] as const;
export type ApiKeyPermission = (typeof API_KEY_PERMISSIONS)[number];

export type ApiKeyMode = "live" | "test";

/** Live keys act on live data; test keys on the account's sandbox data. The prefix says which. */
export function newApiKey(mode: ApiKeyMode): string {
  // 248 is the largest multiple of 62 below 256: bytes above it are dropped, so no bias.
  const chars: string[] = [];
  while (chars.length < 32) {
    for (const byte of randomBytes(48)) {
      if (byte < 248 && chars.length < 32) chars.push(BASE62[byte % 62]);
    }
  }
  return `pck_${mode}_${chars.join("")}`;
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

export type CreateApiKeyOptions = {
  /** Defaults to the account's mode: test while it is in Sandbox Mode. */
  mode?: ApiKeyMode;
  permissions?: readonly ApiKeyPermission[];
};

/** Stores only the hash and a short visible prefix; the key is returned once, here. */
export async function createApiKey(
  prisma: PrismaClient,
  accountId: string,
  name: string,
  options: CreateApiKeyOptions = {},
) {
  const account = await prisma.account.findUniqueOrThrow({ where: { id: accountId } });
  const key = newApiKey(options.mode ?? (account.sandboxMode ? "test" : "live"));
  const permissions = [...new Set(options.permissions ?? ["read", "process"])];
  const row = await prisma.apiKey.create({
    data: { accountId, name, prefix: key.slice(0, 13), hash: hashApiKey(key), permissions },
  });
  return { key, id: row.id, prefix: row.prefix, permissions };
}

export type ApiIdentity = {
  accountId: string;
  apiKeyId: string;
  /** A `pck_test_` key: sees and changes only sandbox data. */
  sandbox: boolean;
  permissions: string[];
  /** The account's requests per minute (its tier's, or its own on Enterprise). */
  rateLimit: number;
};

/** The account a presented key belongs to, or undefined for unknown and revoked keys. */
export async function authenticateApiKey(
  prisma: PrismaClient,
  key: string,
): Promise<ApiIdentity | undefined> {
  if (!/^pck_(live|test)_[0-9A-Za-z]{32}$/.test(key)) return undefined;
  const row = await prisma.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    include: { account: { select: { tier: true, rateLimitPerMinute: true } } },
  });
  if (!row || row.revokedAt) return undefined;

  // Recorded at most once a minute per key, to keep reads cheap.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    accountId: row.accountId,
    apiKeyId: row.id,
    sandbox: key.startsWith("pck_test_"),
    permissions: row.permissions,
    rateLimit: limitForAccount(row.account),
  };
}

/** Revokes a key of the account by id; false when there is no such unrevoked key. */
export async function revokeApiKey(prisma: PrismaClient, accountId: string, id: string) {
  const revoked = await prisma.apiKey.updateMany({
    where: { id, accountId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return revoked.count > 0;
}

/** The account's keys without their secrets: prefix, permissions, last use. */
export function listApiKeys(prisma: PrismaClient, accountId: string) {
  return prisma.apiKey.findMany({
    where: { accountId },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      name: true,
      prefix: true,
      permissions: true,
      lastUsedAt: true,
      revokedAt: true,
      createdAt: true,
    },
  });
}
