import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { Banner, Page } from "@shopify/polaris";

const SERVER_ERROR = {
  title: "Error",
  message: "Something went wrong on our side. It has been logged; try again in a moment.",
};

/** The message of a refusal in the contract's envelope, if the error carries one. */
function envelopeMessage(data: unknown): string | undefined {
  const message = (data as { error?: { message?: unknown } } | null)?.error?.message;
  return typeof message === "string" ? message : undefined;
}

/**
 * What went wrong, said plainly: the status decides the words, internals never show. A request
 * we refused (4xx) says what was wrong with it; only real failures (5xx) get the server wording.
 */
export function errorState(error: unknown): { title: string; message: string } {
  if (!isRouteErrorResponse(error) || error.status >= 500) return SERVER_ERROR;
  const { status } = error;

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
  if (status === 405) {
    return { title: "Refused", message: "This page does not take form posts." };
  }
  const reason = (envelopeMessage(error.data) ?? "The request was not understood").replace(
    /\.$/,
    "",
  );
  return { title: "Refused", message: `${reason}. Reload the page and try again.` };
}

/**
 * A standalone page's error state, inside the shell so the navigation stays: one page failing
 * leaves the others a click away.
 */
export function PageErrorBoundary() {
  const error = useRouteError();
  const { title, message } = errorState(error);
  const tone = isRouteErrorResponse(error) && error.status < 500 ? "warning" : "critical";
  return (
    <Page title={title}>
      <Banner tone={tone} title={message}>
        <p>
          <Link to="/dashboard">Back to the overview</Link>
        </p>
      </Banner>
    </Page>
  );
}
