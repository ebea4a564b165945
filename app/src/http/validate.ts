import { z } from "zod";
import { ApiError } from "./api-error.ts";

/** Parses with a schema declared beside the route; a failure is a 400 naming the fields. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const withNul = pathOfNulCharacter(input);
  if (withNul !== undefined) {
    // PostgreSQL text cannot hold U+0000: refused here rather than failing in the database.
    throw invalidFields([{ field: withNul, message: "Must not contain the character U+0000" }]);
  }

  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw invalidFields(
    result.error.issues.flatMap((issue) => {
      const at = issue.path.join(".");
      // An unknown field is named itself, not by the object that holds it.
      if (issue.code === "unrecognized_keys") {
        return issue.keys.map((key) => ({
          field: at ? `${at}.${key}` : key,
          message: "Unknown field",
        }));
      }
      return [{ field: at || "body", message: issue.message }];
    }),
  );
}

function invalidFields(fields: { field: string; message: string }[]): ApiError {
  const names = [...new Set(fields.map((f) => f.field))].join(", ");
  return new ApiError(400, "VALIDATION_ERROR", `Invalid ${names}`, { fields });
}

/** The dotted path of the first string (or object key) holding U+0000, if any. */
function pathOfNulCharacter(value: unknown, path: string[] = []): string | undefined {
  if (typeof value === "string") return value.includes("\0") ? path.join(".") || "body" : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\0")) return [...path, "(key)"].join(".");
    const found = pathOfNulCharacter(child, [...path, key]);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The body of an operation whose fields are all optional: no body at all reads as `{}`, anything
 * else is JSON checked by `schema` (a 400 naming what is wrong).
 */
export async function optionalJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<z.infer<T>> {
  const text = await request.text();
  return validate(schema, text.trim() === "" ? {} : parseJsonText(text));
}

const NO_FIELDS = z.strictObject({});

/** For operations that take no fields: nothing or `{}`, and any field is a 400 naming it. */
export async function refuseAnyFields(request: Request): Promise<void> {
  await optionalJsonBody(request, NO_FIELDS);
}

/** A JSON body, or a 400 when it is not JSON. */
export async function jsonBody(request: Request): Promise<unknown> {
  return parseJsonText(await request.text());
}

// No request body of the API nests deeper than a few levels; a deeper one is refused before
// anything walks it recursively.
const MAX_JSON_DEPTH = 32;

/** JSON text, or a 400 MALFORMED_JSON. */
export function parseJsonText(text: string): unknown {
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    throw new ApiError(
      400,
      "MALFORMED_JSON",
      `The body nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "MALFORMED_JSON", "The body is not valid JSON");
  }
}

/** The deepest bracket nesting of JSON text, counted without parsing (strings skipped). */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (inString) {
      if (char === "\\") index++;
      else if (char === '"') inString = false;
    } else if (char === '"') inString = true;
    else if (char === "[" || char === "{") deepest = Math.max(deepest, ++depth);
    else if (char === "]" || char === "}") depth--;
  }
  return deepest;
}
