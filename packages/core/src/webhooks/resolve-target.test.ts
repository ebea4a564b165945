import { describe, expect, it } from "vitest";
import { checkResolvedTarget, type HostResolver } from "./resolve-target.ts";

/** A resolver answering from a table, so no test asks a DNS server. */
function table(entries: Record<string, string[]>): HostResolver & { asked: string[] } {
  const asked: string[] = [];
  const resolve = (hostname: string) => {
    asked.push(hostname);
    const addresses = entries[hostname];
    if (!addresses) return Promise.reject(Object.assign(new Error("no"), { code: "ENOTFOUND" }));
    return Promise.resolve(addresses.map((address) => ({ address })));
  };
  return Object.assign(resolve, { asked });
}

const check = (url: string, resolve: HostResolver, allowPrivate = false) =>
  checkResolvedTarget(new URL(url), { allowPrivate, resolve, timeoutMs: 200 });

describe("checkResolvedTarget", () => {
  const resolver = table({
    "hooks.example.com": ["93.184.215.14", "2606:2800:21f:cb07:6820:80da:af6b:8b2c"],
    "internal.example.com": ["10.1.2.3"],
    "mixed.example.com": ["93.184.215.14", "169.254.169.254"],
    "mapped.example.com": ["::ffff:127.0.0.1"],
  });

  it("accepts a name whose every address is public", async () => {
    expect(await check("https://hooks.example.com/h", resolver)).toMatchObject({ ok: true });
  });

  it.each([["internal.example.com"], ["mixed.example.com"], ["mapped.example.com"]])(
    "refuses %s, which resolves to a private address",
    async (host) => {
      expect(await check(`https://${host}/h`, resolver)).toEqual({
        ok: false,
        reason: "private target refused",
      });
    },
  );

  it("accepts private names when private targets are allowed, without a lookup", async () => {
    const counted = table({ "internal.example.com": ["10.1.2.3"] });
    expect(await check("https://internal.example.com/h", counted, true)).toMatchObject({
      ok: true,
    });
    expect(counted.asked).toEqual([]);
  });

  it("does not look up IP literals, which the literal check has judged", async () => {
    const counted = table({});
    expect(await check("https://[2606:4700:4700::1111]/h", counted)).toMatchObject({ ok: true });
    expect(counted.asked).toEqual([]);
  });

  it("accepts a name that does not resolve or answers too slowly (checked again when sending)", async () => {
    expect(await check("https://nowhere.example.com/h", resolver)).toMatchObject({ ok: true });
    const slow: HostResolver = () => new Promise(() => {});
    expect(await check("https://slow.example.com/h", slow)).toMatchObject({ ok: true });
  });

  it("refuses localhost through the system resolver (answered by /etc/hosts)", async () => {
    const answer = await checkResolvedTarget(new URL("http://localhost:9/h"), {
      allowPrivate: false,
    });
    expect(answer).toEqual({ ok: false, reason: "private target refused" });
  });
});
