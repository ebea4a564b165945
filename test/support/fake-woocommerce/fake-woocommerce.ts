import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { checkOAuthSignature } from "./oauth.ts";
import { handleRoute, type RouteAnswer } from "./routes.ts";
import {
  orderJson,
  type ApiKey,
  type FakeLine,
  type FakeNote,
  type FakeOrder,
  type FakeWebhook,
  type KeyPermissions,
} from "./shop-state.ts";
import { sendDelivery, sendPing, wpJsonEncode, type DeliveryRecord } from "./webhook-sender.ts";

const READ_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);
const MAX_FAILURES = 5;

/**
 * A WooCommerce shop on loopback that speaks the REST API v3 routes the connector uses (webhooks,
 * orders, order notes) with WooCommerce's authentication (OAuth 1.0a over HTTP, Basic auth or
 * query keys over HTTPS) and sends webhooks as WooCommerce does: payload built at delivery time,
 * signed, the unsigned ping on creation, no retries, disabled after repeated failures.
 *
 * Not simulated: Action Scheduler's collapsing of several updates into one delivery, the site
 * timezone (every date is GMT), and everything the connector does not call.
 */
export class FakeWooCommerce {
  readonly keys = new Map<string, ApiKey>();
  readonly orders = new Map<number, FakeOrder>();
  readonly notes = new Map<number, FakeNote[]>();
  readonly webhooks = new Map<number, FakeWebhook>();
  readonly deliveries: DeliveryRecord[] = [];
  /** Customer-note emails WooCommerce would send: to the billing address, with the note. */
  readonly customerEmails: { to: string; orderId: number; note: string }[] = [];
  readonly requests: {
    method: string;
    path: string;
    auth: "basic" | "query" | "oauth" | "none";
  }[] = [];
  /** WordPress "Plain" permalinks: /wp-json/ is not routed, only ?rest_route= is. */
  plainPermalinks = false;
  /** While true, deliveries fail as if the network to the receiver were down. */
  deliveryOutage = false;

  #server!: http.Server;
  #url = "";
  #nextId = 700;
  readonly #nonces = new Set<string>();
  readonly #pending = new Set<Promise<void>>();

  private constructor(private readonly tls: boolean) {}

  static async start(options: { tls?: { key: string; cert: string } } = {}) {
    const shop = new FakeWooCommerce(Boolean(options.tls));
    const handler = (request: IncomingMessage, response: ServerResponse) =>
      void shop.#handle(request, response);
    shop.#server = options.tls
      ? https.createServer(options.tls, handler)
      : http.createServer(handler);
    await new Promise<void>((resolve) => shop.#server.listen(0, "127.0.0.1", resolve));
    const { port } = shop.#server.address() as AddressInfo;
    shop.#url = `${options.tls ? "https" : "http"}://127.0.0.1:${port}`;
    return shop;
  }

  get url(): string {
    return this.#url;
  }

  createKey(permissions: KeyPermissions = "read_write"): ApiKey {
    const key: ApiKey = {
      consumerKey: `ck_${randomBytes(20).toString("hex")}`,
      consumerSecret: `cs_${randomBytes(20).toString("hex")}`,
      permissions,
    };
    this.keys.set(key.consumerKey, key);
    return key;
  }

  /** A checkout: the order is created `pending` (unpaid) and `order.created` fires. */
  placeOrder(lines: FakeLine[], email = "ada.buyer@example.com"): FakeOrder {
    const now = seconds();
    const order: FakeOrder = {
      id: this.#nextId++,
      status: "pending",
      currency: "EUR",
      email,
      lines,
      createdAt: now,
      modifiedAt: now,
      paidAt: null,
      completedAt: null,
    };
    this.orders.set(order.id, order);
    this.#fire("order.created", order.id);
    return order;
  }

  /** The payment gateway confirms payment: `processing`, `date_paid` set, `order.updated`. */
  payOrder(id: number): void {
    const order = this.#order(id);
    order.paidAt = seconds();
    this.setStatus(id, "processing");
  }

  setStatus(id: number, status: string): void {
    const order = this.#order(id);
    order.status = status;
    order.modifiedAt = seconds();
    if (status === "completed") order.completedAt ??= order.modifiedAt;
    this.#fire("order.updated", id);
  }

  orderNotes(id: number): FakeNote[] {
    return this.notes.get(id) ?? [];
  }

  addNote(orderId: number, note: string, customerNote: boolean): FakeNote {
    const created: FakeNote = {
      id: this.#nextId++,
      note,
      customer_note: customerNote,
      added_by_user: false,
      date_created_gmt: seconds().toISOString().slice(0, 19),
    };
    this.notes.set(orderId, [...this.orderNotes(orderId), created]);
    const order = this.#order(orderId);
    if (customerNote) this.customerEmails.push({ to: order.email, orderId, note });
    return created;
  }

  newId(): number {
    return this.#nextId++;
  }

  /** Waits until every delivery and ping queued so far has been answered. */
  async settle(): Promise<void> {
    while (this.#pending.size > 0) await Promise.allSettled([...this.#pending]);
  }

  async close(): Promise<void> {
    await this.settle();
    this.#server.closeAllConnections();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  /** Sends the creation ping, as `POST /webhooks` does after answering 201. */
  ping(hook: FakeWebhook): void {
    this.#track(async () => {
      const answer = await sendPing(hook);
      if (answer.status === 200) hook.pendingDelivery = false;
      this.deliveries.push({
        webhookId: hook.id,
        topic: "ping",
        status: answer.status,
        ok: answer.status === 200,
        body: "",
      });
    });
  }

  #order(id: number): FakeOrder {
    const order = this.orders.get(id);
    if (!order) throw new Error(`No order ${id}`);
    return order;
  }

