import { currencyDecimals, toMinorUnits } from "../money.ts";

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const WHOLE = /^\d+$/;
const SIGNED_WHOLE = /^-?\d+$/;

/**
 * A whole number typed in a form: plain decimal digits only, so "0x10", "1e3" or "2.0" are
 * refused instead of read the way `Number()` would. Empty text is null.
 */
export function parseWholeNumber(
  text: string,
  options: { negative?: boolean } = {},
): Parsed<number | null> {
  const trimmed = text.trim();
  if (!trimmed) return { ok: true, value: null };

  const pattern = options.negative ? SIGNED_WHOLE : WHOLE;
  if (!pattern.test(trimmed)) {
    const digits = options.negative ? "digits 0-9, with a leading minus if negative" : "digits 0-9";
    return { ok: false, message: `A whole number in ${digits}` };
  }
  return { ok: true, value: Number(trimmed) };
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
