// Applies the committed migrations to DATABASE_URL, or to the embedded database in DATA_DIR.
// `npm start` does the same on boot; this command is for deployments that migrate separately.
import { loadConfig } from "../../packages/core/src/config/config.ts";
import { createLogger } from "../../packages/core/src/logger.ts";
import { resolveDatabaseUrl } from "../../packages/core/src/db/open-database.ts";
import { applyMigrations } from "../../packages/core/src/db/migrations.ts";

const config = loadConfig();
const log = createLogger(config.logLevel);
const database = await resolveDatabaseUrl(config, log);
try {
  const applied = await applyMigrations(database.url);
  log.info({ applied }, applied.length ? "migrations applied" : "database already up to date");
} finally {
  await database.stop();
}

// The schema engine keeps the event loop busy for a few seconds after its work is done.
process.exit(0);
