import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadWebhooks, webhooksAction } from "../pages/webhooks/load-webhooks.server";
import { WebhooksPage } from "../pages/webhooks/webhooks-page";
import { embeddedScope } from "../shells/embedded-scope.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadWebhooks(context, await embeddedScope(request, context));
}

export async function action({ request, context }: ActionFunctionArgs) {
  // App Bridge sends the session token as a header with the post: no form token needed.
  const scope = await embeddedScope(request, context);
  const form = await readForm(request, context);
  return webhooksAction(context, scope, form);
}

export default function EmbeddedWebhooks() {
  return (
    <WebhooksPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}
