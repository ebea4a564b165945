// `npm run suppliers -- ...` in its own process against the test server's data folder; the
// credential check and the purchases talk HTTP to the local CodesWholesale and Kinguin simulators.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../bench/child-process.ts";
import { isolatedEnv } from "../support/isolated-env.ts";
import { postWoo } from "../support/shop-deliveries.ts";
import { SUPPLIER_TEST_ENV, settledStates, wooOrderIn } from "../support/suppliers.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import {
  startCodesWholesaleSimulator,
  type CodesWholesaleSimulator,
} from "../simulators/codeswholesale-simulator.ts";
import { startKinguinSimulator, type KinguinSimulator } from "../simulators/kinguin-simulator.ts";

const secret = (prefix: string) => `${prefix}-${randomBytes(12).toString("hex")}`;

let server: TestServer;
let cw: CodesWholesaleSimulator;
let kinguin: KinguinSimulator;

beforeAll(async () => {
  cw = await startCodesWholesaleSimulator({
    clientId: secret("cw-client"),
    clientSecret: secret("cw-secret"),
    signature: secret("cw-signature"),
  });
  kinguin = await startKinguinSimulator({
    apiKey: secret("kg-key"),
    webhookSecret: secret("kg-hook"),
  });
  server = await startTestServer(SUPPLIER_TEST_ENV);
});
afterAll(async () => {
  await server?.close();
  await cw?.close();
  await kinguin?.close();
});

type Outcome = { code: number | null; out: string; err: string };

/** Runs the command in its own process; asynchronous so the in-process test server keeps serving. */
function suppliers(args: string[], env: Record<string, string> = SUPPLIER_TEST_ENV) {
  const cli = [path.join(ROOT, "node_modules/tsx/dist/cli.mjs"), "app/src/cli/suppliers.ts"];
  const options = {
    cwd: ROOT,
    env: { ...isolatedEnv(), DATA_DIR: server.dataDir, APP_URL: server.url, ...env },
    encoding: "utf8" as const,
    timeout: 90_000,
  };
  return new Promise<Outcome>((resolve) => {
    execFile(process.execPath, [...cli, ...args], options, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
      resolve({ code, out: stdout, err: stderr });
    });
  });
}

const account = () => server.demo.account_id;
const prisma = () => server.platform.db.prisma;
const allSecrets = () => [
  cw.credentials.clientSecret,
  cw.credentials.signature,
  kinguin.credentials.apiKey,
  kinguin.credentials.webhookSecret,
];

function expectNoSecret(...outcomes: Outcome[]) {
  const printed = outcomes.map((outcome) => outcome.out + outcome.err).join("\n");
  for (const value of allSecrets()) expect(printed).not.toContain(value);
}

/** The signature (the callback proof) can belong to one connection only: live ones go without. */
function connectCw(clientSecret: string, environment = "sandbox") {
  const signature = environment === "sandbox" ? ["--signature", cw.credentials.signature] : [];
  return suppliers([
    "connect",
    "codeswholesale",
    "--account",
    account(),
    "--environment",
    environment,
    "--client-id",
    cw.credentials.clientId,
    "--client-secret",
    clientSecret,
    ...signature,
    "--base-url",
    cw.url,
  ]);
}

