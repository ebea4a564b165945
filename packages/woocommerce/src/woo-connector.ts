import {
  parseJsonLosslessly,
  type NoteKey,
  type WebhookIds,
  type WebhookRepair,
  type WooAccess,
  type WooCommerceConnector,
  type WooOrderText,
  type WooResult,
  type WooWebhookSpec,
} from "@premiumcdkeys/core";
import { stringify } from "lossless-json";
import { composeKeyNote, notesHoldKeys } from "./key-note.ts";
import { hasPlainPermalinks } from "./permalinks-probe.ts";
import { ShopRestClient, type RestOptions, type RestResult } from "./rest-client.ts";
import { describeFailure } from "./rest-failure.ts";

type Webhook = { id: number; topic: string; status: string; delivery_url: string };
type Note = { note?: unknown };

const PAGE_SIZE = 100;
// A bound on one sweep; the cursor only moves past what was read, so the rest comes next time.
const MAX_ORDER_PAGES = 50;
const CLOSED_STATUSES = new Set(["cancelled", "refunded", "failed", "trash"]);

/** `WooCommerceConnector` over the shop's REST API v3. Keeps no state. */
export function createWooConnector(options: RestOptions): WooCommerceConnector {
  const client = (access: WooAccess) => new ShopRestClient(access, options);

  /** A failed call in the merchant's words; the permalinks probe only when it can matter. */
  async function fail<T>(
    access: WooAccess,
    result: RestResult & { ok: false },
  ): Promise<WooResult<T>> {
    const { failure } = result;
    // With plain permalinks /wp-json/ is an ordinary page: a 404 or a 200 that is not JSON.
    const maybePermalinks = failure.kind === "http" && !failure.json && failure.status === 404;
    const plain = maybePermalinks && (await hasPlainPermalinks(access.url, options));
    return { ok: false, error: describeFailure(failure, plain) };
  }

  async function listWebhooks(access: WooAccess): Promise<WooResult<Webhook[]>> {
    const webhooks: Webhook[] = [];
    for (let page = 1; page <= 10; page++) {
      const result = await client(access).get("webhooks", {
        per_page: String(PAGE_SIZE),
        page: String(page),
      });
      if (!result.ok) return fail(access, result);
      const batch = readArray<Webhook>(result.answer.body);
      if (!batch) return notWooCommerce(access, options);
      webhooks.push(...batch);
      if (batch.length < PAGE_SIZE) break;
    }
    return { ok: true, value: webhooks };
  }

  async function createWebhook(
    access: WooAccess,
    spec: WooWebhookSpec,
  ): Promise<WooResult<number>> {
    const result = await client(access).post("webhooks", {
      name: `PremiumCDKeys ${spec.topic}`,
      topic: spec.topic,
      delivery_url: spec.deliveryUrl,
      secret: spec.secret,
      status: "active",
    });
    if (!result.ok) return fail(access, result);
    const created = readObject<Webhook>(result.answer.body);
    if (!created || !Number.isSafeInteger(created.id)) return notWooCommerce(access, options);
    // Older versions create webhooks active whatever is asked; others may not: make sure.
    if (created.status !== "active") {
      const activated = await client(access).put(`webhooks/${created.id}`, { status: "active" });
      if (!activated.ok) return fail(access, activated);
    }
    return { ok: true, value: created.id };
  }

  async function removeWebhooks(access: WooAccess, ids: number[]): Promise<WooResult<void>> {
    for (const id of ids) {
      // WooCommerce webhooks cannot be trashed: deleting needs force=true.
      const result = await client(access).delete(`webhooks/${id}`, { force: "true" });
      const gone = !result.ok && result.failure.kind === "http" && result.failure.status === 404;
      if (!result.ok && !gone) return fail(access, result);
    }
    return { ok: true, value: undefined };
  }

  return {
    async connect(access, specs) {
      const existing = await listWebhooks(access);
      if (!existing.ok) return existing;

      const ids: WebhookIds = {};
      for (const spec of specs) {
        const created = await createWebhook(access, spec);
        if (!created.ok) {
          await removeWebhooks(access, Object.values(ids));
          return created;
        }
        ids[spec.topic] = created.value;
      }

      // Webhooks left by an earlier connection of this shop would sign with a forgotten secret.
      const stale = existing.value.filter((hook) =>
        specs.some((spec) => spec.deliveryUrl === hook.delivery_url),
      );
      await removeWebhooks(
        access,
        stale.map((hook) => hook.id),
      );
      return { ok: true, value: ids };
    },

    async repairWebhooks(access, specs, known) {
      const listed = await listWebhooks(access);
      if (!listed.ok) return listed;

      const ids: WebhookIds = {};
      const repairs: WebhookRepair[] = [];
      for (const spec of specs) {
        const hook =
          listed.value.find((candidate) => candidate.id === known[spec.topic]) ??
          listed.value.find(
            (candidate) =>
              candidate.topic === spec.topic && candidate.delivery_url === spec.deliveryUrl,
          );
        if (!hook) {
          const created = await createWebhook(access, spec);
          if (!created.ok) return created;
          ids[spec.topic] = created.value;
          repairs.push({ topic: spec.topic, action: "recreated", id: created.value });
          continue;
        }

        ids[spec.topic] = hook.id;
        const redirected = hook.delivery_url !== spec.deliveryUrl;
        if (hook.status === "active" && !redirected && hook.topic === spec.topic) continue;
        // The secret is write-only at the shop: send ours again with every repair.
        const updated = await client(access).put(`webhooks/${hook.id}`, {
          status: "active",
          topic: spec.topic,
          delivery_url: spec.deliveryUrl,
          secret: spec.secret,
        });
        if (!updated.ok) return fail(access, updated);
        repairs.push({
          topic: spec.topic,
          action: redirected ? "redirected" : "reactivated",
          id: hook.id,
        });
      }
      return { ok: true, value: { ids, repairs } };
    },

    async ordersModifiedSince(access, modifiedAfter, createdAfter) {
      const orders: WooOrderText[] = [];
      for (let page = 1; page <= MAX_ORDER_PAGES; page++) {
        const result = await client(access).get("orders", {
          modified_after: gmt(modifiedAfter),
          after: gmt(createdAfter),
          dates_are_gmt: "true",
          orderby: "id",
          order: "asc",
          per_page: String(PAGE_SIZE),
          page: String(page),
        });
        if (!result.ok) return fail(access, result);
        const batch = readOrderTexts(result.answer.body);
        if (!batch) return notWooCommerce(access, options);
        orders.push(...batch);
        if (batch.length < PAGE_SIZE) return { ok: true, value: orders };
      }
      // Too many to read at once: keep the cursor where it was by answering only the known-old.
      return { ok: true, value: orders.map((order) => ({ ...order, modifiedAt: modifiedAfter })) };
    },

    async deliverKeys(access, orderId, keys: NoteKey[]) {
      const order = await client(access).get(`orders/${encodeURIComponent(orderId)}`);
      if (!order.ok) return fail(access, order);
      const status = readObject<{ status?: string }>(order.answer.body)?.status ?? "";
      if (CLOSED_STATUSES.has(status)) {
        return {
          ok: false,
          error: {
            code: "SHOP_ERROR",
            message: `The order is ${status} at the shop: keys held back`,
          },
        };
      }

      const notes = await client(access).get(`orders/${encodeURIComponent(orderId)}/notes`, {
        type: "customer",
      });
      if (!notes.ok) return fail(access, notes);
      const texts = (readArray<Note>(notes.answer.body) ?? []).map((note) =>
        typeof note.note === "string" ? note.note : "",
      );
      if (!notesHoldKeys(texts, keys)) {
        const added = await client(access).post(`orders/${encodeURIComponent(orderId)}/notes`, {
          note: composeKeyNote(keys),
          customer_note: true,
        });
        if (!added.ok) return fail(access, added);
      }

      // Only now, with the keys in the customer's note, is the order completed.
      if (status !== "completed") {
        const completed = await client(access).put(`orders/${encodeURIComponent(orderId)}`, {
          status: "completed",
        });
        if (!completed.ok) return fail(access, completed);
      }
      return { ok: true, value: undefined };
    },

    async addPrivateNote(access, orderId, note) {
      const added = await client(access).post(`orders/${encodeURIComponent(orderId)}/notes`, {
        note,
        customer_note: false,
      });
      return added.ok ? { ok: true, value: undefined } : fail(access, added);
    },

    removeWebhooks,
  };
}

