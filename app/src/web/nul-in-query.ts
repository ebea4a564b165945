import type { Logger } from "@premiumcdkeys/core";

/**
 * A 400 for a page request whose query carries a NUL byte (`?q=%00`), answered before any
 * loader passes it to PostgreSQL, which refuses NUL in text. Remix's data requests (`_data`)
 * get the contract's envelope, pages a short page that says what was wrong.
 */
export function nulInQueryRefusal(request: Request, log: Logger): Response | undefined {
  const url = new URL(request.url);
  const field = [...url.searchParams].find(
    ([name, value]) => name.includes("\0") || value.includes("\0"),
  )?.[0];
  if (field === undefined) return undefined;

  const name = field.replaceAll("\0", "\\0");
  log.warn({ path: url.pathname, field: name, reason: "nul" }, "dashboard query refused");
  const message = `The query value ${name} contains a NUL character`;
  if (url.searchParams.has("_data")) {
    return Response.json(
      { error: { code: "VALIDATION_ERROR", message, details: { field: name } } },
      { status: 400 },
    );
  }
  const page =
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Refused</title></head>` +
    `<body><main><h1>Refused</h1><p>${escapeHtml(message)}. Remove it from the address and ` +
    `try again.</p><p><a href="${escapeHtml(url.pathname)}">Open the page without the query</a>` +
    `</p></main></body></html>`;
  return new Response(page, { status: 400, headers: { "content-type": "text/html" } });
}

function escapeHtml(text: string): string {
  const entities: Record<string, string> = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    '"': "&quot;",
    "'": "&#39;",
  };
  return text.replace(/[&<>"']/g, (char) => entities[char] ?? char);
}
