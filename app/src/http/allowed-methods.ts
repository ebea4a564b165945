import type { Hono } from "hono";

type RouteTable = { routes: Hono["routes"] };

/**
 * The methods the app answers on `path`, for the 405 answer's `Allow` header: every registered
 * route whose pattern matches, middleware (method ALL) left out. Empty when no route matches,
 * which makes the answer a 404 instead.
 */
export function allowedMethods(app: RouteTable, path: string): string[] {
  const methods = new Set<string>();
  for (const route of app.routes) {
    if (route.method === "ALL") continue;
    if (patternOf(route.path).test(path)) methods.add(route.method);
  }
  if (methods.has("GET")) methods.add("HEAD");
  return [...methods].sort();
}

const patterns = new Map<string, RegExp>();

function patternOf(routePath: string): RegExp {
  let pattern = patterns.get(routePath);
  if (!pattern) {
    const source = routePath
      .replace(/\/$/, "")
      .split("/")
      .map((part) => (part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
      .join("/");
    // Exact paths only: the router does not match "/orders/", so neither may the 405 answer.
    pattern = new RegExp(`^${source || "/"}$`);
    patterns.set(routePath, pattern);
  }
  return pattern;
}
