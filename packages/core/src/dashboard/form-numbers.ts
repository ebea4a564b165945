import { currencyDecimals, toMinorUnits } from "../money.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const SIGNED_WHOLE = /^-?\d+$/;

/**
 * A whole number typed in a form, within `range`: plain decimal digits with an optional leading
 * minus, so "0x10", "1e3" or "2.0" are refused instead of read the way `Number()` would. A minus
 * is only ever accepted where the range goes below 0. Empty text is null.
 */
export function parseWholeNumber(
  text: string,
  range: { min: number; max: number },
): Parsed<number | null> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: null };

  const inRange = `A whole number from ${range.min} to ${range.max}`;
  if (!SIGNED_WHOLE.test(trimmed)) return { ok: false, message: `${inRange}, in digits 0-9` };
  const value = Number(trimmed) || 0;
  if (value < range.min || value > range.max) return { ok: false, message: inRange };
  return { ok: true, value };
}

/**
 * An amount typed in a form, in minor units of `currency`: "12.50" in EUR is 1250. More decimals
 * than the currency has ("12.505" EUR, "5.5" JPY) are refused rather than rounded. Empty is null.
 */
export function parseExactAmount(text: string, currency: string): Parsed<number | null> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: null };

  const decimals = currencyDecimals(currency);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(trimmed);
  if (!match) {
    const example = decimals === 0 ? "1250" : `12.${"5".padEnd(decimals, "0")}`;
    return { ok: false, message: `An amount in ${currency} like ${example}` };
  }
  if ((match[2]?.length ?? 0) > decimals) {
    const places = decimals === 0 ? "no decimals" : `at most ${decimals} decimals`;
    return { ok: false, message: `${currency} amounts have ${places}` };
  }
  return { ok: true, value: toMinorUnits(trimmed, currency) };
}
