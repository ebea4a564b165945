import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { loadConfig } from "../../packages/core/src/config/config.ts";
import { applyMigrations } from "../../packages/core/src/db/migrations.ts";
import { openDatabase } from "../../packages/core/src/db/open-database.ts";
import { PrismaClient } from "../../packages/core/src/generated/prisma/client.ts";
import { createLogger } from "../../packages/core/src/logger.ts";

export type TestDatabase = {
  /** "postgres" when TEST_DATABASE_URL points at a server, "pglite" for the embedded default. */
  kind: "postgres" | "pglite";
  url: string;
  prisma: PrismaClient;
  /** Another client with its own connection pool, as a second process or machine would have. */
  connect(): PrismaClient;
  close(): Promise<void>;
};

/**
 * A database of its own for one test file. With TEST_DATABASE_URL set, a fresh database is
 * created on that PostgreSQL server and dropped afterwards; without it, the embedded PGlite of a
 * temporary data folder is used, exactly as the server opens it. Migrations are applied unless
 * `migrate` is false.
 */
export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  return serverUrl
    ? openOnServer(serverUrl, options.migrate ?? true)
    : openEmbedded(options.migrate ?? true);
}

async function openOnServer(serverUrl: string, migrate: boolean): Promise<TestDatabase> {
  const name = `pck_test_${randomBytes(6).toString("hex")}`;
  await runOnServer(serverUrl, `CREATE DATABASE ${name}`);

  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const clients: PrismaClient[] = [];
  const connect = () => {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
    clients.push(client);
    return client;
  };

  try {
    if (migrate) await applyMigrations(connectionString);
  } catch (error) {
    await runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }

  return {
    kind: "postgres",
    url: connectionString,
    prisma: connect(),
    connect,
    async close() {
      await Promise.all(clients.map((client) => client.$disconnect()));
      await runOnServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function openEmbedded(migrate: boolean): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pck-storage-"));
  const database = await openDatabase(loadConfig({ DATA_DIR: dataDir }), createLogger("silent"), {
    migrate,
  });
  const clients: PrismaClient[] = [];
  const connect = () => {
    const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
    clients.push(client);
    return client;
  };

  return {
    kind: "pglite",
    url: database.url,
    prisma: database.prisma,
    connect,
    async close() {
      await Promise.all(clients.map((client) => client.$disconnect()));
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Statements such as CREATE DATABASE cannot run through Prisma's transactions: plain pg. */
async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
