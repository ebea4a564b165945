import { Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import {
  createLogger,
  createPlatform,
  ensureDemoAccount,
  loadConfig,
  type Config,
  type Platform,
} from "@premiumcdkeys/core";
import { shopifyPlatform } from "@premiumcdkeys/shopify";
import { createWooConnector, woocommercePlatform } from "@premiumcdkeys/woocommerce";
import { answerClientErrorsAsJson } from "./http/client-error.ts";
import { createHttpApp } from "./http/create-http-app.ts";
import { shopifyExtension } from "./shopify/shopify-extension.ts";
import type { WebLayer } from "./web/web-layer.ts";
import { withMiddleware } from "./web/with-middleware.ts";

export class PortInUseError extends Error {}

/** Resolves once listening; a taken port is a clear error rather than a crash. */
function listen(
  fetch: Parameters<typeof serve>[0]["fetch"],
  config: Config,
  web?: WebLayer,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const createServer = web?.nodeMiddleware && withMiddleware(web.nodeMiddleware);
    const server = serve({ fetch, port: config.port, hostname: config.host, createServer }, () =>
      resolve(server),
    );
    if (server instanceof HttpServer) answerClientErrorsAsJson(server);
    server.once("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EADDRINUSE") return reject(error);
      reject(
        new PortInUseError(
          `Port ${config.port} on ${config.host} is in use: set PORT to a free port`,
        ),
      );
    });
  });
}

export type RunningServer = { platform: Platform; url: string; close(): Promise<void> };

/** Builds the platform with this product's connectors. Used by the server, the worker and tests. */
export function bootPlatform(config: Config = loadConfig(), options: BootOptions = {}) {
  const log = createLogger(config.logLevel, options.logDestination);
  return createPlatform({
    config,
    log,
    shopPlatforms: [shopifyPlatform, woocommercePlatform],
    wooConnector: createWooConnector({
      timeoutMs: config.wooTimeoutMs,
      addressPolicy: { allowLoopback: !config.production },
    }),
    extensions: [shopifyExtension],
    poolSize: options.poolSize,
  });
}

export type BootOptions = {
  poolSize?: number;
  logDestination?: NodeJS.WritableStream;
  /** The Remix app: built (default where the Shopify app is configured), Vite dev, or none. */
  web?: "built" | "dev" | "none";
};

/** The HTTP server with its worker (unless RUN_WORKER=false) and, outside production, the demo account. */
export async function startServer(
  config: Config = loadConfig(),
  options: BootOptions = {},
): Promise<RunningServer> {
  const platform = await bootPlatform(config, options);
  if (!config.production) await ensureDemoAccount(platform);

  let server: ServerType;
  let web: WebLayer | undefined;
  try {
    web = await startWeb(
      platform,
      options.web ?? (config.shopify || config.dashboard ? "built" : "none"),
    );
    const app = createHttpApp(platform, web);
    server = await listen(app.fetch, config, web);
  } catch (error) {
    await web?.close();
    await platform.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  if (config.runWorker) platform.worker.start();
  platform.log.info({ url, worker: config.runWorker }, "server ready");

  return {
    platform,
    url,
    async close() {
      await new Promise((resolve) => server.close(resolve));
      await web?.close();
      await platform.close();
    },
  };
}

/** Loaded only when used: Remix and Shopify's libraries take a while to import. */
async function startWeb(platform: Platform, mode: "built" | "dev" | "none") {
  if (mode === "none") return undefined;
  const { builtWebLayer, devWebLayer } = await import("./web/web-layer.ts");
  return mode === "dev" ? devWebLayer(platform) : builtWebLayer(platform);
}
