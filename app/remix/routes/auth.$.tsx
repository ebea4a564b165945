import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireShopify } from "../load-context";

/** Shopify's auth paths (the session-token bounce page among them), answered by its library. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireShopify(context).app.authenticate.admin(request);
  return null;
}
