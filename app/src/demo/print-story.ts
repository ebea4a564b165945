import { currencyDecimals } from "@premiumcdkeys/core";
import type { OrderDetail } from "./api-client.ts";
import type { OrderStory } from "./follow-order.ts";
import { maskKey, maskKeysIn } from "./mask-key.ts";

type Say = (line: string) => void;

/** Prints one order's journey: outcome, lines and units, the customer mail, the webhooks. */
export function printStory(story: OrderStory, say: Say): void {
  const { played, detail } = story;
  // Shopify's order names carry their "#"; WooCommerce numbers do not.
  const reference =
    played.platform === "Shopify" ? played.storeOrderRef : `#${played.storeOrderRef}`;
  const title = `${played.platform} order ${reference}`;
  if (!detail) {
    say(`${title}: not seen in GET /api/v1/orders in time; see the server log.`);
    return;
  }

  const asExpected = detail.status === played.expected;
  const outcome = story.settled ? detail.status : `still ${detail.status} (gave up waiting)`;
  const remark =
    asExpected && played.note ? `, as intended: ${played.note}` : asExpected ? "" : " (unexpected)";
  say(`${title}: ${outcome}${remark}`);
  say(`  Order      ${detail.id}  (GET /api/v1/orders/${detail.id})`);
  say(
    `  Customer   ${detail.customer_email ?? "no email"}, ` +
      `paid ${money(detail.total, detail.currency)}`,
  );
  if (detail.failure) say(`  Failure    ${detail.failure.code}: ${detail.failure.message ?? ""}`);

  printLines(story, detail, say);
  printMails(story, say);
  printWebhooks(story, say);
  say("");
}

function printLines(story: OrderStory, detail: OrderDetail, say: Say): void {
  for (const line of detail.lines) {
    const name = line.product?.name ?? line.name;
    say(`  ${line.quantity} x ${name.padEnd(40)} ${money(line.unit_price, detail.currency)} each`);
    for (const purchase of line.purchases) {
      const key = story.keys.get(purchase.id);
      const cost =
        purchase.cost === null
          ? "no cost"
          : `cost ${money(purchase.cost, purchase.currency ?? detail.currency)}`;
      const held = key ? `key ${maskKey(key)}` : `no key (${purchase.last_error ?? "not bought"})`;
      say(
        `      unit ${purchase.unit + 1}  ${purchase.status.padEnd(9)} ` +
          `${purchase.supplier ?? "-"}  ${cost}  ${held}`,
      );
    }
  }
}

function printMails(story: OrderStory, say: Say): void {
  if (story.mails.length === 0) {
    say(`  Email      none${story.detail?.status === "delivered" ? "" : " (nothing to deliver)"}`);
    return;
  }
  const keys = [...story.keys.values()];
  for (const mail of story.mails) {
    const carried = keys.filter((key) => mail.raw.includes(key)).length;
    const subject = maskKeysIn(mail.subject, keys);
    say(`  Email      "${subject}" to ${mail.recipient} (in the outbox)`);
    say(`             carries ${carried} of ${keys.length} keys: ${keys.map(maskKey).join(", ")}`);
  }
}

function printWebhooks(story: OrderStory, say: Say): void {
  if (story.webhooks.length === 0) {
    say("  Webhooks   none received");
    return;
  }
  const start = story.webhooks[0].at;
  story.webhooks.forEach((hook, index) => {
    const label = index === 0 ? "  Webhooks  " : "            ";
    const elapsed = `+${((hook.at - start) / 1000).toFixed(2)} s`;
    const check = hook.verification.ok
      ? "signature verified (X-PCDKeys-Signature and webhook-signature)"
      : `signature NOT verified: ${hook.verification.problems.join("; ")}`;
    say(`${label} ${elapsed.padStart(8)}  ${hook.event.padEnd(16)} ${check}`);
  });
}

function money(amount: number, currency: string): string {
  return `${amount.toFixed(currencyDecimals(currency))} ${currency}`;
}
