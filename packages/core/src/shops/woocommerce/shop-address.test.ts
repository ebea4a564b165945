import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import type { Resolver } from "../../webhooks/target-policy.ts";
import { checkShopUrl, createShopLookup } from "./shop-address.ts";

const development = { allowLoopback: true };
const production = { allowLoopback: false };

describe("checkShopUrl", () => {
  it.each([
    ["https://shop.example.com", "https://shop.example.com", "shop.example.com"],
    ["https://Shop.Example.com/store/", "https://shop.example.com/store", "shop.example.com/store"],
    ["https://shop.example.com:8443", "https://shop.example.com:8443", "shop.example.com:8443"],
    ["http://127.0.0.1:8080", "http://127.0.0.1:8080", "127.0.0.1:8080"],
    ["http://localhost/wp", "http://localhost/wp", "localhost/wp"],
  ])("accepts %s in development as %s", (raw, url, domain) => {
    expect(checkShopUrl(raw, development)).toEqual({
      ok: true,
      address: expect.objectContaining({ url, domain }),
    });
  });

  it.each([
    ["http://shop.example.com", "INSECURE_URL"],
    ["http://192.168.1.20", "PRIVATE_ADDRESS"],
    ["https://169.254.169.254/latest", "PRIVATE_ADDRESS"],
    ["https://[::ffff:10.0.0.1]", "PRIVATE_ADDRESS"],
    ["https://0xa000001", "PRIVATE_ADDRESS"],
    ["https://shop.example.com/?a=1", "INVALID_URL"],
    ["https://shop.example.com/#top", "INVALID_URL"],
    ["https://a:b@shop.example.com", "INVALID_URL"],
    ["file:///etc/passwd", "INVALID_URL"],
  ])("refuses %s with %s", (raw, code) => {
    expect(checkShopUrl(raw, development)).toMatchObject({ ok: false, code });
  });

  it("refuses an over-long URL", () => {
    const long = `https://${"a".repeat(2100)}.com`;
    expect(checkShopUrl(long, development)).toMatchObject({ ok: false, code: "INVALID_URL" });
  });

  it.each(["http://127.0.0.1:8080", "https://localhost", "https://[::1]", "https://127.1"])(
    "refuses the server's own host %s in production",
    (raw) => {
      expect(checkShopUrl(raw, production)).toMatchObject({ ok: false, code: "PRIVATE_ADDRESS" });
    },
  );
});

describe("createShopLookup", () => {
  const resolverOf =
    (addresses: LookupAddress[]): Resolver =>
    (_hostname, _options, callback) =>
      callback(null, addresses);

  function lookUp(addresses: LookupAddress[], allowLoopback: boolean) {
    const lookup = createShopLookup({ allowLoopback }, resolverOf(addresses));
    return new Promise<{ code?: string; address?: string }>((resolve) =>
      lookup("shop.example.com", {}, (error, address) =>
        resolve({
          code: error?.code,
          address: typeof address === "string" ? address : JSON.stringify(address),
        }),
      ),
    );
  }

  it("passes public addresses", async () => {
    expect(await lookUp([{ address: "93.184.216.34", family: 4 }], false)).toEqual({
      code: undefined,
      address: "93.184.216.34",
    });
  });

  it("refuses a name with any private or metadata address", async () => {
    const mixed = [
      { address: "93.184.216.34", family: 4 },
      { address: "169.254.169.254", family: 4 },
    ];
    expect((await lookUp(mixed, true)).code).toBe("EPRIVATETARGET");
  });

  it("passes loopback only when allowed", async () => {
    const loopback = [{ address: "127.0.0.1", family: 4 }];
    expect((await lookUp(loopback, true)).code).toBeUndefined();
    expect((await lookUp(loopback, false)).code).toBe("EPRIVATETARGET");
  });
});