  #fire(topic: string, orderId: number): void {
    for (const hook of this.webhooks.values()) {
      if (hook.status !== "active" || hook.topic !== topic) continue;
      this.#track(() => this.#deliver(hook, orderId));
    }
  }

  async #deliver(hook: FakeWebhook, orderId: number): Promise<void> {
    // Built when the job runs, from the order as it is then, not as it was at the event.
    const body = wpJsonEncode(orderJson(this.#order(orderId)));
    const answer = this.deliveryOutage ? { ok: false } : await sendDelivery(hook, body, this.#url);
    this.deliveries.push({
      webhookId: hook.id,
      topic: hook.topic,
      status: "status" in answer ? answer.status : undefined,
      ok: answer.ok,
      body,
    });

    // WC_Webhook::failed_delivery: disable once the stored count is already above the limit.
    if (answer.ok) hook.failureCount = 0;
    else if (hook.failureCount > MAX_FAILURES) hook.status = "disabled";
    else hook.failureCount++;
  }

  #track(task: () => Promise<void>): void {
    const running: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(task)
      .finally(() => this.#pending.delete(running));
    this.#pending.add(running);
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const url = new URL(request.url ?? "/", this.#url);
    const method = request.method ?? "GET";
    this.requests.push({ method, path: url.pathname, auth: authKind(request, url) });

    let route: string | undefined;
    if (url.pathname.startsWith("/wp-json/") && !this.plainPermalinks)
      route = url.pathname.slice(8);
    else if (url.pathname === "/" && url.searchParams.has("rest_route"))
      route = url.searchParams.get("rest_route") ?? "";
    if (route === undefined)
      return send(response, { status: 404, html: true, body: "<html>Page not found</html>" });
    if (route.replace(/\/$/, "") === "/wc/v3") {
      return send(response, { status: 200, body: { namespace: "wc/v3", routes: {} } });
    }
    if (!route.startsWith("/wc/v3/")) return send(response, noRoute());

    const auth = this.#authenticate(request, url, method);
    if ("status" in auth) return send(response, auth);

    let body: Record<string, unknown> = {};
    if (chunks.length > 0) {
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
      } catch {
        return send(response, error(400, "rest_invalid_json", "Invalid JSON body passed."));
      }
    }
    send(response, handleRoute(this, method, route.slice(7), url.searchParams, body));
  }

  #authenticate(request: IncomingMessage, url: URL, method: string): ApiKey | RouteAnswer {
    let key: ApiKey | undefined;
    if (this.tls) {
      const basic = /^Basic (.+)$/i.exec(request.headers.authorization ?? "");
      const [user, password] = basic
        ? Buffer.from(basic[1], "base64").toString("utf8").split(":")
        : [url.searchParams.get("consumer_key"), url.searchParams.get("consumer_secret")];
      if (user) {
        key = this.keys.get(user);
        if (!key) return authError("Consumer key is invalid.");
        if (key.consumerSecret !== password) return authError("Consumer secret is invalid.");
      }
    } else if (url.searchParams.has("oauth_consumer_key")) {
      const check = checkOAuthSignature(
        method,
        `${this.#url}${url.pathname}`,
        url.searchParams,
        (consumerKey) => this.keys.get(consumerKey)?.consumerSecret,
      );
      if (!check.ok) return authError(check.message);
      if (Math.abs(Date.now() / 1000 - check.timestamp) > 15 * 60)
        return authError("Invalid timestamp.");
      if (this.#nonces.has(`${check.consumerKey}:${check.nonce}`))
        return authError("Invalid nonce - nonce has already been used.");
      this.#nonces.add(`${check.consumerKey}:${check.nonce}`);
      key = this.keys.get(check.consumerKey);
    }
    // Without credentials WordPress serves the request as a visitor, who may not see anything.
    if (!key)
      return error(401, "woocommerce_rest_cannot_view", "Sorry, you cannot list resources.");

    const needs = READ_METHODS.has(method) ? "read" : "write";
    if (key.permissions !== "read_write" && key.permissions !== needs) {
      return authError(`The API key provided does not have ${needs} permissions.`);
    }
    return key;
  }
}

function authKind(request: IncomingMessage, url: URL) {
  if (/^Basic /i.test(request.headers.authorization ?? "")) return "basic";
  if (url.searchParams.has("consumer_key")) return "query";
  if (url.searchParams.has("oauth_signature")) return "oauth";
  return "none";
}

function seconds(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}

export function error(status: number, code: string, message: string): RouteAnswer {
  return { status, body: { code, message, data: { status } } };
}

function authError(message: string): RouteAnswer {
  return error(401, "woocommerce_rest_authentication_error", message);
}

function noRoute(): RouteAnswer {
  return error(404, "rest_no_route", "No route was found matching the URL and request method.");
}

function send(response: ServerResponse, answer: RouteAnswer): void {
  const text = answer.html ? String(answer.body) : JSON.stringify(answer.body);
  response.writeHead(answer.status, {
    "content-type": answer.html ? "text/html; charset=UTF-8" : "application/json; charset=UTF-8",
    ...answer.headers,
  });
  response.end(text);
}