/** A 2xx answer that is not WooCommerce's JSON: plain permalinks serve pages there. */
async function notWooCommerce<T>(access: WooAccess, options: RestOptions): Promise<WooResult<T>> {
  if (await hasPlainPermalinks(access.url, options)) {
    return { ok: false, error: describeFailure({ kind: "http", status: 200, json: false }, true) };
  }
  return {
    ok: false,
    error: { code: "NOT_WOOCOMMERCE", message: `${access.url} did not answer like WooCommerce` },
  };
}

/** WooCommerce reads dates without a zone as the site's, or as GMT with dates_are_gmt. */
function gmt(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function readOrderTexts(body: string): WooOrderText[] | undefined {
  let value: unknown;
  try {
    value = parseJsonLosslessly(body);
  } catch {
    return undefined;
  }
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((order: Record<string, unknown>) => {
    const modified = typeof order?.date_modified_gmt === "string" ? order.date_modified_gmt : "";
    const modifiedAt = new Date(/[zZ]$/.test(modified) ? modified : `${modified}Z`);
    if (Number.isNaN(modifiedAt.getTime())) return [];
    return [{ id: String(order.id), modifiedAt, body: stringify(order) ?? "" }];
  });
}

function readArray<T>(body: string): T[] | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return Array.isArray(value) ? (value as T[]) : undefined;
  } catch {
    return undefined;
  }
}

function readObject<T>(body: string): T | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}
