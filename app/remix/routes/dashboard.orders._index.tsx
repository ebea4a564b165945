import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadOrders } from "../pages/orders/load-orders.server";
import { OrdersPage } from "../pages/orders/orders-page";
import { dashboardScope } from "../shells/operator-session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadOrders(context, await dashboardScope(request, context), request);
}

export default function DashboardOrders() {
  return <OrdersPage data={useLoaderData<typeof loader>()} />;
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
