import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { loadOverview } from "../pages/overview/load-overview.server";
import { OverviewPage } from "../pages/overview/overview-page";
import { embeddedScope } from "../shells/embedded-scope.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadOverview(context, await embeddedScope(request, context));
}

export default function EmbeddedOverview() {
  return <OverviewPage data={useLoaderData<typeof loader>()} />;
}
