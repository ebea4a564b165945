import { describe, expect, it } from "vitest";
import { parseExactAmount, parseWholeNumber } from "./form-numbers.ts";

describe("parseWholeNumber", () => {
  it.each([
    ["16", 16],
    [" 007 ", 7],
    ["", null],
  ])("reads %j as %j", (text, value) => {
    expect(parseWholeNumber(text)).toEqual({ ok: true, value });
  });

  it.each(["0x10", "1e3", "2.0", "+3", "-3", "1_000", "Infinity", "٣"])(
    "refuses %j where negatives are not allowed",
    (text) => {
      expect(parseWholeNumber(text)).toMatchObject({ ok: false });
    },
  );

  it("takes a leading minus only where negatives are allowed", () => {
    expect(parseWholeNumber("-3", { negative: true })).toEqual({ ok: true, value: -3 });
    expect(parseWholeNumber("--3", { negative: true })).toMatchObject({ ok: false });
    expect(parseWholeNumber("-0x3", { negative: true })).toMatchObject({ ok: false });
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
