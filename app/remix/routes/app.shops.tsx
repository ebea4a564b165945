import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadShops, shopsAction } from "../pages/shops/load-shops.server";
import { ShopsPage } from "../pages/shops/shops-page";
import { embeddedScope } from "../shells/embedded-scope.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadShops(context, await embeddedScope(request, context));
}

export async function action({ request, context }: ActionFunctionArgs) {
  // App Bridge sends the session token as a header with the post: no form token needed.
  const scope = await embeddedScope(request, context);
  const form = await readForm(request, context);
  return shopsAction(context, scope, form);
}

export default function EmbeddedShops() {
  return (
    <ShopsPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}
