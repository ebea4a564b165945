import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadSettings, settingsAction } from "../pages/settings/load-settings.server";
import { SettingsPage } from "../pages/settings/settings-page";
import { dashboardFormScope, dashboardScope } from "../shells/operator-session.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadSettings(context, await dashboardScope(request, context));
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { scope, operator } = await dashboardFormScope(request, context, form);
  return settingsAction(context, scope, form, operator);
}

export default function DashboardSettings() {
  return (
    <SettingsPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
