import type { HeadersFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import { NavMenu } from "@shopify/app-bridge-react";
import { AppProvider } from "@shopify/shopify-app-remix/react";
import { boundary } from "@shopify/shopify-app-remix/server";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { requireShopify } from "../load-context";
import { NavigationSkeleton } from "../pages/common/navigation-skeleton";
import { SECTIONS } from "../shells/navigation";

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
      <NavMenu>
        {SECTIONS.map((section) => (
          <Link
            key={section.path}
            to={section.path ? `/app/${section.path}` : "/app"}
            rel={section.path ? undefined : "home"}
          >
            {section.label}
          </Link>
        ))}
      </NavMenu>
      <NavigationSkeleton base="/app">
        <Outlet />
      </NavigationSkeleton>
    </AppProvider>
  );
}

// Shopify's boundary keeps the library's redirects and App Bridge headers intact.
export function ErrorBoundary() {
  return boundary.error(useRouteError());
}

export const headers: HeadersFunction = (headersArgs) => boundary.headers(headersArgs);
