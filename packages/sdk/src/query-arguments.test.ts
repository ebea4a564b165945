import { describe, expect, it } from "vitest";
import { PremiumCDKeys, PremiumCDKeysError } from "./index.ts";

describe("query arguments", () => {
  it("refuses an invalid Date with a PremiumCDKeysError before anything is sent", async () => {
    // Port 9 (discard) on loopback: had a request gone out, this would be a connection error.
    const client = new PremiumCDKeys("pck_test_x", {
      baseUrl: "http://127.0.0.1:9",
      timeoutMs: 500,
    });
    const listed = client.orders.list({ from: new Date("not a date") });
    await expect(listed).rejects.toBeInstanceOf(PremiumCDKeysError);
    await expect(listed).rejects.toMatchObject({ code: "INVALID_ARGUMENT" });
  });
});
