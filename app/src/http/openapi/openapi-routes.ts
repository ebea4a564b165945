import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Hono } from "hono";
import { errorResponse } from "../api-error.ts";
import { DOCS_START_SCRIPT, docsPage } from "./docs-page.ts";

/** The committed document, served byte for byte as it is in the repository. */
export const OPENAPI_FILE = path.resolve(import.meta.dirname, "../../../../openapi/openapi.json");

const require = createRequire(import.meta.url);
const SWAGGER_UI_DIR = path.dirname(require.resolve("swagger-ui-dist/package.json"));
const DOCS_ASSETS: Record<string, string> = {
  "swagger-ui.css": "text/css; charset=utf-8",
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
};

/** `GET /api/v1/openapi.json` and a rendered view at `/api/v1/docs`, both without a key. */
export function openApiRoutes() {
  const document = fs.readFileSync(OPENAPI_FILE, "utf8");
  const routes = new Hono();

  routes.get("/openapi.json", (c) => {
    c.header("Content-Type", "application/json");
    return c.body(document);
  });

  routes.get("/docs", (c) => c.html(docsPage()));
  routes.get("/docs/start.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    return c.body(DOCS_START_SCRIPT);
  });

  // The viewer's files come from the installed swagger-ui-dist package, never from a CDN.
  routes.get("/docs/:asset", (c) => {
    const asset = c.req.param("asset");
    const type = DOCS_ASSETS[asset];
    if (!type) return errorResponse(c, 404, "NOT_FOUND", "No such resource");
    c.header("Content-Type", type);
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(fs.readFileSync(path.join(SWAGGER_UI_DIR, asset)));
  });

  return routes;
}
