// `npm run users`, in its own process against a running server's data folder, and the demo's
// operator login: both sign in at /dashboard over real HTTP.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../bench/child-process.ts";
import { signInOverHttp } from "../support/dashboard-http.ts";
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
