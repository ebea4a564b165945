import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadOrder, orderAction } from "../pages/orders/load-order.server";
import { OrderPage } from "../pages/orders/order-page";
import { dashboardFormScope, dashboardScope } from "../shells/operator-session.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  return loadOrder(context, await dashboardScope(request, context), params.orderId ?? "");
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { scope } = await dashboardFormScope(request, context, form);
  return orderAction(context, scope, params.orderId ?? "", form);
}

export default function DashboardOrder() {
  return (
    <OrderPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
