// The built package as users get it: the build runs here (so a fresh clone's `npm test` needs
// nothing else), then plain Node processes load it by its package name, once through `import`
// and once through `require`, and use it against the real server; the TypeScript compiler checks
// its declarations from both kinds of module.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { COMPILE_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "./timeouts.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import { seedOrders, type SeededOrders } from "./seed-orders.ts";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const sdkDir = path.join(root, "packages/sdk");

let server: TestServer;
let orders: SeededOrders;

beforeAll(async () => {
  await run(process.execPath, [path.join(sdkDir, "scripts/build.mjs")], { cwd: sdkDir });
  server = await startTestServer();
  orders = await seedOrders(server, 0);
}, SETUP_TIMEOUT_MS);
afterAll(() => server?.close());

/** What both scripts print: the file Node loaded, and the results of real calls. */
const USE_THE_CLIENT = `
  const client = new PremiumCDKeys(process.env.API_KEY);
  const pending = await client.orders.list({ status: "pending" });
  const missing = await client.orders.get("no-such-order").catch((error) => error);
  console.log(JSON.stringify({
    loaded,
    pending: pending.meta.total,
    missing: [missing instanceof OrderNotFoundError, missing instanceof PremiumCDKeysError, missing.code],
    verified: verifyWebhookSignature("{}", process.env.SIGNATURE, "whsec_test"),
  }));
`;

async function runNode(args: string[]) {
  const { stdout } = await run(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      PREMIUMCDKEYS_BASE_URL: server.url,
      API_KEY: server.demo.api_key,
      // HMAC-SHA256 of "{}" keyed with "whsec_test", computed independently with openssl.
      SIGNATURE: "46bdc2a2e83964bd2695acc6a1f97162d8bafc135a071aa5cd5c99aae5481440",
    },
  });
  return JSON.parse(stdout.trim().split("\n").at(-1)!);
}

describe("the built package", () => {
  it("loads through import (ESM) and works against the server", async () => {
    const result = await runNode([
      "--input-type=module",
      "-e",
      `import { PremiumCDKeys, OrderNotFoundError, PremiumCDKeysError, verifyWebhookSignature }
         from "@premiumcdkeys/sdk";
       const loaded = import.meta.resolve("@premiumcdkeys/sdk");
       ${USE_THE_CLIENT}`,
    ]);

    expect(result.loaded).toMatch(/packages\/sdk\/dist\/esm\/index\.js$/);
    expect(result.pending).toBe(2);
    expect(result.missing).toEqual([true, true, "ORDER_NOT_FOUND"]);
    expect(result.verified).toBe(true);
  });

  it("loads through require (CommonJS) and works against the server", async () => {
    const result = await runNode([
      "--input-type=commonjs",
      "-e",
      `const { PremiumCDKeys, OrderNotFoundError, PremiumCDKeysError, verifyWebhookSignature } =
         require("@premiumcdkeys/sdk");
       const loaded = require.resolve("@premiumcdkeys/sdk");
       (async () => { ${USE_THE_CLIENT} })();`,
    ]);

    expect(result.loaded).toMatch(/packages\/sdk\/dist\/cjs\/index\.js$/);
    expect(result.pending).toBe(2);
    expect(result.missing).toEqual([true, true, "ORDER_NOT_FOUND"]);
    expect(result.verified).toBe(true);
  });

  it(
    "has type declarations that TypeScript reads from ES modules and from CommonJS",
    async () => {
      const consumer = fs.mkdtempSync(path.join(os.tmpdir(), "pck-sdk-types-"));
      fs.mkdirSync(path.join(consumer, "node_modules/@premiumcdkeys"), { recursive: true });
      fs.symlinkSync(sdkDir, path.join(consumer, "node_modules/@premiumcdkeys/sdk"));
      const body = `
      const client = new PremiumCDKeys("pck_test_x", { baseUrl: "http://127.0.0.1:1" });
      export async function use() {
        const page = await client.orders.list({ status: "pending" });
        const status: "pending" | "delivered" | string = page.data[0].status;
        const order = await client.orders.get(page.data[0].id, { include: "keys" });
        const code: string | undefined = order.lines[0].purchases[0].key?.code;
        // @ts-expect-error the contract's statuses only
        await client.orders.list({ status: "lost" });
        return [status, code];
      }`;
      fs.writeFileSync(
        path.join(consumer, "esm.mts"),
        `import { PremiumCDKeys } from "@premiumcdkeys/sdk";\n${body}`,
      );
      fs.writeFileSync(
        path.join(consumer, "cjs.cts"),
        `import sdk = require("@premiumcdkeys/sdk");\nconst { PremiumCDKeys } = sdk;\n${body}`,
      );

      const tsc = path.join(root, "node_modules/typescript/bin/tsc");
      const { stdout } = await run(process.execPath, [
        tsc,
        "--noEmit",
        "--strict",
        "--module",
        "nodenext",
        "--target",
        "es2022",
        "--types",
        "node",
        "--typeRoots",
        path.join(root, "node_modules/@types"),
        path.join(consumer, "esm.mts"),
        path.join(consumer, "cjs.cts"),
      ]).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
      expect(stdout).toBe("");
    },
    COMPILE_TIMEOUT_MS,
  );

  it("ships only the builds, depends on nothing, and states its version once", async () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(sdkDir, "package.json"), "utf8"));
    const { stdout } = await run(
      "npm",
      ["pack", "--dry-run", "--json", "--ignore-scripts", "--workspace", "@premiumcdkeys/sdk"],
      { cwd: root },
    );
    const files: string[] = JSON.parse(stdout)[0].files.map((file: { path: string }) => file.path);
    const built = fs.readFileSync(path.join(sdkDir, "dist/esm/version.js"), "utf8");

    expect(manifest.dependencies).toBeUndefined();
    expect(files).toEqual(
      expect.arrayContaining(["dist/esm/index.js", "dist/cjs/index.js", "dist/cjs/index.d.ts"]),
    );
    expect(files.filter((file) => !file.startsWith("dist/"))).toEqual([
      "README.md",
      "package.json",
    ]);
    expect(files.some((file) => file.includes(".test."))).toBe(false);
    expect(built).toContain(`"${manifest.version}"`);
    expect(orders.all.length).toBeGreaterThan(0);
  });
});
