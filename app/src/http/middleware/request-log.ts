import type { MiddlewareHandler } from "hono";
import type { Logger } from "@premiumcdkeys/core";

/**
 * One line per request at debug level (ingest runs at thousands per second). The query string
 * is left out: `?api_key=` would put a credential into the logs.
 */
export function requestLog(log: Logger): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    if (!log.isLevelEnabled("debug")) return;
    log.debug(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  };
}
