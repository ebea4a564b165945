import { describe, expect, it } from "vitest";
import { parseIsoTimestamp } from "./iso-timestamp.ts";

const iso = (text: string) => {
  const date = parseIsoTimestamp(text);
  return Number.isNaN(date.getTime()) ? "invalid" : date.toISOString();
};

describe("parseIsoTimestamp", () => {
  it.each([
    ["2026-02-28T10:00:00-05:00", "2026-02-28T15:00:00.000Z"],
    ["2026-01-01T10:00:00+0530", "2026-01-01T04:30:00.000Z"],
    ["2026-07-14T09:31:04", "2026-07-14T09:31:04.000Z"],
    ["2026-07-14T09:31Z", "2026-07-14T09:31:00.000Z"],
    ["2024-02-29T00:00:00Z", "2024-02-29T00:00:00.000Z"],
  ])("reads %s", (text, expected) => expect(iso(text)).toBe(expected));

  it.each([
    "2026-02-30T10:00:00Z",
    "2026-02-29T00:00:00Z",
    "2026-12-04T24:00:00Z",
    "2026-12-04T23:60:00Z",
    "2026-12-04T23:59:60Z",
    "2026-13-01T00:00:00Z",
    "2026-01-01T10:00:00+25:00",
    "2026-01-01",
    "Fri Dec 04 2026",
    "+2026-01-01T00:00:00Z",
  ])("refuses %s instead of rolling it over", (text) => expect(iso(text)).toBe("invalid"));
});
