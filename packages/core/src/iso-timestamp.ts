// `new Date` quietly rolls impossible timestamps over ("2026-02-30" becomes 2 March, "24:00"
// the next day), which would record or filter by a moment nobody meant.
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * An ISO-8601 date-time as a Date, or an Invalid Date when it is not one or names a day, hour,
 * minute or second that does not exist. Without an offset the time is read as UTC (WooCommerce's
 * `_gmt` fields say so in their name). Used for what shops send and what API callers filter by.
 */
export function parseIsoTimestamp(text: string): Date {
  const parts = ISO_TIMESTAMP.exec(text);
  if (!parts) return new Date(NaN);

  const [year, month, day, hour, minute, second] = parts
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  const calendar = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const exists =
    calendar.getUTCFullYear() === year &&
    calendar.getUTCMonth() === month - 1 &&
    calendar.getUTCDate() === day &&
    calendar.getUTCHours() === hour &&
    calendar.getUTCMinutes() === minute &&
    calendar.getUTCSeconds() === second;
  if (!exists) return new Date(NaN);

  return new Date(parts[8] ? text : `${text}Z`);
}
