import { isRouteErrorResponse, Link } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";
import { errorState } from "../pages/common/page-error";

/**
 * A page's refusal inside the Shopify admin: said plainly, no internals. The same words as the
 * standalone pages, except that what is not found belongs to another shop.
 */
export function EmbeddedErrorPage({ error }: { error: unknown }) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const state =
    status === 404
      ? { title: "Not found", message: "There is nothing here, or it belongs to another shop." }
      : errorState(error);
  return (
    <Page title={state.title}>
      <Banner tone={status < 500 ? "warning" : "critical"} title={state.message}>
        <p>
          <Link to="/app">Back to the app's home</Link>
        </p>
      </Banner>
    </Page>
  );
}
