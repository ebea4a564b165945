import { Link } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";

const TITLES: Record<number, string> = { 400: "Refused", 404: "Not found" };

const MESSAGES: Record<number, string> = {
  400: "The request was not understood. Reload the page and try again.",
  404: "There is nothing here, or it belongs to another shop.",
};

/** A page's refusal inside the Shopify admin: said plainly, no internals. */
export function EmbeddedErrorPage({ status }: { status: number }) {
  const message =
    MESSAGES[status] ?? "Something went wrong on our side. It has been logged; try again soon.";
  return (
    <Page title={TITLES[status] ?? "Error"}>
      <Banner tone="critical" title={message}>
        <p>
          <Link to="/app">Back to the app's home</Link>
        </p>
      </Banner>
    </Page>
  );
}
