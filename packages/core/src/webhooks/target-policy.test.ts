import type { LookupAddress } from "node:dns";
import type { LookupFunction } from "node:net";
import { describe, expect, it } from "vitest";
import {
  checkTargetUrl,
  createGuardedLookup,
  isPrivateAddress,
  type Resolver,
} from "./target-policy.ts";

type LookupOutcome = { error: NodeJS.ErrnoException | null; address: string | LookupAddress[] };

function lookupWith(lookup: LookupFunction, hostname: string, all: boolean) {
  return new Promise<LookupOutcome>((resolve) => {
    lookup(hostname, { all }, (error, address) => resolve({ error, address }));
  });
}

// A resolver with fixed answers, standing in for a DNS server that could return anything.
function fixedResolver(addresses: string[]): Resolver {
  return (_hostname, _options, callback) => {
    callback(
      null,
      addresses.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  };
}

describe("isPrivateAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["10.1.2.3", "private 10/8"],
    ["172.16.0.1", "private 172.16/12"],
    ["172.31.255.255", "private 172.16/12"],
    ["192.168.1.1", "private 192.168/16"],
    ["169.254.169.254", "link-local, the cloud metadata service"],
    ["100.64.0.1", "shared CGNAT"],
    ["100.127.255.255", "shared CGNAT"],
    ["0.0.0.0", "this network"],
    ["0.1.2.3", "this network"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["240.0.0.1", "reserved"],
    ["255.255.255.255", "broadcast"],
    ["198.18.0.1", "benchmarking"],
    ["192.0.2.10", "documentation"],
    ["::1", "IPv6 loopback"],
    ["::", "IPv6 unspecified"],
    ["fc00::1", "unique local"],
    ["fd12:3456:789a::1", "unique local"],
    ["fe80::1", "IPv6 link-local"],
    ["fe80::1%eth0", "IPv6 link-local with a zone"],
    ["ff02::1", "IPv6 multicast"],
    ["::ffff:127.0.0.1", "IPv4-mapped loopback"],
    ["::ffff:7f00:1", "IPv4-mapped loopback in hex"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "IPv4-mapped metadata address"],
    ["::ffff:10.0.0.1", "IPv4-mapped private"],
    ["64:ff9b::127.0.0.1", "NAT64 of loopback"],
    ["64:ff9b::a9fe:a9fe", "NAT64 of the metadata address"],
    ["2002:7f00:1::1", "6to4 of loopback"],
    ["::127.0.0.1", "IPv4-compatible loopback"],
    ["2001:db8::1", "IPv6 documentation"],
    ["[::1]", "bracketed IPv6 loopback"],
    ["not-an-ip", "not an address, refused to fail closed"],
    ["", "empty, refused to fail closed"],
  ])("treats %s as private (%s)", (address) => {
    expect(isPrivateAddress(address)).toBe(true);
  });

  it.each([
    ["8.8.8.8"],
    ["1.1.1.1"],
    ["93.184.216.34"],
    ["172.15.255.255"],
    ["172.32.0.1"],
    ["100.63.255.255"],
    ["100.128.0.1"],
    ["169.253.255.255"],
    ["223.255.255.254"],
    ["2606:4700:4700::1111"],
    ["2a00:1450:4001:82b::200e"],
    ["::ffff:8.8.8.8"],
    ["64:ff9b::8.8.8.8"],
    ["2002:808:808::1"],
  ])("treats %s as public", (address) => {
    expect(isPrivateAddress(address)).toBe(false);
  });
});

