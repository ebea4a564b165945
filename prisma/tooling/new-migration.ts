// Writes the SQL that takes the committed migrations to the current schema.prisma as a new
// migration folder: `npm run migration:new -- <name>`. Works offline.
//
// Each migration folder keeps the schema.prisma it was written from, and the next migration is
// the difference between that snapshot and the current schema. Diffing from the migrations
// themselves would need the engine to read a database back, and @prisma/adapter-pg cannot read
// the catalogue's "char" columns ("Column type 'char' could not be deserialized").
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLogger } from "../../packages/core/src/logger.ts";
import { startEmbeddedPostgres } from "../../packages/core/src/db/embedded-postgres.ts";
import {
  MIGRATIONS_DIR,
  SCHEMA_FILE,
  openSchemaEngine,
  readMigrations,
} from "../../packages/core/src/db/migrations.ts";

const name = (process.argv[2] ?? "").replace(/[^a-z0-9_]/gi, "_");
if (!name) {
  console.error("usage: npm run migration:new -- <name>");
  process.exit(2);
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pck-migration-"));
const database = await startEmbeddedPostgres(scratch, createLogger("warn"));
const schemaEngine = await openSchemaEngine(database.url);
const engine = schemaEngine.engine;
try {
  const folders = readMigrations().migrationDirectories.map((entry) => entry.path);
  const latest = folders.at(-1);
  const snapshot = latest && path.join(MIGRATIONS_DIR, latest, "schema.prisma");
  if (snapshot && !fs.existsSync(snapshot)) {
    throw new Error(
      `${latest} has no schema.prisma snapshot to diff from; add the one it was written from`,
    );
  }
  const diff = await engine.diff({
    from: snapshot
      ? {
          tag: "schemaDatamodel",
          files: [{ path: snapshot, content: fs.readFileSync(snapshot, "utf8") }],
        }
      : { tag: "empty" },
    to: {
      tag: "schemaDatamodel",
      files: [{ path: SCHEMA_FILE, content: fs.readFileSync(SCHEMA_FILE, "utf8") }],
    },
    script: true,
    exitCode: null,
    filters: { externalTables: [], externalEnums: [] },
  });
  const sql = diff.stdout ?? "";
  if (!sql.trim() || sql.includes("This is an empty migration")) {
    console.log("schema.prisma matches the migrations: nothing to write");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const folder = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    fs.mkdirSync(folder, { recursive: true });
    fs.writeFileSync(path.join(folder, "migration.sql"), sql);
    fs.copyFileSync(SCHEMA_FILE, path.join(folder, "schema.prisma"));
    const lock = path.join(MIGRATIONS_DIR, "migration_lock.toml");
    if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
  }
} finally {
  await schemaEngine.close();
  await database.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}

// The schema engine keeps the event loop busy for a few seconds after its work is done.
process.exit(0);
