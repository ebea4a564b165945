// The PHP client (packages/sdk-php), run by Debian's `php` against the real server: each PHP
// test script under packages/sdk-php/tests prints one TAP line per case and exits 1 if any
// failed. This file starts the server, places orders through the signed shop webhooks, passes the
// address and fixtures in the environment, and checks what the scripts printed.
import { execFile } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { PHP_SCRIPT_TIMEOUT_MS, SETUP_TIMEOUT_MS } from "./timeouts.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@premiumcdkeys/core";
import { mapSandboxProduct } from "../support/catalogue.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";
import {
  EMPTY_PAGE,
  json,
  rateLimited,
  startScriptedServer,
  type ScriptedAnswer,
  type ScriptedServer,
} from "./scripted-server.ts";
import { seedOrders, UNMAPPED_SKU, type SeededOrders } from "./seed-orders.ts";

const testsDir = path.resolve(import.meta.dirname, "../../packages/sdk-php/tests");

let server: TestServer;
let orders: SeededOrders;
let otherAccountKey: string;
let standardAccountKey: string;
let readOnlyKey: string;

beforeAll(async () => {
  server = await startTestServer();
  orders = await seedOrders(server);
  const prisma = server.platform.db.prisma;
  const other = await prisma.account.create({ data: { name: "Someone else" } });
  otherAccountKey = (await createApiKey(prisma, other.id, "php")).key;
  const standard = await prisma.account.create({ data: { name: "On Standard" } });
  standardAccountKey = (await createApiKey(prisma, standard.id, "php")).key;
  readOnlyKey = (
    await createApiKey(prisma, server.demo.account_id, "read only", { permissions: ["read"] })
  ).key;
}, SETUP_TIMEOUT_MS);
afterAll(() => server?.close());

type PhpRun = { exitCode: number; output: string };

