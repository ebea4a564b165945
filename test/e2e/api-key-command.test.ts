import { execFile } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../bench/child-process.ts";
import { apiClient } from "../support/api-client.ts";
import { isolatedEnv } from "../support/isolated-env.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** Runs a command of package.json's in its own process against the test server's data. */
// Asynchronous on purpose: a synchronous spawn would freeze this process, and with it the
// in-process test server, whose idle keep-alive sockets then reset under the next request.
function run(script: "apikey" | "account", ...args: string[]) {
  const cli = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), `app/src/cli/${script}.ts`];
  const options = {
    cwd: ROOT,
    env: { ...isolatedEnv(), DATA_DIR: server.dataDir },
    encoding: "utf8" as const,
    timeout: 60_000,
  };
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    execFile(process.execPath, [...cli, ...args], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

describe("npm run apikey", () => {
  it("creates a key shown once, lists it by prefix, and revokes it", async () => {
    const created = await run("apikey", "create", "--name", "ci", "--permissions", "read");
    expect(created.code, created.err).toBe(0);
    const key = created.out.match(/pck_test_[0-9A-Za-z]{32}/)![0];
    const id = created.out.match(/id ([0-9a-f-]{36})/)![1];

    const api = apiClient(server.url, key);
    expect((await api("GET", "/orders")).status).toBe(200);
    const process = await api("POST", `/orders/${crypto.randomUUID()}/process`);
    expect(process.status).toBe(403);

    const listed = await run("apikey", "list", "--account", server.demo.account_id);
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`${id}  ${key.slice(0, 13)}...  read  last used 20`);
    expect(listed.out).not.toContain(key);
    const row = await server.platform.db.prisma.apiKey.findUniqueOrThrow({ where: { id } });
    expect(JSON.stringify(row)).not.toContain(key);

    const revoked = await run("apikey", "revoke", id);
    expect(revoked.code).toBe(0);
    expect((await api("GET", "/orders")).status).toBe(401);
    expect((await run("apikey", "revoke", id)).code).toBe(1);
    // Four command processes, each opening the database: long on a busy machine.
  }, 240_000);

  it("switches Sandbox Mode, and makes live keys for an account outside it", async () => {
    const prisma = server.platform.db.prisma;
    const other = await prisma.account.create({ data: { name: "Live shop" } });
    expect((await run("account", "sandbox", "off", "--account", other.id)).code).toBe(0);
    expect((await prisma.account.findUniqueOrThrow({ where: { id: other.id } })).sandboxMode).toBe(
      false,
    );
    const created = await run("apikey", "create", "--account", other.id);
    expect(created.out).toMatch(/pck_live_[0-9A-Za-z]{32}/);
    expect(created.out).toContain("permissions read,process");
  }, 180_000);

  it.each([
    [["create", "--permissions", "read,admin"], /Unknown permissions: admin/],
    [["create", "--mode", "prod"], /--mode must be test or live/],
    [["revoke"], /Give the id/],
  ])("refuses %j with a clear message", async (args, message) => {
    const result = await run("apikey", ...args);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(message);
  });

  it("creates a merchant account in Sandbox Mode and lists the accounts", async () => {
    const created = await run("account", "create", "--name", "Second Shop Ltd");
    expect(created.code, created.err).toBe(0);
    const id = created.out.match(/Account ([0-9a-f-]{36}) "Second Shop Ltd" created/)![1];
    const account = await server.platform.db.prisma.account.findUniqueOrThrow({ where: { id } });
    expect(account).toMatchObject({ name: "Second Shop Ltd", sandboxMode: true, tier: "standard" });
    expect(created.out).toContain(`npm run users -- create --email <you> --account ${id}`);

    const listed = await run("account", "list");
    expect(listed.out).toContain(`${id}  sandbox  standard    Second Shop Ltd`);
    expect(listed.out).toContain(server.demo.account_id);

    for (const name of ["", "   ", "a\u0001b", "x".repeat(201)]) {
      const refused = await run("account", "create", "--name", name);
      expect(refused.code).not.toBe(0);
      expect(refused.err).toMatch(/create needs --name|1 to 200 printable characters/);
      expect(refused.err).not.toMatch(/\bat .*\.ts:\d+/);
    }
  }, 240_000);

  it("sets the tier", async () => {
    expect((await run("account", "tier", "enterprise")).err).toMatch(/needs --limit/);
    const business = await run("account", "tier", "business", "--limit", "7");
    expect(business.code).toBe(1);
    expect(business.err).toMatch(/--limit is for the enterprise tier only/);
    const help = await run("account", "--help");
    expect(help.code).toBe(0);
    expect(help.err).toContain("usage:");
    expect(help.err).not.toMatch(/\bat .*\.ts:\d+/);
    const set = await run(
      "account",
      "tier",
      "enterprise",
      "--limit",
      "5000",
      "--account",
      server.demo.account_id,
    );
    expect(set.code, set.err).toBe(0);
    const answer = await apiClient(server.url, server.demo.api_key)("GET", "/suppliers");
    expect(answer.headers.get("x-ratelimit-limit")).toBe("5000");
  }, 120_000);
});
