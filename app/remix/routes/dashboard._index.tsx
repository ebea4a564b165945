import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadOverview } from "../pages/overview/load-overview.server";
import { OverviewPage } from "../pages/overview/overview-page";
import { dashboardScope } from "../shells/operator-session.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadOverview(context, await dashboardScope(request, context));
}

export default function DashboardOverview() {
  return <OverviewPage data={useLoaderData<typeof loader>()} />;
}

export { PageErrorBoundary as ErrorBoundary } from "../pages/common/page-error";
