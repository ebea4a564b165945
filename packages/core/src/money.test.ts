import { describe, expect, it } from "vitest";
import { currencyDecimals, fromMinorUnits, toMinorUnits } from "./money.ts";

describe("money in minor units", () => {
  it.each([
    ["EUR", 2],
    ["JPY", 0],
    ["KWD", 3],
  ])("knows %s has %i decimals", (currency, decimals) => {
    expect(currencyDecimals(currency)).toBe(decimals);
  });

  it.each([
    ["44.99", "EUR", 4499],
    ["0.1", "EUR", 10],
    ["1500", "JPY", 1500],
    ["1.2345", "KWD", 1235],
    ["-3.50", "EUR", -350],
    [16.8, "EUR", 1680],
    [0.1 + 0.2, "EUR", 30],
  ])("reads %s %s as %i without float drift", (amount, currency, minor) => {
    expect(toMinorUnits(amount, currency)).toBe(minor);
  });

  it("refuses text that is not an amount", () => {
    expect(() => toMinorUnits("12,50", "EUR")).toThrow();
  });

  it("writes minor units back as the contract's JSON number", () => {
    expect(fromMinorUnits(2000, "EUR")).toBe(20);
    expect(fromMinorUnits(1235, "KWD")).toBe(1.235);
  });
});
