import { describe, expect, it } from "vitest";
import { fromMinorUnits, minorToDecimalText, toMinorUnits } from "./money.ts";

describe("money with each currency's real decimals", () => {
  it.each([
    ["EUR", "44.99", 4499],
    ["JPY", "1234", 1234],
    ["KWD", "1.234", 1234],
    ["KWD", "0.005", 5],
    ["JPY", "0", 0],
  ])("%s %s survives a round trip as %i minor units", (currency, text, minor) => {
    expect(toMinorUnits(text, currency)).toBe(minor);
    expect(minorToDecimalText(minor, currency)).toBe(text);
    expect(toMinorUnits(fromMinorUnits(minor, currency), currency)).toBe(minor);
  });

  it("reads the floats supplier APIs send without drift", () => {
    expect(toMinorUnits(9.8, "EUR")).toBe(980);
    expect(toMinorUnits(0.1 + 0.2, "EUR")).toBe(30);
    expect(toMinorUnits(1.234, "KWD")).toBe(1234);
    expect(toMinorUnits(1234, "JPY")).toBe(1234);
  });
});
