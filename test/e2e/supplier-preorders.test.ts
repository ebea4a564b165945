// Image keys and pre-orders from the real adapters, and supplier callbacks at
// POST /api/webhook/suppliers/{supplier}: authenticated, deduplicated, treated as hints.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postWoo } from "../support/shop-deliveries.ts";
import { startSmtpServer } from "../support/smtp-server.ts";
import {
  mapProduct,
  settledStates,
  startSupplierWorld,
  wooOrderIn,
  type SupplierWorld,
} from "../support/suppliers.ts";
import { waitFor, type TestServer } from "../support/test-server.ts";
import type { CodesWholesaleSimulator } from "../simulators/codeswholesale-simulator.ts";
import type { KinguinSimulator } from "../simulators/kinguin-simulator.ts";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let cw: CodesWholesaleSimulator;
let kinguin: KinguinSimulator;
let settled: ReturnType<typeof settledStates>;
let world: SupplierWorld;

beforeAll(async () => {
  smtp = await startSmtpServer();
  // The periodic pre-order check is slowed right down: callbacks must do the work here.
  world = await startSupplierWorld({
    env: { SMTP_URL: smtp.url, PREORDER_CHECK_MS: "3600000" },
  });
  ({ server, cw, kinguin, settled } = world);
});
afterAll(async () => {
  await world?.close();
  await smtp?.close();
});

const callbackUrl = (supplier: string) => `${server.url}/api/webhook/suppliers/${supplier}`;
const prisma = () => server.platform.db.prisma;

async function order(id: number, sku: string, quantity = 1) {
  const shop = server.demo.shops.woocommerce;
  const body = wooOrderIn(id, sku, "EUR", "30.00", quantity);
  const response = await postWoo(shop.webhook_url, shop.webhook_secret, body);
  expect(response.status).toBe(200);
}

/** The order once all its units are pre-ordered at the supplier. */
function preordered(id: number, units = 1) {
  return waitFor(async () => {
    const found = await prisma().order.findFirst({
      where: { externalId: String(id) },
      include: { purchases: true },
    });
    const waiting = found?.purchases.filter((purchase) => purchase.status === "preordered");
    return waiting?.length === units ? found : undefined;
  });
}

describe("image keys", () => {
  it("stores CodesWholesale image codes (fetched apart from the order) and mails them attached", async () => {
    cw.addProduct({
      productId: "cw-card",
      name: "Gift card",
      quantity: 5,
      prices: [[1, 2000]],
      kind: "image",
    });
    await mapProduct(server, "P-IMAGE", [
      { supplier: "codeswholesale", supplierProductId: "cw-card" },
    ]);
    await order(5001, "P-IMAGE", 2);
    const done = await settled(5001);

    expect(done.status).toBe("delivered");
    expect(done.purchases.map((purchase) => purchase.key?.kind)).toEqual(["image", "image"]);
    expect(cw.requests.some((request) => request.path.startsWith("/v2/codes/"))).toBe(true);

    // The stored image is the supplier's, byte for byte.
    const purchase = done.purchases[0];
    const charged = [...cw.orders.values()].find((o) => o.clientOrderId === purchase.reference)!;
    const opened = server.platform.vault.open(purchase.key!.seal, `key:${purchase.id}`);
    expect(opened.toString("base64")).toBe(charged.products[0].codes[0].code);

    const mail = await waitFor(() => smtp.received.find((raw) => raw.includes("#5001")));
    expect(mail.match(/Content-Type: image\/png; name=key-[\w-]+\.png/g)).toHaveLength(2);
    expect(mail).toContain("Content-Disposition: attachment");
  });

  it("stores Kinguin image keys (base64 serials of image/* type)", async () => {
    kinguin.addProduct({
      productId: "kg-card",
      name: "Card",
      qty: 5,
      priceMinor: 1500,
      kind: "image",
    });
    await mapProduct(server, "P-KG-IMAGE", [{ supplier: "kinguin", supplierProductId: "kg-card" }]);
    await order(5002, "P-KG-IMAGE");
    const done = await settled(5002);
    expect(done.status).toBe("delivered");
    expect(done.purchases[0].key).toMatchObject({ kind: "image", mimeType: "image/png" });
  });
});

