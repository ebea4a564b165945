import type { ActionFunctionArgs } from "@remix-run/node";
import { requireShopify } from "../load-context";

/** The Thank-you and Order status blocks ask here for an order's keys (and its CORS preflight). */
export async function action({ request, context }: ActionFunctionArgs) {
  return requireShopify(context).orderKeysForExtension(request);
}
