import { describe, expect, it } from "vitest";
import { parseExactAmount, parseWholeNumber } from "./form-numbers.ts";

describe("parseWholeNumber", () => {
  const upTo100 = { min: 0, max: 100 };
  const signed = { min: -10, max: 10 };

  it.each([
    ["16", upTo100, 16],
    [" 007 ", upTo100, 7],
    ["", upTo100, null],
    ["-3", signed, -3],
    ["-0", upTo100, 0],
  ])("reads %j in %j as %j", (text, range, value) => {
    expect(parseWholeNumber(text, range)).toEqual({ ok: true, value });
  });

  it.each(["0x10", "1e3", "2.0", "+3", "1_000", "Infinity", "٣", "--3", "-0x3"])(
    "refuses %j as not plain digits",
    (text) => {
      expect(parseWholeNumber(text, signed)).toEqual({
        ok: false,
        message: "A whole number from -10 to 10, in digits 0-9",
      });
    },
  );

  it.each([
    ["-1", upTo100],
    ["101", upTo100],
    ["-11", signed],
  ])("refuses %j outside %j", (text, range) => {
    expect(parseWholeNumber(text, range)).toEqual({
      ok: false,
      message: `A whole number from ${range.min} to ${range.max}`,
    });
  });
});

describe("parseExactAmount", () => {
  it.each([
    ["12.50", "EUR", 1250],
    ["12.5", "EUR", 1250],
    ["1250", "JPY", 1250],
    ["1.005", "BHD", 1005],
  ])("reads %s %s as %i minor units", (text, currency, minor) => {
    expect(parseExactAmount(text, currency)).toEqual({ ok: true, value: minor });
  });

  it.each([
    ["12.505", "EUR", "EUR amounts have at most 2 decimals"],
    ["1.5", "JPY", "JPY amounts have no decimals"],
    ["1e3", "EUR", "An amount in EUR like 12.50"],
    ["0x10", "JPY", "An amount in JPY like 1250"],
  ])("refuses %s %s: %s", (text, currency, message) => {
    expect(parseExactAmount(text, currency)).toEqual({ ok: false, message });
  });
});
