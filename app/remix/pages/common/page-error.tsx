import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";

/** What went wrong, said plainly: the status decides the words, internals never show. */
export function errorState(error: unknown): { title: string; message: string } {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (status === 404) {
    return {
      title: "Not found",
      message: "There is nothing here, or it belongs to another account.",
    };
  }
  if (status === 403) {
    return {
      title: "Refused",
      message: "The form expired or did not come from this page. Reload the page and try again.",
    };
  }
  return {
    title: "Error",
    message: "Something went wrong on our side. It has been logged; try again in a moment.",
  };
}

/**
 * A standalone page's error state, inside the shell so the navigation stays: one page failing
 * leaves the others a click away.
 */
export function PageErrorBoundary() {
  const { title, message } = errorState(useRouteError());
  return (
    <Page title={title}>
      <Banner tone="critical" title={message}>
        <p>
          <Link to="/dashboard">Back to the overview</Link>
        </p>
      </Banner>
    </Page>
  );
}
