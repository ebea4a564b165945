import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MIGRATIONS_DIR, readMigrations } from "../../packages/core/src/db/migrations.ts";
import { openTestDatabase, type TestDatabase } from "./test-database.ts";

const MIGRATION = "issue3_retired_secrets";

// The migration that replaced the endpoint's one previous secret with a table of retired ones
// must carry over a previous secret still signing, and only that. Every migration before it is
// run as plain SQL on an empty database, rows are written the old way, then this one runs.
describe(`the ${MIGRATION} migration`, () => {
  let db: TestDatabase;
  let client: pg.Client;

  beforeAll(async () => {
    db = await openTestDatabase({ migrate: false });
    client = new pg.Client({ connectionString: db.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await db?.close();
  });

  const sqlOf = (folder: string) =>
    fs.readFileSync(path.join(MIGRATIONS_DIR, folder, "migration.sql"), "utf8");

  it("moves a previous secret that still signs, with its seal and expiry, and drops the rest", async () => {
    const folders = readMigrations().migrationDirectories.map((entry) => entry.path);
    const index = folders.findIndex((folder) => folder.endsWith(MIGRATION));
    expect(index).toBeGreaterThan(0);
    for (const folder of folders.slice(0, index)) await client.query(sqlOf(folder));

    // Timestamps go in and out as UTC text, as Prisma keeps them, whatever the machine's zone.
    const utc = (ms: number) => new Date(ms).toISOString().replace("Z", "");
    const until = Date.now() + 3600_000;
    await client.query(`INSERT INTO accounts (id, name) VALUES ('a1', 'Old')`);
    const insert = `INSERT INTO webhook_endpoints
      (id, account_id, url, events, secret_seal, previous_secret_seal, previous_secret_until)
      VALUES ($1, 'a1', 'https://h.example/x', '{order.created}', '\\x01', $2, $3)`;
    await client.query(insert, ["signing", Buffer.from([7, 7]), utc(until)]);
    await client.query(insert, ["expired", Buffer.from([8]), utc(Date.now() - 1000)]);
    await client.query(insert, ["never-rotated", null, null]);

    await client.query(sqlOf(folders[index]));

    const { rows } = await client.query(
      `SELECT endpoint_id, secret_seal,
              extract(epoch FROM signs_until) * 1000 AS signs_until,
              extract(epoch FROM retired_at) * 1000 AS retired_at
         FROM webhook_retired_secrets`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].endpoint_id).toBe("signing");
    expect(Buffer.from(rows[0].secret_seal)).toEqual(Buffer.from([7, 7]));
    expect(Number(rows[0].signs_until)).toBe(until);
    expect(until - Number(rows[0].retired_at)).toBe(24 * 3600_000);
    const columns = await client.query(
      `SELECT column_name FROM information_schema.columns
        WHERE table_name = 'webhook_endpoints' AND column_name LIKE 'previous%'`,
    );
    expect(columns.rows).toEqual([]);
  });
});
