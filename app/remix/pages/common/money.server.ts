import type { WebContext } from "../../load-context";

/** "12.50 EUR": minor units in the currency's own decimals. */
export function moneyText(core: WebContext["core"], minor: number, currency: string): string {
  return `${core.fromMinorUnits(minor, currency).toFixed(core.currencyDecimals(currency))} ${currency}`;
}
