/** Decimal places of a currency's minor unit (EUR 2, JPY 0, KWD 3), from the platform's ICU data. */
export function currencyDecimals(currency: string): number {
  try {
    return (
      new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

/**
 * "44.99" EUR -> 4499 without passing through a float. Accepts numbers for platforms that send
 * them, rounding half away from zero beyond the currency's precision.
 */
export function toMinorUnits(amount: string | number, currency: string): number {
  const decimals = currencyDecimals(currency);
  const text = typeof amount === "number" ? amount.toFixed(decimals + 2) : amount.trim();
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match) throw new Error(`Not an amount: ${JSON.stringify(amount)}`);

  const [, sign, whole = "", fraction = ""] = match;
  const padded = fraction.padEnd(decimals + 1, "0");
  let minor = Number(whole || "0") * 10 ** decimals + Number(padded.slice(0, decimals) || "0");
  if (Number(padded[decimals]) >= 5) minor += 1;
  return sign === "-" ? -minor : minor;
}

/** 4499 EUR -> 44.99, the JSON number the contract shows for `cost`. */
export function fromMinorUnits(minor: number, currency: string): number {
  return minor / 10 ** currencyDecimals(currency);
}

/** 1234 KWD -> "1.234": the exact decimal text a supplier API is sent. */
export function minorToDecimalText(minor: number, currency: string): string {
  const decimals = currencyDecimals(currency);
  const sign = minor < 0 ? "-" : "";
  const digits = String(Math.abs(minor)).padStart(decimals + 1, "0");
  if (decimals === 0) return sign + digits;
  return `${sign}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
