import { PrismaPg } from "@prisma/adapter-pg";
import type { Config } from "../config/config.ts";
import type { Logger } from "../logger.ts";
import { PrismaClient } from "../generated/prisma/client.ts";
import { startEmbeddedPostgres } from "./embedded-postgres.ts";
import { applyMigrations } from "./migrations.ts";

export type Database = {
  prisma: PrismaClient;
  url: string;
  embedded: boolean;
  close(): Promise<void>;
};

type ResolvedUrl = { url: string; embedded: boolean; stop(): Promise<void> };

/** DATABASE_URL when set; otherwise the embedded PGlite of DATA_DIR. */
export async function resolveDatabaseUrl(config: Config, log: Logger): Promise<ResolvedUrl> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const embedded = await startEmbeddedPostgres(config.dataDir, log);
  return { url: embedded.url, embedded: true, stop: () => embedded.stop() };
}

/** Connects, applies pending migrations, and hands back one Prisma client for the process. */
export async function openDatabase(
  config: Config,
  log: Logger,
  options: { poolSize?: number; migrate?: boolean } = {},
): Promise<Database> {
  const resolved = await resolveDatabaseUrl(config, log);

  if (options.migrate ?? true) {
    const applied = await applyMigrations(resolved.url);
    if (applied.length) log.info({ applied }, "migrations applied");
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
