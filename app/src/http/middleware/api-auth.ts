import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import {
  authenticateApiKey,
  countRequest,
  TIER_LIMITS,
  type ApiIdentity,
  type ApiKeyPermission,
  type Platform,
} from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";
import { refuseRepeatedQuery } from "./repeated-query.ts";

export type ApiVariables = {
  accountId: string;
  apiKeyId: string;
  sandbox: boolean;
  permissions: string[];
};

export type ApiEnv = { Variables: ApiVariables };

/** Paths of /api/v1 that answer without a key (still counted per address). */
const PUBLIC_PATHS = [/^\/api\/v1\/openapi\.json$/, /^\/api\/v1\/docs(\/.*)?$/];

/**
 * Every /api/v1 request: the key from `Authorization: Bearer` or `?api_key=`, then one count
 * against the account's per-minute limit (or, without a valid key, the address's, at the
 * Standard tier), with the `X-RateLimit-*` headers on whatever the answer turns out to be.
 * The count is taken before the key is judged, so guessing keys is limited too. A query
 * parameter given twice is a 400 for every path (after the count, before the key is judged).
 */
export function apiGate(platform: Platform) {
  return createMiddleware<ApiEnv>(async (c, next) => {
    const key = presentedKey(c);
    const identity = key ? await authenticateApiKey(platform.db.prisma, key) : undefined;
    const subject = identity ? `account:${identity.accountId}` : `address:${clientAddress(c)}`;
    const limit = identity?.rateLimit ?? TIER_LIMITS.standard;
    const state = await countRequest(platform.db.prisma, subject, limit);

    const headers = {
      "X-RateLimit-Limit": String(state.limit),
      "X-RateLimit-Remaining": String(state.remaining),
      "X-RateLimit-Reset": String(state.reset),
    };
    for (const [name, value] of Object.entries(headers)) c.header(name, value);

    if (!state.allowed) {
      c.header("Retry-After", String(state.retryAfter));
      throw new ApiError(429, "RATE_LIMITED", "Too many requests", {
        limit: state.limit,
        retry_after: state.retryAfter,
      });
    }
    // Before the key is judged: a repeated api_key is refused, not narrowed to its first value.
    refuseRepeatedQuery(c);
    if (!PUBLIC_PATHS.some((pattern) => pattern.test(c.req.path))) {
      if (!key) throw new ApiError(401, "UNAUTHORIZED", "Missing API key");
      if (!identity) throw new ApiError(401, "UNAUTHORIZED", "Invalid API key");
      setIdentity(c, identity);
    }

    await next();
    for (const [name, value] of Object.entries(headers)) c.res.headers.set(name, value);
  });
}

/** A 403 FORBIDDEN unless the request's key holds `permission`. */
export function requirePermission(c: Context<ApiEnv>, permission: ApiKeyPermission): void {
  if (c.get("permissions").includes(permission)) return;
  throw new ApiError(403, "FORBIDDEN", `This API key lacks the "${permission}" permission`, {
    permission,
  });
}

/** The account and mode every query of the request is scoped to. */
export function owner(c: Context<ApiEnv>) {
  return { accountId: c.get("accountId"), sandbox: c.get("sandbox") };
}

function presentedKey(c: Context): string | undefined {
  const header = c.req.header("authorization");
  if (header !== undefined) return header.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "";
  const fromQuery = c.req.queries("api_key") ?? [];
  return fromQuery.length === 1 ? fromQuery[0] : undefined;
}

function setIdentity(c: Context<ApiEnv>, identity: ApiIdentity) {
  c.set("accountId", identity.accountId);
  c.set("apiKeyId", identity.apiKeyId);
  c.set("sandbox", identity.sandbox);
  c.set("permissions", identity.permissions);
}

/** The peer's address; forwarded-for headers are not trusted, as anyone can send them. */
export function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}
