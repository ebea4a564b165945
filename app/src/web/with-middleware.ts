import http, { type RequestListener, type ServerOptions } from "node:http";
import type { WebLayer } from "./web-layer.ts";

/** `http.createServer` with a Node middleware in front of the Hono listener. */
export function withMiddleware(middleware: NonNullable<WebLayer["nodeMiddleware"]>) {
  return ((options: ServerOptions, listener: RequestListener) =>
    http.createServer(options, (req, res) =>
      middleware(req, res, () => void listener(req, res)),
    )) as unknown as typeof http.createServer;
}
