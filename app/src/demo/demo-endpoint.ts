import fs from "node:fs";
import path from "node:path";
import { EVENT_TYPES } from "@premiumcdkeys/core";
import { ApiCallError, type ApiClient, type WebhookEndpointJson } from "./api-client.ts";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.ts";

/** What the demo remembers of its endpoint; the API shows a secret only when it is created. */
type SavedEndpoint = { endpoint_id: string; url: string; secret: string };

export type DemoEndpoint = {
  receiver: WebhookReceiver;
  endpointId: string;
  secret: string;
  /** How the endpoint came about, for the demo's output. */
  origin: "created" | "reused" | "resumed";
};

const FILE = "demo-webhook.json";

/**
 * The demo's local receiver and its webhook endpoint, one per data folder: the receiver listens
 * again on the port of the previous run and the endpoint registered then is reused (resumed if
 * it was paused). Only when that port is taken or the endpoint is gone is a new one registered,
 * through the real API, for all five events.
 */
export async function connectDemoEndpoint(api: ApiClient, dataDir: string): Promise<DemoEndpoint> {
  const file = path.join(dataDir, FILE);
  const saved = readSaved(file);

  const receiver = saved ? await listenOn(new URL(saved.url).port) : undefined;
  const existing = saved ? await savedEndpoint(api, saved) : undefined;
  if (saved && receiver && existing) {
    if (existing.status === "paused") await api.post(`/api/v1/webhooks/${existing.id}/resume`);
    const origin = existing.status === "paused" ? "resumed" : "reused";
    return { receiver, endpointId: existing.id, secret: saved.secret, origin };
  }

  // The earlier run's endpoint points at a port this run cannot listen on: it would only fail
  // until it paused, so it goes before a new one is registered.
  if (existing) await api.delete(`/api/v1/webhooks/${existing.id}`);
  const fresh = receiver ?? (await startWebhookReceiver());
  const { data } = await api.post<{ data: WebhookEndpointJson & { secret: string } }>(
    "/api/v1/webhooks",
    { url: fresh.url, events: EVENT_TYPES },
  );
  const record: SavedEndpoint = { endpoint_id: data.id, url: data.url, secret: data.secret };
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + "\n", { mode: 0o600 });
  return { receiver: fresh, endpointId: data.id, secret: data.secret, origin: "created" };
}

function readSaved(file: string): SavedEndpoint | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as SavedEndpoint;
  } catch {
    return undefined;
  }
}

/** The receiver on the previous run's port, or undefined when something else holds it now. */
async function listenOn(port: string): Promise<WebhookReceiver | undefined> {
  try {
    return await startWebhookReceiver({ port: Number(port) });
  } catch {
    return undefined;
  }
}

/** The endpoint registered by an earlier run, unless it was deleted or now points elsewhere. */
async function savedEndpoint(api: ApiClient, saved: SavedEndpoint) {
  try {
    const path = `/api/v1/webhooks/${encodeURIComponent(saved.endpoint_id)}`;
    const { data } = await api.get<{ data: WebhookEndpointJson }>(path);
    return data.url === saved.url ? data : undefined;
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 404) return undefined;
    throw error;
  }
}
