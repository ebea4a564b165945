import type { ActionFunctionArgs } from "@remix-run/node";
import { requireShopify } from "../load-context";

/** The subscriptions of shopify.app.toml: /webhooks/app/orders, /uninstalled, /compliance. */
const KINDS = new Set(["orders", "uninstalled", "compliance"]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  if (!KINDS.has(params.kind ?? "")) {
    return Response.json(
      { error: { code: "NOT_FOUND", message: "No such webhook receiver", details: {} } },
      { status: 404 },
    );
  }
  return requireShopify(context).receiveAppWebhook(request);
}

export function loader() {
  return Response.json(
    { error: { code: "METHOD_NOT_ALLOWED", message: "Webhooks are POST requests", details: {} } },
    { status: 405 },
  );
}