describe("checkTargetUrl", () => {
  it.each([
    ["https://hooks.example.com/premiumcdkeys"],
    ["http://hooks.example.com:8080/in?token=abc"],
    ["https://8.8.8.8/hook"],
    ["https://[2606:4700:4700::1111]/hook"],
    ["https://localhost-shop.example.com/hook"],
  ])("accepts %s", (url) => {
    const result = checkTargetUrl(url, { allowPrivate: false });

    expect(result).toMatchObject({ ok: true });
    expect(result.ok && result.url.href).toBe(new URL(url).href);
  });

  it.each([
    ["ftp://hooks.example.com/", "url must use http or https"],
    ["file:///etc/passwd", "url must use http or https"],
    ["javascript:alert(1)", "url must use http or https"],
    ["https://user:pass@hooks.example.com/", "url must not contain credentials"],
    ["https://user@hooks.example.com/", "url must not contain credentials"],
    ["not a url", "url is not valid"],
    ["https://", "url is not valid"],
    [`https://hooks.example.com/${"a".repeat(2048)}`, "url is longer than 2048 characters"],
    ["http://127.0.0.1/", "private target refused"],
    ["http://127.1/", "private target refused"],
    ["http://0x7f000001/", "private target refused"],
    ["http://2130706433/", "private target refused"],
    ["http://017700000001/", "private target refused"],
    ["http://[::1]/", "private target refused"],
    ["http://[::ffff:127.0.0.1]/", "private target refused"],
    ["http://[64:ff9b::169.254.169.254]/", "private target refused"],
    ["http://169.254.169.254/latest/meta-data/", "private target refused"],
    ["http://localhost/", "private target refused"],
    ["http://LOCALHOST./", "private target refused"],
    ["http://shop.localhost:3000/", "private target refused"],
    ["http://0.0.0.0:8080/", "private target refused"],
  ])("refuses %s because %s", (url, reason) => {
    expect(checkTargetUrl(url, { allowPrivate: false })).toEqual({ ok: false, reason });
  });

  it("accepts a URL of exactly 2048 characters", () => {
    const prefix = "https://hooks.example.com/";
    const url = prefix + "a".repeat(2048 - prefix.length);

    expect(checkTargetUrl(url, { allowPrivate: false })).toMatchObject({ ok: true });
  });

  it.each([["http://127.0.0.1:3000/hook"], ["http://localhost/"], ["http://[::1]:8080/"]])(
    "accepts the private target %s when private targets are allowed",
    (url) => {
      expect(checkTargetUrl(url, { allowPrivate: true })).toMatchObject({ ok: true });
    },
  );

  it("still refuses credentials when private targets are allowed", () => {
    expect(checkTargetUrl("http://a:b@127.0.0.1/", { allowPrivate: true })).toMatchObject({
      ok: false,
    });
  });
});

describe("createGuardedLookup", () => {
  const guarded = createGuardedLookup({ allowPrivate: false });

  it.each([["127.0.0.1"], ["::1"], ["169.254.169.254"], ["localhost"]])(
    "refuses %s with code EPRIVATETARGET",
    async (hostname) => {
      const { error } = await lookupWith(guarded, hostname, false);

      expect(error?.code).toBe("EPRIVATETARGET");
    },
  );

  it.each([
    ["8.8.8.8", 4],
    ["2606:4700:4700::1111", 6],
  ])("passes the public address %s through as one address", async (hostname, family) => {
    const answers: unknown[] = [];
    await new Promise<void>((resolve) => {
      guarded(hostname, {}, (...args) => {
        answers.push(...args);
        resolve();
      });
    });

    expect(answers).toEqual([null, hostname, family]);
  });

  it("returns every address when asked for all of them", async () => {
    const { error, address } = await lookupWith(guarded, "8.8.8.8", true);

    expect(error).toBeNull();
    expect(address).toEqual([{ address: "8.8.8.8", family: 4 }]);
  });

  it("refuses a name when any one of its addresses is private", async () => {
    const lookup = createGuardedLookup({
      allowPrivate: false,
      resolve: fixedResolver(["8.8.8.8", "10.0.0.5"]),
    });

    const { error } = await lookupWith(lookup, "rebind.example", true);

    expect(error?.code).toBe("EPRIVATETARGET");
    expect(error?.message).toContain("10.0.0.5");
  });

  it("resolves private names when private targets are allowed", async () => {
    const lookup = createGuardedLookup({ allowPrivate: true });

    const { error, address } = await lookupWith(lookup, "127.0.0.1", false);

    expect(error).toBeNull();
    expect(address).toBe("127.0.0.1");
  });

  it("fails with ENOTFOUND when the resolver returns no address", async () => {
    const lookup = createGuardedLookup({ allowPrivate: false, resolve: fixedResolver([]) });

    const { error } = await lookupWith(lookup, "empty.example", false);

    expect(error?.code).toBe("ENOTFOUND");
  });
});
