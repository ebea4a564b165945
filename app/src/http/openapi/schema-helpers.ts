// Small builders for JSON Schema (OpenAPI 3.1 dialect), so the document reads like the API.
export type Schema = Record<string, unknown>;

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
export const str = (description?: string, extra: Schema = {}): Schema => ({
  type: "string",
  ...(description ? { description } : {}),
  ...extra,
});
export const uuid = (description?: string) => str(description, { format: "uuid" });
export const dateTime = (description?: string) => str(description, { format: "date-time" });
export const int = (description?: string, extra: Schema = {}): Schema => ({
  type: "integer",
  ...(description ? { description } : {}),
  ...extra,
});
export const num = (description?: string): Schema => ({
  type: "number",
  ...(description ? { description } : {}),
});
export const bool = (description?: string): Schema => ({
  type: "boolean",
  ...(description ? { description } : {}),
});
export const oneOfValues = (values: readonly string[], description?: string) =>
  str(description, { enum: [...values] });
export const arrayOf = (items: Schema, description?: string): Schema => ({
  type: "array",
  items,
  ...(description ? { description } : {}),
});

/** The schema or null (3.1 writes nullability as a second type). */
export function nullable(schema: Schema): Schema {
  if (typeof schema.type === "string") return { ...schema, type: [schema.type, "null"] };
  return { oneOf: [schema, { type: "null" }] };
}

/**
 * An object whose every property is required unless listed in `optional`, with no others:
 * a field the server adds without documenting it fails the response validation in the tests.
 */
export function object(
  properties: Record<string, Schema>,
  options: { optional?: string[]; description?: string; open?: boolean } = {},
): Schema {
  return {
    type: "object",
    ...(options.description ? { description: options.description } : {}),
    properties,
    required: Object.keys(properties).filter((name) => !options.optional?.includes(name)),
    additionalProperties: options.open ?? false,
  };
}
