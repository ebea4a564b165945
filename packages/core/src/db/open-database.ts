import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import type { Config } from "../config/config.ts";
import type { Logger } from "../logger.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";

export type Database = {
  prisma: PrismaClient;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
};

type ResolvedUrl = {
  url: string;
  embedded: boolean;
  reopen(): Promise<string>;
  stop(): Promise<void>;
};

/** DATABASE_URL when set; otherwise the embedded PGlite of DATA_DIR. */
export async function resolveDatabaseUrl(config: Config, log: Logger): Promise<ResolvedUrl> {
  const url = config.databaseUrl;
  if (url)
    return {
      url,
      embedded: false,
      reopen: () => Promise.resolve(url),
      stop: () => Promise.resolve(),
    };
  const embedded = await startEmbeddedPostgres(config.dataDir, log);
  return {
    url: embedded.url,
    embedded: true,
    reopen: () => embedded.reopen(),
    stop: () => embedded.stop(),
  };
}

/** See migrate-process.ts for why migrations run in a process of their own. */
function applyMigrationsApart(databaseUrl: string): Promise<string[]> {
  const script = fileURLToPath(new URL("./migrate-process.ts", import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, databaseUrl], (error, stdout, stderr) => {
      if (error) reject(new Error(`Migrations failed: ${stderr.trim() || error.message}`));
      else resolve(JSON.parse(stdout) as string[]);
    });
  });
}

/** Connects, applies pending migrations, and hands back one Prisma client for the process. */
export async function openDatabase(
  config: Config,
  log: Logger,
  options: { poolSize?: number; migrate?: boolean } = {},
): Promise<Database> {
  const resolved = await resolveDatabaseUrl(config, log);

  if (options.migrate ?? true) {
    const applied = await applyMigrationsApart(resolved.url);
    if (applied.length) log.info({ applied }, "migrations applied");
    if (applied.length) resolved.url = await resolved.reopen();
  }

  const adapter = new PrismaPg({ connectionString: resolved.url, max: options.poolSize ?? 10 });
  const prisma = new PrismaClient({ adapter });
  await prisma.$connect();

  return {
    prisma,
    url: resolved.url,
    embedded: resolved.embedded,
    async close() {
      await prisma.$disconnect();
      await resolved.stop();
    },
  };
}
