// `npm run demo`: the platform exactly as `npm start` runs it, then a walk through its main job
// over real HTTP: shop orders in, keys bought and mailed, signed webhooks out. Serves until Ctrl-C.
import fs from "node:fs";
import path from "node:path";
import { ConfigError, loadConfig, type Config, type DemoAccount } from "@premiumcdkeys/core";
import { startServer } from "../boot.ts";
import { portIsFree } from "../demo/check-port.ts";
import type { DemoEndpoint } from "../demo/demo-endpoint.ts";
import { localUrl } from "../demo/local-url.ts";
import { printExplore } from "../demo/print-explore.ts";
import { runDemo } from "../demo/run-demo.ts";
import { exitOnSignals } from "./exit-on-signals.ts";

const say = (line: string) => console.log(line);

const config = demoConfig();
if (!(await portIsFree(config.host, config.port))) {
  quit(
    `Port ${config.port} on ${config.host} is already in use. ` +
      "Stop what uses it, or choose another: PORT=3001 npm run demo",
  );
}

// The server's JSON log would drown the walk-through; it goes to a file in the data folder.
fs.mkdirSync(config.dataDir, { recursive: true });
const logFile = path.join(config.dataDir, "demo-server.log");
const logStream = fs.createWriteStream(logFile, { flags: "a" });

say("PremiumCDKeys demo");
const server = await startServer(config, { logDestination: logStream });
let endpoint: DemoEndpoint | undefined;
exitOnSignals(async () => {
  say("\nStopping: finishing jobs in flight...");
  await server.close();
  await endpoint?.receiver.close();
  await new Promise((resolve) => logStream.end(resolve));
  say("Stopped.");
});

const baseUrl = localUrl(server.url);
const demo = readDemoAccount(config.dataDir);
if (!demo) {
  console.error(`This data folder has accounts but no demo-account.json: the demo needs its own.`);
  console.error("Give it a folder of its own, for example: DATA_DIR=./demo-data npm run demo");
  await server.close();
  process.exit(1);
}
const database = server.platform.db.embedded
  ? "embedded PGlite in the data folder"
  : "DATABASE_URL";
say(`Server       ${baseUrl}  (database: ${database})`);
say(`Data folder  ${config.dataDir}`);
if (!config.runWorker) {
  say("Worker       none here (RUN_WORKER=false): orders wait for `npm run worker` on this data.");
}

try {
  endpoint = await runDemo(server.platform, baseUrl, demo, say);
} catch (error) {
  say("");
  say(`The walk-through stopped early: ${(error as Error).message}`);
  say(`The server keeps running; its log is ${logFile}.`);
}
printExplore(say, {
  baseUrl,
  apiKey: demo.api_key,
  dataDir: config.dataDir,
  logFile,
  dashboard: demo.dashboard,
});

/** The user's configuration, except that webhooks may go to the demo's loopback receiver. */
function demoConfig(): Config {
  try {
    const loaded = loadConfig({ ...process.env, WEBHOOK_ALLOW_PRIVATE_TARGETS: "true" });
    if (loaded.production)
      quit(
        "The demo needs the demo account, which exists only outside production: " +
          "unset NODE_ENV=production.",
      );
    return loaded;
  } catch (error) {
    if (error instanceof ConfigError) quit(error.message);
    throw error;
  }
}

/** Written by the server when it creates the demo account, on a database without accounts. */
function readDemoAccount(dataDir: string): DemoAccount | undefined {
  const file = path.join(dataDir, "demo-account.json");
  if (!fs.existsSync(file)) return undefined;
  return JSON.parse(fs.readFileSync(file, "utf8")) as DemoAccount;
}

function quit(message: string): never {
  console.error(message);
  process.exit(1);
}
