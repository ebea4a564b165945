import type { z } from "zod";
import { ApiError } from "./api-error.ts";

/** Parses with a schema declared beside the route; a failure is a 400 naming the fields. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({
    field: issue.path.join("."),
    message: issue.message,
  }));
  throw new ApiError(400, "VALIDATION_ERROR", `Invalid ${fields.map((f) => f.field).join(", ")}`, {
    fields,
  });
}

/** A JSON body, or a 400 when it is not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiError(400, "MALFORMED_JSON", "The body is not valid JSON");
  }
}
