/**
 * Security headers of the two dashboard shells. Their pages show revealed key codes, webhook
 * secrets and new API keys, so no cache keeps them. The standalone shell is never framed; the
 * embedded shell must stay frameable by the Shopify admin, whose library sets that page's
 * frame-ancestors itself, so only the headers that do not touch framing are added there.
 */
const EVERY_SHELL: Record<string, string> = {
  "Cache-Control": "no-store",
  "X-Content-Type-Options": "nosniff",
};

const STANDALONE: Record<string, string> = {
  ...EVERY_SHELL,
  "X-Frame-Options": "DENY",
  "Content-Security-Policy": "frame-ancestors 'none'",
  "Referrer-Policy": "same-origin",
};

export const standaloneShellHeaders = (answer: Promise<Response>) =>
  withHeaders(answer, STANDALONE);
export const embeddedShellHeaders = (answer: Promise<Response>) => withHeaders(answer, EVERY_SHELL);

async function withHeaders(
  answer: Promise<Response>,
  added: Record<string, string>,
): Promise<Response> {
  const response = await answer;
  // A copy: some responses (redirects among them) carry headers that cannot be changed.
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(added)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}
