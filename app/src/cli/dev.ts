// `npm run dev`: the server with the Shopify app's pages served by Vite's dev server, so edits
// to app/remix reload at once. For a developer with a Shopify app: run it under `shopify app dev`
// (shopify.web.toml), which sets SHOPIFY_API_KEY, SHOPIFY_API_SECRET, SHOPIFY_APP_URL, SCOPES and
// PORT and opens a tunnel, or set those in .env with a tunnel of your own.
import fs from "node:fs";
import { ConfigError, loadConfig } from "@premiumcdkeys/core";
import { PortInUseError, startServer } from "../boot.ts";
import { exitOnSignals } from "./exit-on-signals.ts";

if (fs.existsSync(".env")) process.loadEnvFile(".env");
// Shopify CLI also passes the app's public URL as HOST; our HOST is the address to listen on.
if (process.env.HOST?.includes("://")) {
  process.env.SHOPIFY_APP_URL ??= process.env.HOST;
  delete process.env.HOST;
}

try {
  const config = loadConfig();
  if (!config.shopify) {
    throw new ConfigError(
      "npm run dev serves the Shopify app: set SHOPIFY_API_KEY and SHOPIFY_API_SECRET (or run " +
        "`shopify app dev`). See the README, section Install on a Shopify store.",
    );
  }
  const server = await startServer(config, { web: "dev" });
  console.log(
    `PremiumCDKeys (development) on ${server.url}; Shopify app at ${config.shopify.appUrl}`,
  );
  exitOnSignals(() => server.close());
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof PortInUseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
