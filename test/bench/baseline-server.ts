// The bare baseline for the ingest bench, run as a process of its own: node:http, the same
// base64 HMAC-SHA256 check with node:crypto, the same JSON check, and the same single statement
// (the inbound row and its job) sent with `pg` to the platform's database. Nothing else.
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import http from "node:http";
import pg from "pg";

const { BASELINE_PORT, DATABASE_URL, SHOP_ID, SHOP_SECRET } = process.env;
if (!BASELINE_PORT || !DATABASE_URL || !SHOP_ID || !SHOP_SECRET) {
  throw new Error("BASELINE_PORT, DATABASE_URL, SHOP_ID and SHOP_SECRET are required");
}
const shopId = SHOP_ID;
const secret = SHOP_SECRET;

// The same pool size as the platform's Prisma client.
const pool = new pg.Pool({ connectionString: DATABASE_URL, max: 10 });

const RECORD = `
  WITH inbound AS (
    INSERT INTO inbound_webhooks (id, shop_id, topic, dedupe_key, body)
    VALUES ($1, $2, $3, $4, $5)
    ON CONFLICT (shop_id, topic, dedupe_key) DO NOTHING
    RETURNING id)
  INSERT INTO jobs (type, payload)
  SELECT 'shop-webhook.process', jsonb_build_object('inboundId', id) FROM inbound`;

const server = http.createServer((request, response) => {
  if (request.method !== "POST") return void response.writeHead(200).end("ok");
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    void receive(request.headers, Buffer.concat(chunks)).then(
      ([status, body]) =>
        response.writeHead(status, { "content-type": "application/json" }).end(body),
      () => response.writeHead(500).end(),
    );
  });
});

async function receive(headers: http.IncomingHttpHeaders, body: Buffer): Promise<[number, string]> {
  const expected = createHmac("sha256", secret).update(body).digest();
  const given = Buffer.from(String(headers["x-shopify-hmac-sha256"] ?? ""), "base64");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return [401, "{}"];

  const text = body.toString("utf8");
  JSON.parse(text);
  const topic = String(headers["x-shopify-topic"]);
  const webhookId = String(headers["x-shopify-webhook-id"]);
  const result = await pool.query(RECORD, [randomUUID(), shopId, topic, webhookId, text]);
  const outcome = result.rowCount ? "recorded" : "duplicate";
  return [200, JSON.stringify({ received: true, outcome })];
}

server.listen(Number(BASELINE_PORT), "127.0.0.1");
process.on("SIGINT", () => {
  server.close();
  server.closeAllConnections();
  void pool.end().then(() => process.exit(0));
});
