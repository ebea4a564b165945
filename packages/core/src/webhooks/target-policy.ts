import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

export type TargetPolicy = { allowPrivate: boolean };

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

export const privateTargetCode = "EPRIVATETARGET";
export const privateTargetReason = "private target refused";

const maxUrlLength = 2048;

const privateIpv4 = subnets("ipv4", [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  // Link-local: cloud metadata services answer on 169.254.169.254.
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.88.99.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  // Multicast, the old class E and the broadcast address.
  ["224.0.0.0", 3],
]);

// Prefixes that embed an IPv4 address (mapped, NAT64, 6to4) are judged by that address instead.
const privateIpv6 = subnets("ipv6", [
  ["::", 96],
  ["64:ff9b:1::", 48],
  ["100::", 64],
  ["2001::", 23],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
]);

function subnets(type: "ipv4" | "ipv6", ranges: [string, number][]): BlockList {
  const list = new BlockList();
  for (const [network, prefix] of ranges) list.addSubnet(network, prefix, type);
  return list;
}

/**
 * Whether an address must not receive webhooks: loopback, private, link-local, shared, reserved
 * or multicast, in IPv4 or IPv6, including IPv4 addresses hidden inside IPv6 ones. Anything that
 * is not an IP address counts as private, so a caller that passes garbage fails closed.
 */
export function isPrivateAddress(ip: string): boolean {
  const address = ip.replace(/^\[(.*)\]$/, "$1").replace(/%.*$/, "");
  const version = isIP(address);
  if (version === 4) return privateIpv4.check(address, "ipv4");
  if (version !== 6) return true;

  const embedded = embeddedIpv4(ipv6Groups(address));
  if (embedded) return privateIpv4.check(embedded, "ipv4");

  return privateIpv6.check(address, "ipv6");
}

function embeddedIpv4(groups: number[]): string | undefined {
  const [g0, g1, g2, g3, g4, g5, g6, g7] = groups;
  const zeroesBefore = (count: number) => groups.slice(0, count).every((group) => group === 0);

  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated)
  if (zeroesBefore(5) && g5 === 0xffff) return dotted(g6, g7);
  if (zeroesBefore(4) && g4 === 0xffff && g5 === 0) return dotted(g6, g7);
  // 64:ff9b::a.b.c.d, the well-known NAT64 prefix
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return dotted(g6, g7);
  }
  // 2002:aabb:ccdd::/48, 6to4
  if (g0 === 0x2002) return dotted(g1, g2);
  return undefined;
}

function dotted(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join(".");
}

// Expands an address that isIP already accepted as IPv6 into its eight 16-bit groups.
function ipv6Groups(address: string): number[] {
  let text = address;
  const dottedTail = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dottedTail) {
    const [a, b, c, d] = dottedTail.slice(1).map(Number);
    text =
      text.slice(0, dottedTail.index) +
      `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }

  const [head, tail] = text.split("::");
  const headGroups = head ? head.split(":") : [];
  const tailGroups = tail ? tail.split(":") : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = [...headGroups, ...Array<string>(missing).fill("0"), ...tailGroups];
  return groups.map((group) => parseInt(group, 16));
}

/**
 * Checks a webhook target URL before anything is sent. Host names that are IP literals are
 * judged here, because the connection will not look them up; other names are judged by
 * `createGuardedLookup` when the connection is made.
 */
export function checkTargetUrl(url: string, { allowPrivate }: TargetPolicy): TargetCheck {
  if (url.length > maxUrlLength) {
    return { ok: false, reason: `url is longer than ${maxUrlLength} characters` };
  }

  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: "url is not valid" };
  }

  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return { ok: false, reason: "url must use http or https" };
  }
  if (parsed.username || parsed.password) {
    return { ok: false, reason: "url must not contain credentials" };
  }
  if (!parsed.hostname) return { ok: false, reason: "url has no host" };

  if (!allowPrivate && isPrivateHostname(parsed.hostname)) {
    return { ok: false, reason: privateTargetReason };
  }
  return { ok: true, url: parsed };
}

// The URL parser has already turned forms like 127.1 or 0x7f000001 into dotted quads.
function isPrivateHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  if (isIP(host)) return isPrivateAddress(host);

  const name = host.replace(/\.$/, "");
  return name === "localhost" || name.endsWith(".localhost");
}

export type Resolver = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

export type GuardedLookupOptions = TargetPolicy & { resolve?: Resolver };

/**
 * A `lookup` for `net.connect`, `http.request` or undici's `connect` option. It refuses with
 * code EPRIVATETARGET when any address of the name is private, at the moment of connecting, so
 * a name that resolved to a public address when the endpoint was saved cannot be rebound to an
 * internal one later.
 */
export function createGuardedLookup({
  allowPrivate,
  resolve = dnsLookup,
}: GuardedLookupOptions): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      if (addresses.length === 0) return callback(lookupError(hostname, "ENOTFOUND"), "");

      const refused = allowPrivate
        ? undefined
        : addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(lookupError(hostname, privateTargetCode, refused.address), "");

      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

function lookupError(hostname: string, code: string, address?: string): NodeJS.ErrnoException {
  const message = address
    ? `${hostname} resolves to the private address ${address}`
    : `${hostname} has no address`;
  const error: NodeJS.ErrnoException = new Error(message);
  error.code = code;
  return error;
}
