import { readOutbox, type Platform } from "@premiumcdkeys/core";
import type { ApiClient, OrderDetail, OrderSummary } from "./api-client.ts";
import type { DemoEndpoint } from "./demo-endpoint.ts";
import { heldKeys } from "./held-keys.ts";
import type { PlayedOrder } from "./play-orders.ts";
import { verifyDelivery, type Verification } from "./verify-signatures.ts";

export type ArrivedWebhook = { event: string; at: number; verification: Verification };

export type OrderStory = {
  played: PlayedOrder;
  /** Undefined when the order never appeared in the API. */
  detail?: OrderDetail;
  settled: boolean;
  keys: Map<string, string>;
  mails: { recipient: string; subject: string; raw: string }[];
  webhooks: ArrivedWebhook[];
};

const FINAL_STATUSES = ["delivered", "failed", "cancelled"];
const EXPECTED_EVENTS: Record<string, string[]> = {
  delivered: ["order.created", "order.fulfilled", "order.delivered"],
  failed: ["order.created", "order.failed"],
  cancelled: ["order.created"],
};

/**
 * Follows one played order through the API until it settles, then gathers what shows its
 * journey: held keys, the mail in the outbox and the outgoing webhooks the receiver got.
 */
export async function followOrder(
  platform: Platform,
  api: ApiClient,
  endpoint: DemoEndpoint,
  played: PlayedOrder,
  timeoutMs: number,
): Promise<OrderStory> {
  const deadline = Date.now() + timeoutMs;
  const story: OrderStory = { played, settled: false, keys: new Map(), mails: [], webhooks: [] };

  const found = await poll(deadline, () => findListed(api, played), 500);
  if (!found) return story;

  const detailOf = async () =>
    (await api.get<{ data: OrderDetail }>(`/api/v1/orders/${found.id}`)).data;
  let detail = await detailOf();
  // Every half second: the demo account's API limit is 60 requests a minute.
  while (!FINAL_STATUSES.includes(detail.status) && Date.now() < deadline) {
    await sleep(500);
    detail = await detailOf();
  }
  story.detail = detail;
  story.settled = FINAL_STATUSES.includes(detail.status);

  story.keys = await heldKeys(platform, found.id);
  story.mails = await readOutbox(platform.db.prisma, platform.vault, { orderId: found.id });
  const expected = EXPECTED_EVENTS[detail.status] ?? [];
  // Events leave after the change that caused them is committed: allow them a moment.
  await poll(Math.max(deadline, Date.now() + 10_000), () => {
    story.webhooks = eventsFor(endpoint, found.id);
    return expected.every((type) => story.webhooks.some((hook) => hook.event === type));
  });
  return story;
}

/** The order in `GET /api/v1/orders` (newest first) with this shop and store order number. */
async function findListed(api: ApiClient, played: PlayedOrder): Promise<OrderSummary | undefined> {
  const { data } = await api.get<{ data: OrderSummary[] }>("/api/v1/orders?limit=100");
  return data.find(
    (row) => row.shop_id === played.shopId && row.store_order_id === played.storeOrderRef,
  );
}

function eventsFor(endpoint: DemoEndpoint, orderId: string): ArrivedWebhook[] {
  return endpoint.receiver
    .events()
    .filter((entry) => entry.json.data.order_id === orderId)
    .map((entry) => ({
      event: entry.json.event,
      at: entry.at,
      verification: verifyDelivery(entry, endpoint.secret),
    }));
}

async function poll<T>(
  deadline: number,
  check: () => T | Promise<T>,
  intervalMs = 100,
): Promise<T | undefined> {
  for (;;) {
    const value = await check();
    if (value || Date.now() >= deadline) return value || undefined;
    await sleep(intervalMs);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
