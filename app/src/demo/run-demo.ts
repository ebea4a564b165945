import type { DemoAccount, Platform } from "@premiumcdkeys/core";
import { apiClient } from "./api-client.ts";
import { connectDemoEndpoint, type DemoEndpoint } from "./demo-endpoint.ts";
import { followOrder, type OrderStory } from "./follow-order.ts";
import { playOrders } from "./play-orders.ts";
import { printStory } from "./print-story.ts";

type Say = (line: string) => void;

const ORDER_TIMEOUT_MS = 45_000;

/**
 * The walk through the main job, over HTTP like any shop and integrator: a webhook endpoint for
 * the local receiver, the fixture orders sent signed, then each order's journey.
 */
export async function runDemo(
  platform: Platform,
  baseUrl: string,
  demo: DemoAccount,
  say: Say,
): Promise<DemoEndpoint> {
  const api = apiClient(baseUrl, demo.api_key);
  const endpoint = await connectDemoEndpoint(api, platform.config.dataDir);
  const how = {
    created: "registered now through POST /api/v1/webhooks",
    reused: "registered by an earlier run, reused",
    resumed: "registered by an earlier run, resumed",
  }[endpoint.origin];
  say(`Receiver     ${endpoint.receiver.url}`);
  say(`             webhook endpoint ${endpoint.endpointId} (${how}), all five events`);
  say("");

  say("Sending shop webhooks, signed like the shops sign them:");
  const played = await playOrders(platform, baseUrl, demo, say);
  say("");

  say("Waiting for the worker to buy, store, deliver and announce...");
  say("");
  const stories = await Promise.all(
    played.map((order) => followOrder(platform, api, endpoint, order, ORDER_TIMEOUT_MS)),
  );
  for (const story of stories) printStory(story, say);
  say(summary(stories));
  return endpoint;
}

function summary(stories: OrderStory[]): string {
  const asExpected = stories.filter((story) => story.detail?.status === story.played.expected);
  const delivered = asExpected.filter((story) => story.played.expected === "delivered").length;
  const failed = asExpected.length - delivered;
  const hooks = stories.flatMap((story) => story.webhooks);
  const verified = hooks.filter((hook) => hook.verification.ok).length;

  const orders = `${delivered} orders delivered, ${failed} failed as intended`;
  const signatures =
    verified === hooks.length
      ? "all signatures verified"
      : `${hooks.length - verified} NOT verified`;
  const complete =
    asExpected.length === stories.length && verified === hooks.length && hooks.length > 0;
  const outcome = complete ? "Demo complete" : "Demo finished with problems";
  return `${outcome}: ${orders}; ${hooks.length} webhooks received, ${signatures}.`;
}
