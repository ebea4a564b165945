import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadOrders } from "../pages/orders/load-orders.server";
import { OrdersPage } from "../pages/orders/orders-page";
import { embeddedScope } from "../shells/embedded-scope.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadOrders(context, await embeddedScope(request, context), request);
}

export default function EmbeddedOrders() {
  return <OrdersPage data={useLoaderData<typeof loader>()} />;
}
