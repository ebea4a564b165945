import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { createLogger, createPlatform, ensureDemoAccount, loadConfig, type Config, type Platform } from "@premiumcdkeys/core";
import { shopifyPlatform } from "@premiumcdkeys/shopify";
import { woocommercePlatform } from "@premiumcdkeys/woocommerce";
import { createHttpApp } from "./http/create-http-app.ts";

export type RunningServer = { platform: Platform; url: string; close(): Promise<void> };

/** Builds the platform with this product's connectors. Used by the server, the worker and tests. */
export function bootPlatform(config: Config = loadConfig(), options: BootOptions = {}) {
  const log = createLogger(config.logLevel, options.logDestination);
  return createPlatform({
    config,
    log,
    shopPlatforms: [shopifyPlatform, woocommercePlatform],
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
  const server: ServerType = await new Promise((resolve) => {
    const listening = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(listening));
  });
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
