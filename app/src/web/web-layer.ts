import type { IncomingMessage, ServerResponse } from "node:http";
import { pathToFileURL } from "node:url";
import * as core from "@premiumcdkeys/core";
import type { Platform } from "@premiumcdkeys/core";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import type { WebContext } from "../../remix/load-context.ts";
import { createShopifyWeb } from "../shopify/shopify-web.ts";
import { nulInQueryRefusal } from "./nul-in-query.ts";
import { CLIENT_BUILD, ensureWebBuild, SERVER_BUILD, WEB_ROOT } from "./web-build.ts";

/** The Remix app as the Hono server serves it. */
export type WebLayer = {
  handle(request: Request): Promise<Response>;
  /** CORS preflights of the extensions' backend, which Remix's router does not route. */
  preflight(request: Request): Promise<Response>;
  /** The client build's static files (production); in development Vite serves them. */
  clientDir?: string;
  /** Runs before Hono on the Node server: Vite's dev middleware (development only). */
  nodeMiddleware?: (req: IncomingMessage, res: ServerResponse, next: () => void) => void;
  close(): Promise<void>;
};

/** The built app (`app/build`), built first when missing or older than its sources. */
export async function builtWebLayer(platform: Platform): Promise<WebLayer> {
  ensureWebBuild((line) => platform.log.info(line));
  const build = (await import(pathToFileURL(SERVER_BUILD).href)) as ServerBuild;
  const handler = createRequestHandler(build, "production");
  const context = webContext(platform);
  return {
    handle: async (request) =>
      nulInQueryRefusal(request, platform.log) ??
      withDocumentHeaders(request, handler(request, context), context),
    preflight: (request) => preflight(request, context),
    clientDir: CLIENT_BUILD,
    close: async () => {},
  };
}

/** Vite's dev server in middleware mode: pages and routes reload as they are edited. */
export async function devWebLayer(platform: Platform): Promise<WebLayer> {
  const { createServer } = await import("vite");
  const vite = await createServer({
    configFile: `${WEB_ROOT}/vite.config.ts`,
    server: { middlewareMode: true },
  });
  const handler = createRequestHandler(
    () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
    "development",
  );
  const context = webContext(platform);
  return {
    handle: async (request) =>
      nulInQueryRefusal(request, platform.log) ??
      withDocumentHeaders(request, handler(request, context), context),
    preflight: (request) => preflight(request, context),
    nodeMiddleware: (req, res, next) => vite.middlewares(req, res, next),
    close: () => vite.close(),
  };
}

/** Shopify's framing and preconnect headers on every HTML page of the app. */
async function withDocumentHeaders(
  request: Request,
  answer: Promise<Response>,
  context: WebContext,
): Promise<Response> {
  const response = await answer;
  if (context.shopify && response.headers.get("content-type")?.startsWith("text/html")) {
    context.shopify.app.addDocumentResponseHeaders(request, response.headers);
  }
  return response;
}

async function preflight(request: Request, context: WebContext): Promise<Response> {
  if (!context.shopify) return new Response(null, { status: 404 });
  return context.shopify.orderKeysForExtension(request);
}

function webContext(platform: Platform): WebContext {
  const shopify = platform.config.shopify;
  return {
    platform,
    core,
    shopify: shopify && createShopifyWeb(platform, shopify),
  };
}
