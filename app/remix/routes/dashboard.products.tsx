import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadProducts, productsAction } from "../pages/products/load-products.server";
import { ProductsPage } from "../pages/products/products-page";
import { dashboardFormScope, dashboardScope } from "../shells/operator-session.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadProducts(context, await dashboardScope(request, context), request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { scope } = await dashboardFormScope(request, context, form);
  return productsAction(context, scope, form);
}

export default function DashboardProducts() {
  return (
    <ProductsPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
