/**
 * One id as a path segment. Ids are encoded, and the ones a URL would resolve as a path step
 * (`.`, `..`, empty) are refused, so an id can never point a request at another endpoint.
 */
export function pathSegment(name: string, id: unknown): string {
  if (typeof id !== "string" && typeof id !== "number") {
    throw new TypeError(`PremiumCDKeys: ${name} must be a string`);
  }
  const text = String(id);
  if (text === "" || text === "." || text === "..") {
    throw new TypeError(`PremiumCDKeys: ${name} is not a valid id: ${JSON.stringify(text)}`);
  }
  return encodeURIComponent(text);
}
