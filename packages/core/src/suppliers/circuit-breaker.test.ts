import { describe, expect, it } from "vitest";
import { CircuitBreaker } from "./circuit-breaker.ts";

describe("circuit breaker", () => {
  it("opens after repeated failures, lets one call through after the cool-down", async () => {
    const breaker = new CircuitBreaker({ failures: 2, cooldownMs: 50 });
    breaker.failed("a:kinguin");
    expect(breaker.isOpen("a:kinguin")).toBe(false);
    breaker.failed("a:kinguin");
    expect(breaker.isOpen("a:kinguin")).toBe(true);
    expect(breaker.isOpen("b:kinguin")).toBe(false);

    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(breaker.isOpen("a:kinguin")).toBe(false);
    // The trial call fails: open again at once.
    breaker.failed("a:kinguin");
    expect(breaker.isOpen("a:kinguin")).toBe(true);
  });

  it("closes on success", () => {
    const breaker = new CircuitBreaker({ failures: 1, cooldownMs: 60_000 });
    breaker.failed("x");
    breaker.succeeded("x");
    expect(breaker.isOpen("x")).toBe(false);
  });
});
