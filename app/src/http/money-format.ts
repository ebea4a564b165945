import { fromMinorUnits } from "@premiumcdkeys/core";

/** Money on the wire is a JSON number in major units, as the contract's `"cost": 20.00`. */
export function minorAmount(minor: number, currency: string): number {
  return fromMinorUnits(minor, currency);
}