describe("pre-orders", () => {
  it("waits in processing, tells the customer, and delivers once when the CodesWholesale postback comes", async () => {
    cw.addProduct({
      productId: "cw-soon",
      name: "Coming soon",
      quantity: 0,
      prices: [[1, 1500]],
      kind: "preorder",
    });
    await mapProduct(server, "P-PRE-CW", [
      { supplier: "codeswholesale", supplierProductId: "cw-soon" },
    ]);
    await order(5101, "P-PRE-CW");
    const waiting = await preordered(5101);
    expect(waiting.status).toBe("processing");
    expect(waiting.purchases[0].costMinor).toBe(1500);

    const notice = await waitFor(() => smtp.received.find((raw) => raw.includes("is a pre-order")));
    expect(notice).toContain(waiting.storeOrderRef);

    // A postback before the keys exist changes nothing.
    const supplierOrderId = waiting.purchases[0].supplierOrderId!;
    expect(
      (
        await cw.postback(callbackUrl("codeswholesale"), {
          type: "PREORDER",
          orderId: supplierOrderId,
        })
      ).status,
    ).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await prisma().order.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe(
      "processing",
    );

    cw.fillPreorder(supplierOrderId);
    const body = { type: "PREORDER", orderId: supplierOrderId, codeId: "repeat" };
    const answers = await Promise.all(
      [1, 2, 3].map(() => cw.postback(callbackUrl("codeswholesale"), body)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([204, 204, 204]);

    const done = await settled(5101);
    expect(done.status).toBe("delivered");
    expect(done.purchases[0].status).toBe("confirmed");
    const stored = await prisma().key.count({ where: { purchase: { orderId: waiting.id } } });
    expect(stored).toBe(1);
    const charged = cw.orders.get(supplierOrderId)!;
    const code = server.platform.vault.openText(
      done.purchases[0].key!.seal,
      `key:${done.purchases[0].id}`,
    );
    expect(code).toBe(charged.products[0].codes[0].code);
    // The repeated postback was recorded once.
    const recorded = await prisma().supplierCallback.count({
      where: { body: { contains: supplierOrderId } },
    });
    expect(recorded).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const keyMails = smtp.received.filter(
      (raw) => raw.includes(waiting.storeOrderRef) && !raw.includes("is a pre-order"),
    );
    expect(keyMails).toHaveLength(1);
    expect(cw.orderCount()).toBe([...cw.orders.values()].length);
    expect(
      [...cw.orders.values()].filter((o) => o.clientOrderId === done.purchases[0].reference),
    ).toHaveLength(1);
  });

  it("delivers a Kinguin pre-order when its order.status webhook arrives", async () => {
    kinguin.addProduct({
      productId: "kg-soon",
      name: "Soon",
      qty: 0,
      priceMinor: 1200,
      kind: "preorder",
    });
    await mapProduct(server, "P-PRE-KG", [{ supplier: "kinguin", supplierProductId: "kg-soon" }]);
    await order(5102, "P-PRE-KG");
    const waiting = await preordered(5102);
    const supplierOrderId = waiting.purchases[0].supplierOrderId!;

    kinguin.fillPreorder(supplierOrderId);
    const event = {
      orderId: supplierOrderId,
      orderExternalId: waiting.purchases[0].reference,
      status: "completed",
    };
    const first = await kinguin.webhook(callbackUrl("kinguin"), "order.status", event);
    expect(first.status).toBe(204);
    expect(await first.text()).toBe("");

    const done = await settled(5102);
    expect(done.status).toBe("delivered");
    expect(done.purchases[0].key?.kind).toBe("text");
  });

  it("is collected by the periodic check when no callback ever comes", async () => {
    kinguin.addProduct({
      productId: "kg-quiet",
      name: "Quiet",
      qty: 0,
      priceMinor: 1100,
      kind: "preorder",
    });
    await mapProduct(server, "P-PRE-QUIET", [
      { supplier: "kinguin", supplierProductId: "kg-quiet" },
    ]);
    await order(5103, "P-PRE-QUIET");
    const waiting = await preordered(5103);
    kinguin.fillPreorder(waiting.purchases[0].supplierOrderId!);

    // Run the periodic job now rather than in an hour.
    await prisma().job.updateMany({
      where: { type: "preorders.check", status: "queued" },
      data: { runAt: new Date() },
    });
    server.platform.worker.nudge();
    const done = await settled(5103);
    expect(done.status).toBe("delivered");
  });
});

describe("tenant walls", () => {
  it("a callback proven with another account's secret never touches this account's orders", async () => {
    const other = await prisma().account.create({ data: { name: "Another merchant" } });
    const connected = await server.platform.supplierConnections.connect(other.id, {
      supplier: "kinguin",
      environment: "sandbox",
      credentials: { apiKey: "another-key", webhookSecret: "another-secret" },
      baseUrl: kinguin.url,
    });
    expect(connected.ok).toBe(true);

    kinguin.addProduct({
      productId: "kg-wall",
      name: "Wall",
      qty: 0,
      priceMinor: 1000,
      kind: "preorder",
    });
    await mapProduct(server, "P-WALL", [{ supplier: "kinguin", supplierProductId: "kg-wall" }]);
    await order(5301, "P-WALL");
    const waiting = await preordered(5301);
    const supplierOrderId = waiting.purchases[0].supplierOrderId!;
    kinguin.fillPreorder(supplierOrderId);

    const event = { orderId: supplierOrderId, status: "completed" };
    const foreign = await kinguin.webhook(
      callbackUrl("kinguin"),
      "order.status",
      event,
      "another-secret",
    );
    expect(foreign.status).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect((await prisma().order.findUniqueOrThrow({ where: { id: waiting.id } })).status).toBe(
      "processing",
    );

    await kinguin.webhook(callbackUrl("kinguin"), "order.status", {
      ...event,
      status: "completed ",
    });
    expect((await settled(5301)).status).toBe("delivered");
  });
});

describe("supplier callbacks refused", () => {
  it("answers 401 in the envelope to a forged proof, and records nothing", async () => {
    const before = await prisma().supplierCallback.count();
    const forged = await cw.postback(
      callbackUrl("codeswholesale"),
      { type: "PREORDER", orderId: "x" },
      "ab".repeat(32),
    );
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ error: { code: "INVALID_SIGNATURE" } });
    const wrongSecret = await kinguin.webhook(
      callbackUrl("kinguin"),
      "order.status",
      { orderId: "x" },
      "guess",
    );
    expect(wrongSecret.status).toBe(401);
    const none = await fetch(callbackUrl("kinguin"), { method: "POST", body: "{}" });
    expect(none.status).toBe(401);
    expect(await prisma().supplierCallback.count()).toBe(before);
  });

  it("answers 404 for an unknown supplier and 400 for a body that is not JSON", async () => {
    for (const name of ["g2a", "__proto__", "constructor", "toString", "hasOwnProperty"]) {
      const unknown = await fetch(callbackUrl(name), { method: "POST", body: "{}" });
      expect(unknown.status, name).toBe(404);
      expect(await unknown.json()).toMatchObject({ error: { code: "NOT_FOUND" } });
    }

    const hash = (await import("node:crypto"))
      .createHash("sha256")
      .update(cw.credentials.clientId + cw.credentials.signature)
      .digest("hex");
    const broken = await fetch(callbackUrl("codeswholesale"), {
      method: "POST",
      body: `{"authHash":"${hash}", "type": `,
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toMatchObject({ error: { code: "MALFORMED_JSON" } });
  });

  it("refuses an oversized body with 413", async () => {
    const big = await fetch(callbackUrl("kinguin"), {
      method: "POST",
      headers: { "x-event-secret": kinguin.credentials.webhookSecret },
      body: "x".repeat(6 * 1024 * 1024),
    });
    expect(big.status).toBe(413);
  });
});

describe("logs", () => {
  it("never carry supplier credentials or keys", () => {
    const log = fs.readFileSync(server.logFile, "utf8");
    expect(log).toContain("pre-order key collected");
    const secrets = [
      cw.credentials.clientSecret,
      cw.credentials.signature,
      kinguin.credentials.apiKey,
      kinguin.credentials.webhookSecret,
    ];
    for (const secret of secrets) expect(log).not.toContain(secret);
    const codes = [...cw.orders.values()].flatMap((entry) =>
      entry.products.flatMap((line) => line.codes.map((code) => code.code)),
    );
    const serials = [...kinguin.orders.values()].flatMap((entry) =>
      entry.keys.map((key) => key.serial),
    );
    for (const code of [...codes, ...serials].filter((value): value is string => Boolean(value))) {
      expect(log).not.toContain(code.slice(0, 40));
    }
  });
});
