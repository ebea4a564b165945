import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { loadSettings, settingsAction } from "../pages/settings/load-settings.server";
import { SettingsPage } from "../pages/settings/settings-page";
import { CLIENT_ADDRESS_HEADER } from "../shells/client-address";
import { dashboardFormScope, dashboardSession } from "../shells/operator-session.server";
import { readForm } from "../shells/read-form.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { scope, operator } = await dashboardSession(request, context);
  return loadSettings(context, scope, operator.operatorId);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { scope, operator } = await dashboardFormScope(request, context, form);
  const ip = request.headers.get(CLIENT_ADDRESS_HEADER) ?? undefined;
  const result = await settingsAction(context, scope, form, { operator, ip });
  // A refused form answers with its status (a wrong password 400, too many 429, another
  // account's team member 404), the page showing why.
  return json(result, { status: (!result.ok && result.status) || 200 });
}

export default function DashboardSettings() {
  return (
    <SettingsPage data={useLoaderData<typeof loader>()} result={useActionData<typeof action>()} />
  );
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
