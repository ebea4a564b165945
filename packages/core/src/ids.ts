const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Our ids are UUIDs. Anything else in a path cannot name a row, and is answered as not found
 * before it reaches the database (which refuses some bytes, such as NUL, with an error).
 */
export function asId(value: string): string | undefined {
  return UUID.test(value) ? value.toLowerCase() : undefined;
}
