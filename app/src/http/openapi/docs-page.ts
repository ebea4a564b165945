/**
 * The rendered API reference: Swagger UI from our own server, reading our own document. The
 * online validator badge is switched off (`validatorUrl: null`), so the page sends the
 * document nowhere.
 */
export function docsPage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>PremiumCDKeys API v1</title>
    <link rel="stylesheet" href="/api/v1/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="api"></div>
    <script src="/api/v1/docs/swagger-ui-bundle.js"></script>
    <script src="/api/v1/docs/start.js"></script>
  </body>
</html>
`;
}

/** Inline scripts would need a looser Content-Security-Policy; this one is served as a file. */
export const DOCS_START_SCRIPT = `window.ui = SwaggerUIBundle({
  url: "/api/v1/openapi.json",
  dom_id: "#api",
  validatorUrl: null,
  tryItOutEnabled: false,
});
`;
