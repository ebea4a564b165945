// Both clients, every method with every parameter, against a scripted loopback server that only
// records the requests (the document, not the server, is the reference here): each request must
// be an operation of the committed OpenAPI document with documented parameters and fields, and
// every operation of the document must be reachable from each client.
import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { PremiumCDKeys } from "../../packages/sdk/src/index.ts";
import { compareWithDocument } from "./documented-operations.ts";
import { json, startScriptedServer, type ScriptedServer } from "./scripted-server.ts";

const ANY_ANSWER = json(200, { data: [], meta: { total: 0, page: 1, limit: 20, pages: 0 } });
const KEY = "pck_test_0123456789abcdefghijklmnopqrstuv";
let recorder: ScriptedServer;

afterEach(() => recorder?.close());

describe("the clients and the OpenAPI document", () => {
  it("the JavaScript client calls only documented operations, and all of them", async () => {
    recorder = await startScriptedServer([ANY_ANSWER]);
    const client = new PremiumCDKeys(KEY, { baseUrl: recorder.url });

    await client.orders.list({
      status: "pending",
      from: "2026-07-01",
      to: new Date(),
      limit: 5,
      page: 2,
      store_order_id: "#1",
      shop_id: "s1",
    });
    await client.orders.get("o1", { include: "keys" });
    await client.orders.process("o1", { idempotencyKey: "k1" });
    await client.products.list({ limit: 5, page: 1 });
    await client.products.stock("p1");
    await client.suppliers.list();
    await client.suppliers.stock("sandbox", "SBX-1");
    await client.webhooks.create({
      url: "https://hooks.example/x",
      events: ["order.created"],
      description: "d",
    });
    await client.webhooks.list({ limit: 5, page: 1 });
    await client.webhooks.get("w1");
    await client.webhooks.update("w1", {
      url: "https://hooks.example/y",
      events: [],
      active: true,
    });
    await client.webhooks.delete("w1");
    await client.webhooks.rotateSecret("w1");
    await client.webhooks.resume("w1");
    await client.webhooks.test("w1");
    await client.webhooks.deliveries("w1", {
      status: "failed",
      event: "order.created",
      limit: 5,
      page: 1,
    });
    await client.webhooks.replay("w1", "d1");

    expect(compareWithDocument(recorder.seen)).toEqual({ problems: [], unused: [] });
  });

  it("the PHP client calls only documented operations, and all of them", async () => {
    recorder = await startScriptedServer([ANY_ANSWER]);
    const script = path.resolve(import.meta.dirname, "../../packages/sdk-php/tests/every_call.php");

    const { stdout } = await promisify(execFile)("php", [script], {
      env: { ...process.env, PREMIUMCDKEYS_BASE_URL: recorder.url, PCK_API_KEY: KEY },
    });

    expect(stdout.trim()).toBe("called 17");
    expect(compareWithDocument(recorder.seen)).toEqual({ problems: [], unused: [] });
  });
});
