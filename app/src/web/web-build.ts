import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The `app/` folder: vite.config.ts, the Remix sources in remix/ and the build in build/. */
export const WEB_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SERVER_BUILD = path.join(WEB_ROOT, "build/server/index.js");
export const CLIENT_BUILD = path.join(WEB_ROOT, "build/client");

const SOURCES = [path.join(WEB_ROOT, "remix"), path.join(WEB_ROOT, "vite.config.ts")];

/**
 * Builds the Remix app with Vite unless the build is newer than every source file, so `npm
 * start`, `npm run demo` and the test setup build once and then start at once.
 */
export function ensureWebBuild(say: (line: string) => void = () => {}): void {
  if (buildIsFresh()) return;
  say("Building the Shopify app's pages (Remix + Vite, once)...");
  const result = spawnSync("npx", ["--no-install", "remix", "vite:build"], {
    cwd: WEB_ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    encoding: "utf8",
    env: { ...process.env, NODE_ENV: "production" },
  });
  if (result.status !== 0) {
    throw new Error(`The Remix build failed:\n${result.stdout}\n${result.stderr}`.slice(0, 4000));
  }
}

function buildIsFresh(): boolean {
  if (!fs.existsSync(SERVER_BUILD)) return false;
  const built = fs.statSync(SERVER_BUILD).mtimeMs;
  return SOURCES.every((source) => newestChange(source) <= built);
}

function newestChange(file: string): number {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(file)
    .reduce((newest, name) => Math.max(newest, newestChange(path.join(file, name))), stat.mtimeMs);
}
