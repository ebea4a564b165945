import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadShops, shopsAction } from "../pages/shops/load-shops.server";
import { ShopsPage } from "../pages/shops/shops-page";
import { dashboardFormScope, dashboardScope } from "../shells/operator-session.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadShops(context, await dashboardScope(request, context));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { scope } = await dashboardFormScope(request, context, form);
  return shopsAction(context, scope, form);
}

export default function DashboardShops() {
  return (
    <ShopsPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
