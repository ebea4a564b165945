// `npm run users`, in its own process against a running server's data folder, and the demo's
// operator login: both sign in at /dashboard over real HTTP.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createOperator } from "@premiumcdkeys/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../bench/child-process.ts";
import { dashboardGet, signInOverHttp } from "../support/dashboard-http.ts";
import { isolatedEnv } from "../support/isolated-env.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ DASHBOARD: "true" });
});
afterAll(() => server?.close());

function users(args: string[], password?: string) {
  const result = spawnSync(
    process.execPath,
    [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "app/src/cli/users.ts", ...args],
    {
      cwd: ROOT,
      env: {
        ...isolatedEnv(),
        DATA_DIR: server.dataDir,
        ...(password === undefined ? {} : { DASHBOARD_PASSWORD: password }),
      },
      input: "",
      encoding: "utf8",
      timeout: 60_000,
    },
  );
  return { code: result.status, out: result.stdout, err: result.stderr };
}

describe("npm run users", () => {
  it("creates an operator who can then sign in, and lists them", async () => {
    const password = "a long enough password";
    const created = users(["create", "--email", "Team@Shop.example"], password);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toContain("Operator team@shop.example created");
    expect(created.out).not.toContain(password);

    const signedIn = await signInOverHttp(server.url, "team@shop.example", password);
    expect(signedIn.status).toBe(302);
    expect(signedIn.session).toBeDefined();

    const listed = users(["list"]);
    expect(listed.out).toContain("team@shop.example");
    expect(listed.out).toContain("operator@keys-demo.example");
  });

  it("refuses a short password, a bad email and a taken email, creating nothing", async () => {
    const prisma = server.platform.db.prisma;
    const before = await prisma.operator.count();
    expect(users(["create", "--email", "short@shop.example"], "short").code).toBe(1);
    expect(users(["create", "--email", "not-an-email"], "a long enough password").code).toBe(1);
    const taken = users(["create", "--email", "team@shop.example"], "another long password");
    expect(taken.code).toBe(1);
    expect(taken.err).toContain("exists already");
    expect(users(["create", "--email", "nopass@shop.example"]).code).toBe(1);
    expect(await prisma.operator.count()).toBe(before);
  });
});

describe("npm run users -- remove", () => {
  it("removes an operator, ends their sessions at once and audits it", async () => {
    const prisma = server.platform.db.prisma;
    const password = "a password to remove";
    expect(users(["create", "--email", "leaving@shop.example"], password).code).toBe(0);
    const { session } = await signInOverHttp(server.url, "leaving@shop.example", password);
    expect((await dashboardGet(server.url, "/dashboard", session!)).status).toBe(200);
    const leaving = await prisma.operator.findUniqueOrThrow({
      where: { email: "leaving@shop.example" },
    });

    const removed = users(["remove", "--email", "Leaving@Shop.example"]);
    expect(removed.code, removed.err).toBe(0);
    expect(removed.out).toContain("leaving@shop.example removed");
    expect((await dashboardGet(server.url, "/dashboard", session!)).status).toBe(302);
    expect(await prisma.operator.count({ where: { id: leaving.id } })).toBe(0);
    expect(await prisma.operatorSession.count({ where: { operatorId: leaving.id } })).toBe(0);
    const audit = await prisma.auditEntry.findFirstOrThrow({
      where: { action: "operator.removed", targetId: leaving.id },
    });
    expect(audit.actor).toMatch(/^cli:.+/);
    expect(audit.details).toEqual({ email: "leaving@shop.example" });
  });

  it("refuses an unknown email and the account's last operator, removing nobody", async () => {
    const prisma = server.platform.db.prisma;
    const unknown = users(["remove", "--email", "nobody@shop.example"]);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("No operator nobody@shop.example");

    const account = await prisma.account.create({ data: { name: "One operator" } });
    await createOperator(prisma, {
      accountId: account.id,
      email: "only@one.example",
      password: "the only operator's password",
    });
    const before = await prisma.operator.count();
    const last = users(["remove", "--email", "only@one.example", "--account", account.id]);
    expect(last.code).toBe(1);
    expect(last.err).toContain("last operator");
    // Another account's operator is not found through this account.
    const demo = await prisma.operator.findUniqueOrThrow({
      where: { email: "operator@keys-demo.example" },
    });
    const elsewhere = users(["remove", "--email", "only@one.example", "--account", demo.accountId]);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.err).toContain("No operator only@one.example");
    expect(await prisma.operator.count()).toBe(before);
  });
});

describe("the demo account's operator login", () => {
  it("is written to demo-account.json and signs in", async () => {
    const demo = JSON.parse(
      fs.readFileSync(path.join(server.dataDir, "demo-account.json"), "utf8"),
    ) as { dashboard: { url: string; email: string; password: string } };
    expect(demo.dashboard.url).toMatch(/\/dashboard$/);
    const signedIn = await signInOverHttp(
      server.url,
      demo.dashboard.email,
      demo.dashboard.password,
    );
    expect(signedIn.status).toBe(302);
  });
});
