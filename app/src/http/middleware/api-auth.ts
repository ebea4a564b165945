import { createMiddleware } from "hono/factory";
import { authenticateApiKey, type Platform } from "@premiumcdkeys/core";
import { ApiError } from "../api-error.ts";

export type ApiVariables = { accountId: string; apiKeyId: string };

/** `Authorization: Bearer <key>` or `?api_key=<key>`, as the contract allows. */
export function apiAuth(platform: Platform) {
  return createMiddleware<{ Variables: ApiVariables }>(async (c, next) => {
    const header = c.req.header("authorization");
    const bearer = header?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const key = bearer ?? c.req.query("api_key");
    if (!key) throw new ApiError(401, "UNAUTHORIZED", "Missing API key");

    const identity = await authenticateApiKey(platform.db.prisma, key);
    if (!identity) throw new ApiError(401, "UNAUTHORIZED", "Invalid API key");

    c.set("accountId", identity.accountId);
    c.set("apiKeyId", identity.apiKeyId);
    await next();
  });
}
