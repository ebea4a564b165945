import type { NoteKey } from "@premiumcdkeys/core";

/**
 * The customer note that carries an order's keys: one "Product: KEY" line per key. WooCommerce
 * emails it to the customer and shows it on their order page.
 */
export function composeKeyNote(keys: NoteKey[]): string {
  const lines = keys.map((key) => `${oneLine(key.productName)}: ${key.code}`);
  const heading = keys.length === 1 ? "Your key:" : "Your keys:";
  return [heading, ...lines, "", "Please keep this note: it is your copy of the keys."].join("\n");
}

/** True when the notes already hold every key, so a retried delivery does not note them twice. */
export function notesHoldKeys(notes: string[], keys: NoteKey[]): boolean {
  return keys.every((key) => notes.some((note) => note.includes(key.code)));
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, " ").trim();
}
