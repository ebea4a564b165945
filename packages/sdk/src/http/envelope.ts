import { InvalidResponseError } from "../errors.ts";
import type { Page } from "../types.ts";

/** The `data` of a success answer; an answer without one is not the API's. */
export function dataOf<T>(json: unknown): T {
  if (typeof json !== "object" || json === null || !("data" in json)) {
    throw new InvalidResponseError("The answer has no data", "INVALID_RESPONSE");
  }
  return json.data as T;
}

/** `{ data: [...], meta }` of a list answer. */
export function pageOf<T>(json: unknown): Page<T> {
  const data = dataOf<unknown>(json);
  const meta = (json as { meta?: unknown }).meta;
  if (!Array.isArray(data) || typeof meta !== "object" || meta === null) {
    throw new InvalidResponseError("The answer is not a page of results", "INVALID_RESPONSE");
  }
  return { data: data as T[], meta: meta as Page<T>["meta"] };
}
