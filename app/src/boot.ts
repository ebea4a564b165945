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
import { createHttpApp } from "./http/create-http-app.ts";

export class PortInUseError extends Error {}

/** Resolves once listening; a taken port is a clear error rather than a crash. */
function listen(fetch: Parameters<typeof serve>[0]["fetch"], config: Config): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port: config.port, hostname: config.host }, () =>
      resolve(server),
    );
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
    poolSize: options.poolSize,
  });
}

export type BootOptions = { poolSize?: number; logDestination?: NodeJS.WritableStream };

/** The HTTP server with its worker (unless RUN_WORKER=false) and, outside production, the demo account. */
export async function startServer(
  config: Config = loadConfig(),
  options: BootOptions = {},
): Promise<RunningServer> {
  const platform = await bootPlatform(config, options);
  if (!config.production) await ensureDemoAccount(platform);

  const app = createHttpApp(platform);
  let server: ServerType;
  try {
    server = await listen(app.fetch, config);
  } catch (error) {
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
      await platform.close();
    },
  };
}