describe("npm run suppliers", () => {
  it("connects both suppliers after a balance check, lists them masked, maps and sells", async () => {
    const cwConnected = await connectCw(cw.credentials.clientSecret);
    expect(cwConnected.code, cwConnected.err).toBe(0);
    const cwId = cwConnected.out.trim();
    expect(cwId).toMatch(/^[0-9a-f-]{36}$/);
    expect(cw.requests.map((request) => request.path)).toContain("/v2/accounts/current");
    expect(cwConnected.err).toContain(`${server.url}/api/webhook/suppliers/codeswholesale`);

    // The Kinguin key comes from the environment, out of sight of other users' `ps`.
    const kgConnected = await suppliers(
      ["connect", "kinguin", "--account", account(), "--environment", "sandbox"].concat([
        "--webhook-secret",
        kinguin.credentials.webhookSecret,
        "--base-url",
        kinguin.url,
      ]),
      { ...SUPPLIER_TEST_ENV, KINGUIN_API_KEY: kinguin.credentials.apiKey },
    );
    expect(kgConnected.code, kgConnected.err).toBe(0);
    const kgId = kgConnected.out.trim();
    expect(kinguin.requests.map((request) => request.path)).toContain("/v1/balance");

    const listed = await suppliers(["list", "--account", account()]);
    expect(listed.code, listed.err).toBe(0);
    const cwLine = listed.out.split("\n").find((line) => line.startsWith(cwId))!;
    expect(cwLine).toContain("codeswholesale  sandbox  enabled  currency=EUR");
    expect(cwLine).toContain(`clientId=…${cw.credentials.clientId.slice(-4)}`);
    expect(cwLine).toContain("clientSecret=set");
    const kgLine = listed.out.split("\n").find((line) => line.startsWith(kgId))!;
    expect(kgLine).toContain(`apiKey=…${kinguin.credentials.apiKey.slice(-4)}`);
    expect(kgLine).toContain("webhookSecret=set");
    expectNoSecret(cwConnected, kgConnected, listed);
    const rows = await prisma().supplierConnection.findMany({ where: { accountId: account() } });
    for (const value of allSecrets()) expect(JSON.stringify(rows)).not.toContain(value);
    expect(fs.readFileSync(server.logFile, "utf8")).not.toContain(kinguin.credentials.apiKey);

    // A product sold only through Kinguin, mapped by SKU with the command, is bought there.
    kinguin.addProduct({
      productId: "kg-cli",
      name: "CLI game",
      qty: 5,
      priceMinor: 650,
      kind: "text",
    });
    const product = await prisma().product.create({
      data: { accountId: account(), name: "CLI game", sku: "CLI-GAME" },
    });
    await prisma().productMapping.create({
      data: { shopId: server.demo.shops.woocommerce.id, productId: product.id, sku: "CLI-GAME" },
    });
    const mapped = await suppliers(
      ["map", "--account", account(), "--product", "CLI-GAME", "--supplier", "kinguin"].concat([
        "--supplier-product",
        "kg-cli",
      ]),
    );
    expect(mapped.code, mapped.err).toBe(0);
    expect(mapped.out).toContain(`product ${product.id}  kinguin kg-cli  priority 0`);

    const shop = server.demo.shops.woocommerce;
    const body = wooOrderIn(61001, "CLI-GAME", "EUR", "12.00");
    expect((await postWoo(shop.webhook_url, shop.webhook_secret, body)).status).toBe(200);
    const order = await settledStates(server)(61001);
    expect(order.status).toBe("delivered");
    expect(order.purchases[0]).toMatchObject({ supplier: "kinguin", costMinor: 650 });

    // A unit waiting for a CodesWholesale pre-order key keeps that connection from going away.
    cw.addProduct({
      productId: "cw-pre",
      name: "Pre",
      quantity: 5,
      prices: [[1, 500]],
      kind: "preorder",
    });
    const preorder = await prisma().product.create({
      data: {
        accountId: account(),
        name: "Pre-order game",
        sku: "CLI-PRE",
        offers: { create: { supplier: "codeswholesale", supplierProductId: "cw-pre" } },
      },
    });
    await prisma().productMapping.create({
      data: { shopId: shop.id, productId: preorder.id, sku: "CLI-PRE" },
    });
    const preBody = wooOrderIn(61002, "CLI-PRE", "EUR", "12.00");
    expect((await postWoo(shop.webhook_url, shop.webhook_secret, preBody)).status).toBe(200);
    await waitFor(
      () =>
        prisma().purchase.findFirst({
          where: { status: "preordered", supplier: "codeswholesale" },
        }),
      30_000,
      "a pre-ordered unit",
    );
    const kept = await suppliers(["disconnect", cwId]);
    expect(kept.code).toBe(1);
    expect(kept.err).toContain("error PREORDERS_WAITING");
    expect(await prisma().supplierConnection.findUnique({ where: { id: cwId } })).not.toBeNull();
    // Six command processes, each opening the database: long on a busy machine.
  }, 300_000);

  it("refuses credentials the supplier rejects, and a base URL the installation forbids", async () => {
    const before = await prisma().supplierConnection.count();
    const wrong = secret("wrong");
    const kinguinLive = ["connect", "kinguin", "--account", account(), "--environment", "live"];
    const [refused, forbidden] = await Promise.all([
      connectCw(wrong, "live"),
      suppliers(
        [...kinguinLive, "--api-key", kinguin.credentials.apiKey, "--base-url", kinguin.url],
        { SUPPLIER_BASE_URL_OVERRIDE: "false" },
      ),
    ]);

    expect(refused.code).toBe(1);
    expect(refused.err).toContain("error CREDENTIALS_REFUSED");
    expect(refused.err).toContain("refused the client credentials");
    expect(refused.out).toBe("");
    expect(refused.err).not.toContain(wrong);
    expect(forbidden.code).toBe(1);
    expect(forbidden.err).toMatch(/base URLs are disabled/);
    expectNoSecret(refused, forbidden);
    expect(await prisma().supplierConnection.count()).toBe(before);
  }, 240_000);

  it("disables, enables and disconnects a connection by id", async () => {
    const connected = await connectCw(cw.credentials.clientSecret, "live");
    expect(connected.code, connected.err).toBe(0);
    const id = connected.out.trim();
    const live = () => server.platform.supplierRegistry.forAccount(account(), { sandbox: false });
    const enabled = async () =>
      (await prisma().supplierConnection.findUniqueOrThrow({ where: { id } })).enabled;

    const disabled = await suppliers(["disable", id]);
    expect(disabled.code, disabled.err).toBe(0);
    expect(disabled.out.trim()).toBe(`disabled ${id}`);
    expect(await enabled()).toBe(false);
    expect(Object.keys(await live())).not.toContain("codeswholesale");

    expect((await suppliers(["enable", id])).code).toBe(0);
    expect(await enabled()).toBe(true);
    expect(Object.keys(await live())).toContain("codeswholesale");

    const unknown = crypto.randomUUID();
    const [gone, missing] = await Promise.all([
      suppliers(["disconnect", id]),
      suppliers(["disable", unknown]),
    ]);
    expect(gone.code, gone.err).toBe(0);
    expect(await prisma().supplierConnection.findUnique({ where: { id } })).toBeNull();
    expect(missing.code).toBe(1);
    expect(missing.err).toContain(`error NOT_FOUND: No connection ${unknown}`);
  }, 240_000);

  it("imports own stock from a CSV file, all or nothing, and maps it with a priority", async () => {
    const folder = fs.mkdtempSync(path.join(server.dataDir, "csv-"));
    const good = path.join(folder, "keys.csv");
    const keys = [secret("OWN"), secret("OWN")];
    fs.writeFileSync(
      good,
      `sku,key,cost,currency\nOWN-CLI,${keys[0]},4.50,EUR\n` + `OWN-CLI,${keys[1]},1500,JPY\n`,
    );
    const bad = path.join(folder, "bad.csv");
    const badKey = secret("BAD");
    fs.writeFileSync(
      bad,
      `sku,key,cost,currency\nOWN-BAD,${badKey},4.50,EUR\nOWN-BAD,x,4,50,EUR\n`,
    );
    const product = await prisma().product.create({
      data: { accountId: account(), name: "Own stock game", sku: "OWN-GAME" },
    });

    const [imported, refused] = await Promise.all([
      suppliers(["import-stock", "--account", account(), "--file", good]),
      suppliers(["import-stock", "--account", account(), "--file", bad]),
    ]);
    expect(imported.code, imported.err).toBe(0);
    expect(imported.out).toContain("Imported 2 keys");
    const stored = await prisma().ownStockKey.findMany({ where: { stockSku: "OWN-CLI" } });
    expect(stored.map((row) => [row.costMinor, row.currency]).sort()).toEqual([
      [1500, "JPY"],
      [450, "EUR"],
    ]);
    for (const key of keys) expect(JSON.stringify(stored)).not.toContain(key);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/Nothing imported:\nline \d/);
    expect(refused.err + refused.out).not.toContain(badKey);
    expect(await prisma().ownStockKey.count({ where: { stockSku: "OWN-BAD" } })).toBe(0);

    const first = ["map", "--account", account(), "--product", product.id, "--supplier"];
    const mapped = await suppliers([...first, "own_stock", "--supplier-product", "OWN-CLI"]);
    expect(mapped.code, mapped.err).toBe(0);
    const again = await suppliers([
      ...first,
      "own_stock",
      "--supplier-product",
      "OWN-CLI",
      "--priority",
      "3",
    ]);
    expect(again.code, again.err).toBe(0);
    const offers = await prisma().supplierOffer.findMany({ where: { productId: product.id } });
    expect(offers).toMatchObject([
      { supplier: "own_stock", supplierProductId: "OWN-CLI", priority: 3 },
    ]);
    const stranger = await suppliers([
      "map",
      "--account",
      account(),
      "--product",
      "NO-SUCH-SKU",
      "--supplier",
      "kinguin",
      "--supplier-product",
      "kg-1",
    ]);
    expect(stranger.code).toBe(1);
    expect(stranger.err).toContain("No product NO-SUCH-SKU");
  }, 240_000);

  it.each([
    [["connect", "kinguin", "--environment", "prod", "--api-key", "k"], /--environment must be/],
    [["connect", "codeswholesale", "--environment", "live", "--client-id", "c"], /--client-secret/],
    [["connect", "steam", "--environment", "live"], /codeswholesale or kinguin/],
    [["connect", "kinguin", "--environment", "live", "--api-key", "k", "--currency", "eu"], /ISO/],
    [["disconnect"], /Give the id of the connection/],
    [["remove", "x"], /Unknown command remove\nusage:/],
    [["import-stock", "--file", "/nonexistent/keys.csv"], /No file/],
    [["map", "--product", "p", "--supplier", "g2a", "--supplier-product", "x"], /--supplier must/],
    [
      [
        "map",
        "--product",
        "p",
        "--supplier",
        "kinguin",
        "--supplier-product",
        "x",
        "--priority",
        "1.5",
      ],
      /--priority/,
    ],
  ])(
    "refuses %j with a clear message and changes nothing",
    async (args, message) => {
      const before = await prisma().supplierConnection.count();
      const result = await suppliers(args);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
      expect(result.out).toBe("");
      expect(await prisma().supplierConnection.count()).toBe(before);
    },
    60_000,
  );
});
