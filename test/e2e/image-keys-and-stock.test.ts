import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxCode } from "@premiumcdkeys/suppliers";
import { mapSandboxProduct, wooOrderFor } from "../support/catalogue.ts";
import { postWoo } from "../support/shop-deliveries.ts";
import { startSmtpServer } from "../support/smtp-server.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

let server: TestServer;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  receiver = await startWebhookReceiver();
  server = await startTestServer({ SMTP_URL: smtp.url });
  await server.platform.webhookEndpoints.create(
    { accountId: server.demo.account_id, sandbox: true },
    {
      url: receiver.url,
      events: ["stock.low", "order.failed"],
    },
  );
});
afterAll(async () => {
  await server?.close();
  await smtp?.close();
  await receiver?.close();
});

async function settled(id: number) {
  return waitFor(async () => {
    const order = await server.platform.db.prisma.order.findFirst({
      where: { externalId: String(id) },
    });
    return order && ["delivered", "failed"].includes(order.status) ? order : undefined;
  });
}

async function placeOrder(id: number, sku: string, quantity: number, unitPrice: string) {
  const shop = server.demo.shops.woocommerce;
  const response = await postWoo(
    shop.webhook_url,
    shop.webhook_secret,
    wooOrderFor(id, sku, quantity, unitPrice),
  );
  expect(response.status).toBe(200);
  return settled(id);
}

describe("delivery over SMTP", () => {
  it("sends image keys as attachments of the customer's email", async () => {
    const order = await placeOrder(9001, "GIFTCARD-25-IMAGE", 2, "25.00");
    expect(order.status).toBe("delivered");

    const mail = await waitFor(() => smtp.received.find((raw) => raw.includes("#9001")));
    expect(mail).toMatch(/^To: .*ada\.buyer@example\.com/m);
    const attachments = mail.match(/Content-Type: image\/png; name=key-[\w-]+\.png/g) ?? [];
    expect(attachments).toHaveLength(2);
    expect(mail).toContain("Content-Disposition: attachment");

    // Attachment names are stored unsealed: they must not give the key away.
    const keys = await server.platform.db.prisma.key.findMany({
      where: { purchase: { orderId: order.id } },
      include: { purchase: true },
    });
    for (const key of keys) {
      expect(key.fileName).not.toContain(sandboxCode(key.purchase.reference));
      // The code travels only inside the image (base64 in the mail), never in a name or text.
      for (const name of attachments)
        expect(name).not.toContain(sandboxCode(key.purchase.reference));
    }
  });
});

describe("sandbox stock", () => {
  it("goes down with each sale, announces stock.low once, and then runs out", async () => {
    const product = await mapSandboxProduct(server, "LIMITED-5", "SBX-LIMITED-5");
    await server.platform.db.prisma.product.update({
      where: { id: product.id },
      data: { lowStockThreshold: 3 },
    });

    await placeOrder(9101, "LIMITED-5", 1, "15.00");
    expect((await server.platform.sandbox.getProduct("SBX-LIMITED-5"))?.stock).toBe(4);
    await placeOrder(9102, "LIMITED-5", 2, "15.00");
    await placeOrder(9103, "LIMITED-5", 1, "15.00");

    const lows = await waitFor(() => {
      const found = receiver.events("stock.low");
      return found.length > 0 ? found : undefined;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(receiver.events("stock.low")).toHaveLength(1);
    expect(lows[0].json.data).toMatchObject({
      product: { id: product.id },
      count: 2,
      threshold: 3,
    });

    const soldOut = await placeOrder(9104, "LIMITED-5", 2, "15.00");
    expect(soldOut.status).toBe("failed");
    expect((await server.platform.sandbox.getProduct("SBX-LIMITED-5"))?.stock).toBe(0);
  });
});