/** Runs one PHP test script with the server's address, the demo key and the given fixtures. */
function runPhp(script: string, fixtures: Record<string, unknown> = {}, env = {}): Promise<PhpRun> {
  return new Promise((resolve) => {
    execFile(
      "php",
      [path.join(testsDir, script)],
      {
        timeout: PHP_SCRIPT_TIMEOUT_MS,
        env: {
          ...process.env,
          PREMIUMCDKEYS_BASE_URL: server.url,
          PCK_API_KEY: server.demo.api_key,
          PCK_FIXTURES: JSON.stringify(fixtures),
          ...env,
        },
      },
      (error, stdout, stderr) => {
        const exitCode = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ exitCode, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** Every case ran and passed; on failure the message is the script's own output. */
function expectAllPassed(run: PhpRun) {
  const planned = Number(run.output.match(/^1\.\.(\d+)$/m)?.[1] ?? NaN);
  const passed = run.output.match(/^ok \d+ - /gm)?.length ?? 0;

  expect(run.output.match(/^not ok .*$/gm) ?? [], run.output).toEqual([]);
  expect({ exitCode: run.exitCode, passed }, run.output).toEqual({ exitCode: 0, passed: planned });
  expect(planned).toBeGreaterThan(0);
}

describe("PHP client against the real server", () => {
  it(
    "orders: the contract's lines, filters, pages, get, include keys, process, errors",
    async () => {
      // An integrator maps the product; process() then buys the waiting order (orders_test.php).
      await mapSandboxProduct(server, UNMAPPED_SKU, "SBX-GAMEPASS-3M");

      const run = await runPhp("orders_test.php", {
        orders,
        shopify_shop_id: server.demo.shops.shopify.id,
        other_account_key: otherAccountKey,
        standard_account_key: standardAccountKey,
        read_only_key: readOnlyKey,
      });

      expectAllPassed(run);
      const purchases = await server.platform.db.prisma.purchase.count({
        where: { line: { orderId: orders.unmapped } },
      });
      expect(purchases).toBe(1);
    },
    PHP_SCRIPT_TIMEOUT_MS,
  );

  it(
    "products and suppliers",
    async () => {
      const rows = await server.platform.db.prisma.product.findMany({
        where: { accountId: server.demo.account_id },
        include: { offers: true },
        orderBy: { createdAt: "asc" },
      });
      const products = rows.map((row) => ({
        id: row.id,
        name: row.name,
        supplier_product_id: row.offers[0]?.supplierProductId,
      }));
      expectAllPassed(await runPhp("catalogue_test.php", { products }));
    },
    PHP_SCRIPT_TIMEOUT_MS,
  );

  it(
    "webhook endpoints, with signatures of real deliveries verified in PHP",
    async () => {
      const receiver = await startFileReceiver();
      try {
        const run = await runPhp(
          "webhooks_test.php",
          { receiver_url: receiver.url },
          { PCK_RECEIVED_FILE: receiver.file },
        );
        expectAllPassed(run);
      } finally {
        await receiver.close();
      }
    },
    PHP_SCRIPT_TIMEOUT_MS,
  );
});

describe("PHP client on its own", () => {
  it(
    "verifies webhook signatures of known values",
    async () => {
      expectAllPassed(await runPhp("signature_test.php"));
    },
    PHP_SCRIPT_TIMEOUT_MS,
  );

  it(
    "is a PSR-4 package whose autoload.php loads every class",
    async () => {
      expectAllPassed(await runPhp("package_test.php"));
    },
    PHP_SCRIPT_TIMEOUT_MS,
  );
});

describe("PHP client against scripted servers (answers the real server cannot give on demand)", () => {
  const scripts: Record<string, ScriptedAnswer[]> = {
    empty_page: [EMPTY_PAGE],
    rate_limited_then_ok: [rateLimited(1), EMPTY_PAGE],
    process_rate_limited: [rateLimited(0), json(202, { data: { id: "o1" } })],
    rate_limited_always: [rateLimited(0)],
    rate_limited_long: [rateLimited(3600)],
    hang: [{ status: 200, delayMs: Infinity }],
    trickle: [{ status: 200, headers: { "content-type": "application/json" }, trickle: true }],
    html_502: [{ status: 502, body: "<html>Bad gateway</html>" }],
    html_200: [{ status: 200, body: "<html>captive portal</html>" }],
    teapot: [json(418, { error: { code: "TEAPOT", message: "Short", details: { a: 1 } } })],
    hostile_envelope: [json(404, { error: { code: "<script>", message: 42, details: "x" } })],
    json_null: [{ status: 200, body: "null" }],
    page_without_meta: [{ status: 200, body: '{"data":[]}' }],
  };
  const started: Record<string, ScriptedServer> = {};

  afterAll(async () => {
    await Promise.all(Object.values(started).map((scripted) => scripted.close()));
  });

  it(
    "retries 429 after the wait, times out, and types every odd answer",
    async () => {
      for (const [name, script] of Object.entries(scripts)) {
        started[name] = await startScriptedServer(script);
      }
      started.elsewhere = await startScriptedServer([EMPTY_PAGE]);
      started.redirect = await startScriptedServer([
        { status: 302, headers: { location: `${started.elsewhere.url}/api/v1/orders` } },
      ]);
      const refused = await startScriptedServer([EMPTY_PAGE]);
      await refused.close();
      const urls = Object.fromEntries(Object.entries(started).map(([name, s]) => [name, s.url]));

      expectAllPassed(
        await runPhp("transport_test.php", { scripted: { ...urls, refused: refused.url } }),
      );

      const [plain] = started.empty_page.seen;
      expect(plain.url).toBe(
        "/api/v1/orders?status=pending&from=2026-07-14T10%3A00%3A00%2B00%3A00",
      );
      expect(plain.headers.authorization).toBe("Bearer pck_test_0123456789abcdefghijklmnopqrstuv");
      expect(plain.headers["user-agent"]).toMatch(/^premiumcdkeys-sdk-php\/\d+\.\d+\.\d+ php\//);

      const retried = started.rate_limited_then_ok.seen;
      expect(retried).toHaveLength(2);
      expect(retried[1].at - retried[0].at).toBeGreaterThanOrEqual(950);

      const processed = started.process_rate_limited.seen;
      expect(processed.map((request) => request.method)).toEqual(["POST", "POST"]);
      expect(processed[0].headers["idempotency-key"]).toMatch(/^[0-9a-f-]{36}$/);
      expect(processed[1].headers["idempotency-key"]).toBe(processed[0].headers["idempotency-key"]);

      expect(started.rate_limited_always.seen).toHaveLength(3);
      expect(started.rate_limited_long.seen).toHaveLength(1);
      expect(started.elsewhere.seen).toHaveLength(0);
    },
    PHP_SCRIPT_TIMEOUT_MS,
  );
});

/** A webhook receiver on loopback that appends each delivery, exact body and headers, to a file. */
async function startFileReceiver() {
  const file = path.join(
    fs.mkdtempSync(path.join(os.tmpdir(), "pck-php-hooks-")),
    "received.jsonl",
  );
  const receiver = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      fs.appendFileSync(file, JSON.stringify({ headers: request.headers, body }) + "\n");
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const { port } = receiver.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    file,
    close() {
      receiver.closeAllConnections();
      return new Promise<void>((resolve) => receiver.close(() => resolve()));
    },
  };
}
