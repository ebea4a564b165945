import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadProducts, productsAction } from "../pages/products/load-products.server";
import { ProductsPage } from "../pages/products/products-page";
import { embeddedScope } from "../shells/embedded-scope.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadProducts(context, await embeddedScope(request, context), request);
}

export async function action({ request, context }: ActionFunctionArgs) {
  // App Bridge sends the session token as a header with the post: no form token needed.
  const scope = await embeddedScope(request, context);
  const form = await readForm(request, context);
  return productsAction(context, scope, form);
}

export default function EmbeddedProducts() {
  return (
    <ProductsPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}
