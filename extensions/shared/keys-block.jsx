import { useEffect, useState } from "preact/hooks";
import { APP_URL } from "./app-url.js";

// Growing pauses between questions while keys are on their way; it gives up after ten minutes.
const PAUSES_MS = [2000, 3000, 5000, 10000, 20000, 30000];
const GIVE_UP_MS = 10 * 60_000;

/** The order's keys from the app backend, with a waiting state and a pre-order message. */
export function KeysBlock({ orderId, checkoutToken }) {
  const [answer, setAnswer] = useState({ state: "waiting", keys: [] });

  useEffect(() => {
    let stopped = false;
    let attempt = 0;
    const started = Date.now();

    async function ask() {
      const id = orderId();
      if (id) {
        const next = await fetchKeys(id, checkoutToken());
        if (stopped) return;
        setAnswer(next);
        if (next.state === "ready" || next.state === "unavailable") return;
      }
      if (Date.now() - started > GIVE_UP_MS) return;
      setTimeout(ask, PAUSES_MS[Math.min(attempt++, PAUSES_MS.length - 1)]);
    }

    void ask();
    return () => {
      stopped = true;
    };
  }, []);

  if (answer.state === "ready") {
    return (
      <s-stack gap="base">
        <s-heading>Your keys</s-heading>
        {answer.keys.map((key, index) => (
          <s-stack key={index} gap="small-100">
            <s-text type="strong">{key.product}</s-text>
            {key.kind === "text" ? (
              <s-text>{key.code}</s-text>
            ) : (
              <s-text>This key is an image: it is in your email.</s-text>
            )}
          </s-stack>
        ))}
      </s-stack>
    );
  }
  if (answer.state === "preorder") {
    return (
      <s-banner tone="warning" heading="Pre-order">
        This product is not in stock yet. Your key is sent to you by email as soon as it is.
      </s-banner>
    );
  }
  if (answer.state === "unavailable") {
    return (
      <s-banner tone="critical" heading="Your keys could not be shown here">
        Please contact the shop; they can see what happened to your order.
      </s-banner>
    );
  }
  return (
    <s-banner tone="info" heading="Your keys are on their way">
      They appear here in a moment and are emailed to you as well.
    </s-banner>
  );
}

async function fetchKeys(orderId, checkoutToken) {
  try {
    const token = await shopify.sessionToken.get();
    const response = await fetch(`${APP_URL}/extensions/order-keys`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ order_id: orderId, checkout_token: checkoutToken }),
    });
    // 404 also means the order's webhook has not arrived yet: keep waiting.
    if (!response.ok) return { state: "waiting", keys: [] };
    return await response.json();
  } catch {
    return { state: "waiting", keys: [] };
  }
}
