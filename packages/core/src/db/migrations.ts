import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type * as SchemaEngineModule from "@prisma/schema-engine-wasm";
import type { MigrationList } from "@prisma/schema-engine-wasm";

export const PRISMA_DIR = fileURLToPath(new URL("../../../../prisma/", import.meta.url));
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, "migrations");
export const SCHEMA_FILE = path.join(PRISMA_DIR, "schema.prisma");

/**
 * Prisma's schema engine compiled to WebAssembly. The native engine binary that `prisma migrate`
 * downloads cannot be fetched offline; this one ships inside an npm package and records applied
 * migrations in `_prisma_migrations`, exactly as `prisma migrate deploy` does.
 */
export async function openSchemaEngine(databaseUrl: string) {
  const engine = await loadSchemaEngineModule();
  // Our own pool, so closing the engine also closes its connections.
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  const adapterFactory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const datamodels: [string, string][] = [[SCHEMA_FILE, fs.readFileSync(SCHEMA_FILE, "utf8")]];
  const ignoreLogs = () => {};
  const schemaEngine = await engine.SchemaEngine.new({ datamodels }, ignoreLogs, adapterFactory);
  return {
    engine: schemaEngine,
    async close() {
      schemaEngine.free();
      await pool.end();
    },
  };
}

export function readMigrations(): MigrationList {
  const directories = fs
    .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const lockPath = path.join(MIGRATIONS_DIR, "migration_lock.toml");

  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: {
      path: "migration_lock.toml",
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, "utf8") : null,
    },
    shadowDbInitScript: "",
    migrationDirectories: directories.map((name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: {
          tag: "ok",
          value: fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8"),
        },
      },
    })),
  };
}

const require = createRequire(import.meta.url);
let loadedModule: Promise<typeof SchemaEngineModule> | undefined;

/**
 * Instantiates the engine's WebAssembly by hand: the package's own entry imports the .wasm file
 * as an ES module, which Node only allows behind an experimental warning.
 */
function loadSchemaEngineModule(): Promise<typeof SchemaEngineModule> {
  loadedModule ??= (async () => {
    const bindingsPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    // The wasm-bindgen glue: the engine's API plus the hook that hands it its instance.
    const bindings = (await import(
      pathToFileURL(bindingsPath).href
    )) as typeof SchemaEngineModule & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const wasmBytes = fs.readFileSync(bindingsPath.replace(/\.js$/, ".wasm"));
    const { instance } = await WebAssembly.instantiate(wasmBytes, {
      "./schema_engine_bg.js": bindings,
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bindings;
  })();
  return loadedModule;
}

/** Applies every committed migration not yet applied; returns the names it applied. */
export async function applyMigrations(databaseUrl: string): Promise<string[]> {
  const schemaEngine = await openSchemaEngine(databaseUrl);
  try {
    const result = await schemaEngine.engine.applyMigrations({
      migrationsList: readMigrations(),
      filters: { externalTables: [], externalEnums: [] },
    });
    return result.appliedMigrationNames;
  } finally {
    await schemaEngine.close();
  }
}
