import type { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { allowedMethods } from "../allowed-methods.ts";
import { ApiError } from "../api-error.ts";

const METHODS_WITH_BODY = new Set(["POST", "PATCH", "PUT"]);

/**
 * Bodies of the API are JSON: a POST, PATCH or PUT that carries one must say
 * `Content-Type: application/json` (a `charset`, if any, must be utf-8), or it is answered 415
 * UNSUPPORTED_MEDIA_TYPE before anything reads it. A request without a body needs no type.
 * Only requests that reach a route are judged, so unknown paths and methods keep their 404/405.
 */
export function requireJsonBodies(app: Pick<Hono, "routes">) {
  return createMiddleware(async (c, next) => {
    const method = c.req.method;
    if (!METHODS_WITH_BODY.has(method) || !hasBody(c.req.raw.headers)) return next();
    if (!allowedMethods(app, c.req.path).includes(method)) return next();

    const contentType = c.req.header("content-type");
    if (!isJson(contentType)) {
      throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json", {
        content_type: contentType ?? null,
        accepted: ["application/json"],
      });
    }
    return next();
  });
}

function hasBody(headers: Headers): boolean {
  if (headers.has("transfer-encoding")) return true;
  const length = headers.get("content-length");
  return length !== null && length.trim() !== "0";
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const [mediaType, ...parameters] = contentType.split(";").map((part) => part.trim());
  if (mediaType.toLowerCase() !== "application/json") return false;

  // JSON is UTF-8 (RFC 8259); any other declared charset would be read wrongly.
  const charset = parameters
    .map((parameter) => /^charset\s*=\s*"?([^"]*)"?$/i.exec(parameter)?.[1])
    .find((value) => value !== undefined);
  return charset === undefined || charset.toLowerCase() === "utf-8";
}
