import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadSettings, settingsAction } from "../pages/settings/load-settings.server";
import { SettingsPage } from "../pages/settings/settings-page";
import { embeddedScope } from "../shells/embedded-scope.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadSettings(context, await embeddedScope(request, context));
}

export async function action({ request, context }: ActionFunctionArgs) {
  // App Bridge sends the session token as a header with the post: no form token needed.
  const scope = await embeddedScope(request, context);
  const form = await readForm(request, context);
  return settingsAction(context, scope, form);
}

export default function EmbeddedSettings() {
  return (
    <SettingsPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}
