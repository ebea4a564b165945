import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Outlet,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { requireShopify } from "../load-context";
import { NavigationSkeleton } from "../pages/common/navigation-skeleton";
import { EmbeddedErrorPage } from "../shells/embedded-error-page";
import { AppNavMenu } from "../shells/app-nav-menu";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta = () => [{ title: "PremiumCDKeys" }];

/** The embedded shell: App Bridge, Polaris and the admin's app navigation around every page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const shopify = requireShopify(context);
  await shopify.app.authenticate.admin(request);
  return { apiKey: shopify.apiKey };
}

export default function EmbeddedShell() {
  const { apiKey } = useLoaderData<typeof loader>();
  return (
    <AppProvider isEmbeddedApp apiKey={apiKey}>
      <AppNavMenu />
      <NavigationSkeleton base="/app">
        <Outlet />
      </NavigationSkeleton>
    </AppProvider>
  );
}

/**
 * Shopify's library answers with responses of its own (its bounce page, say): its boundary
 * renders them as they are. Our pages' refusals carry the contract's JSON envelope, which that
 * boundary cannot render, so they get a page of their own inside the shell, its menu kept.
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const shell = useRouteLoaderData<typeof loader>("routes/app");
  if (isRouteErrorResponse(error) && typeof error.data === "string") return boundary.error(error);

  // Without the shell's loader data (it refused the request itself) there is no App Bridge.
  return (
    <AppProvider isEmbeddedApp={Boolean(shell)} apiKey={shell?.apiKey ?? ""}>
      {shell ? <AppNavMenu /> : null}
      <EmbeddedErrorPage error={error} />
    </AppProvider>
  );
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
