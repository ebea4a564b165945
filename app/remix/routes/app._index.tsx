import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { HomePage } from "../pages/home/home-page";
import { loadHome } from "../pages/home/load-home.server";
import { embeddedScope } from "../shells/embedded-scope.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  return loadHome(context, await embeddedScope(request, context));
}

export default function EmbeddedHome() {
  return <HomePage data={useLoaderData<typeof loader>()} />;
}
