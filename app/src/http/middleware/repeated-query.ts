import type { Context } from "hono";
import { ApiError } from "../api-error.ts";

/**
 * A 400 naming every query parameter given more than once (`status=a&status=b`): each takes
 * one value, and quietly using the first would answer a question the caller did not ask.
 */
export function refuseRepeatedQuery(c: Context): void {
  const repeated = Object.entries(c.req.queries())
    .filter(([, values]) => values.length > 1)
    .map(([name]) => name);
  if (repeated.length === 0) return;

  throw new ApiError(400, "VALIDATION_ERROR", `Invalid ${repeated.join(", ")}`, {
    fields: repeated.map((field) => ({ field, message: "Give this parameter once" })),
  });
}
