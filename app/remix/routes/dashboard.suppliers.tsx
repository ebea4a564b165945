import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadSuppliers, suppliersAction } from "../pages/suppliers/load-suppliers.server";
import { SuppliersPage } from "../pages/suppliers/suppliers-page";
import { dashboardFormScope, dashboardScope } from "../shells/operator-session.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadSuppliers(context, await dashboardScope(request, context));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { scope } = await dashboardFormScope(request, context, form);
  return suppliersAction(context, scope, form);
}

export default function DashboardSuppliers() {
  return (
    <SuppliersPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
