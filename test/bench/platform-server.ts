import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DemoAccount } from "@premiumcdkeys/core";
import { freePort, runTs, waitUntilUp, type TsChild } from "./child-process.ts";

export type PlatformServer = TsChild & {
  url: string;
  dataDir: string;
  demo: DemoAccount;
  /** The embedded PGlite the server serves, reachable by any PostgreSQL client. */
  databaseUrl: string;
};

/**
 * `npm start` (tsx app/src/cli/start.ts) in a process of its own, over a fresh data folder that
 * is removed again when it stops.
 */
export async function startPlatformServer(env: Record<string, string>): Promise<PlatformServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pck-bench-"));
  const port = await freePort();
  const child = runTs(
    "app/src/cli/start.ts",
    { DATA_DIR: dataDir, PORT: String(port), ...env },
    path.join(dataDir, "server.log"),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(`${url}/healthz`, child);

  const demo = JSON.parse(
    fs.readFileSync(path.join(dataDir, "demo-account.json"), "utf8"),
  ) as DemoAccount;
  const databaseUrl = env.DATABASE_URL ?? embeddedDatabaseUrl(dataDir);
  return {
    ...child,
    url,
    dataDir,
    demo,
    databaseUrl,
    async stop() {
      await child.stop();
      // BENCH_KEEP_DATA=1 keeps the folder (server.log, the database) for a closer look.
      if (!process.env.BENCH_KEEP_DATA) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The address of the PGlite the server runs for its data folder (no DATABASE_URL). */
function embeddedDatabaseUrl(dataDir: string): string {
  const address = JSON.parse(fs.readFileSync(path.join(dataDir, "postgres.json"), "utf8")) as {
    host: string;
    port: number;
  };
  return `postgresql://postgres:postgres@${address.host}:${address.port}/postgres`;
}
