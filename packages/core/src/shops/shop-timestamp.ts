// Shops send ISO-8601 timestamps; `new Date` quietly rolls impossible ones over
// ("2026-02-30" becomes 2 March), which would record a date the shop never meant.
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * A shop's timestamp as a Date, or an Invalid Date when it is not ISO-8601 or names a day, hour
 * or minute that does not exist. Without an offset the time is read as UTC (WooCommerce's
 * `_gmt` fields say so in their name).
 */
export function parseShopTimestamp(text: string): Date {
  const parts = ISO_TIMESTAMP.exec(text);
  if (!parts) return new Date(NaN);

  const [, year, month, day, hour, minute, second] = parts.map(Number);
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
