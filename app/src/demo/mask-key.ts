/**
 * A key as the demo prints it: the first group stays readable so keys can be told apart, the
 * rest is starred. "ABCDE-FGHJK-LMNPQ" -> "ABCDE-*****-*****".
 */
export function maskKey(code: string): string {
  const groups = code.split("-");
  if (groups.length > 1) return [groups[0], ...groups.slice(1).map(stars)].join("-");
  return code.slice(0, 4) + stars(code.slice(4));
}

/** Masks every key of `keys` wherever it occurs in `text` (a file name, a mail line). */
export function maskKeysIn(text: string, keys: string[]): string {
  return keys.reduce((masked, key) => masked.split(key).join(maskKey(key)), text);
}

function stars(text: string): string {
  return "*".repeat(text.length);
}
