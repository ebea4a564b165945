import type { Context } from "hono";
import { asId } from "@premiumcdkeys/core";
import type { ApiError } from "./api-error.ts";

/** A path parameter that must be one of our ids; anything else is the route's not-found error. */
export function pathId(c: Context, name: string, notFound: () => ApiError): string {
  const id = asId(c.req.param(name) ?? "");
  if (!id) throw notFound();
  return id;
}
