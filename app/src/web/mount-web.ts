import { serveStatic } from "@hono/node-server/serve-static";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, Hono } from "hono";
import { CLIENT_ADDRESS_HEADER } from "../../remix/shells/client-address.ts";
import path from "node:path";
import type { WebLayer } from "./web-layer.ts";
import { embeddedShellHeaders, standaloneShellHeaders } from "./shell-headers.ts";

/** The paths the Remix app answers; everything else stays with the API's routes. */
const WEB_PATHS = ["/", "/auth/*", "/webhooks/app/*", "/extensions/*"];
/** The embedded dashboard, framed by the Shopify admin. */
const EMBEDDED_PATHS = ["/app", "/app/*"];
/** The standalone dashboard (issue 7): its pages learn the client's address for throttling. */
const DASHBOARD_PATHS = ["/dashboard", "/dashboard/*"];
/** Remix's lazy route discovery asks here for the routes of a page it navigates to. */
const MANIFEST_PATH = "/__manifest";

/** Mounts the Remix app inside the one Hono server. */
export function mountWeb(app: Hono, web: WebLayer): void {
  if (web.clientDir) {
    const root = path.relative(process.cwd(), web.clientDir);
    // Vite fingerprints these file names, so they may be cached for good.
    app.use("/assets/*", async (c, next) => {
      await next();
      if (c.res.ok) c.header("Cache-Control", "public, max-age=31536000, immutable");
    });
    app.use("/assets/*", serveStatic({ root }));
  }
  app.options("/extensions/*", (c) => web.preflight(c.req.raw));
  for (const webPath of WEB_PATHS) app.all(webPath, (c) => answerInEnvelope(web.handle(c.req.raw)));
  for (const webPath of EMBEDDED_PATHS) {
    app.all(webPath, (c) => embeddedShellHeaders(answerInEnvelope(web.handle(c.req.raw))));
  }
  app.get(MANIFEST_PATH, (c) => web.handle(c.req.raw));
  for (const webPath of DASHBOARD_PATHS) {
    app.all(webPath, (c) =>
      standaloneShellHeaders(answerInEnvelope(web.handle(withClientAddress(c)))),
    );
  }
}

/** The socket's address in a header of our own; whatever a client sent under that name is dropped. */
function withClientAddress(c: Context): Request {
  const headers = new Headers(c.req.raw.headers);
  headers.set(CLIENT_ADDRESS_HEADER, getConnInfo(c).remote.address ?? "unknown");
  return new Request(c.req.raw, { headers });
}

/**
 * Remix answers an unexpected route error with a plain-text 500; outside HTML pages the
 * contract's envelope is the answer (the error itself is logged by entry.server).
 */
async function answerInEnvelope(answer: Promise<Response>): Promise<Response> {
  const response = await answer;
  const type = response.headers.get("content-type") ?? "";
  if (response.status < 500 || type.startsWith("text/html") || type.includes("json")) {
    return response;
  }
  return Response.json(
    { error: { code: "SERVER_ERROR", message: "Internal error", details: {} } },
    { status: 500 },
  );
}
