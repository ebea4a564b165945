import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadOrder, orderAction } from "../pages/orders/load-order.server";
import { OrderPage } from "../pages/orders/order-page";
import { embeddedScope } from "../shells/embedded-scope.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadOrder(context, await embeddedScope(request, context), params.orderId ?? "");
}

// Inside the admin, App Bridge sends the session token as a header with every form post, so
// the token itself is the proof the form came from our page.
export async function action({ request, context, params }: ActionFunctionArgs) {
  const scope = await embeddedScope(request, context);
  return orderAction(context, scope, params.orderId ?? "", await readForm(request, context));
}

export default function EmbeddedOrder() {
  return (
    <OrderPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}
