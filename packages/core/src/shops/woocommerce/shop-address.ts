import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import {
  isPrivateAddress,
  privateTargetCode,
  type Resolver,
} from "../../webhooks/target-policy.ts";

/** Whether shop addresses on this machine (loopback) are accepted: never in production. */
export type ShopAddressPolicy = { allowLoopback: boolean };

export type ShopAddress = { url: string; domain: string; loopback: boolean };

export type ShopAddressCheck =
  | { ok: true; address: ShopAddress }
  | { ok: false; code: "INVALID_URL" | "INSECURE_URL" | "PRIVATE_ADDRESS"; message: string };

const MAX_URL_LENGTH = 2048;

const loopbackAddresses = new BlockList();
loopbackAddresses.addSubnet("127.0.0.0", 8, "ipv4");
loopbackAddresses.addAddress("::1", "ipv6");
loopbackAddresses.addSubnet("::ffff:127.0.0.0", 104, "ipv6");

export function isLoopbackAddress(ip: string): boolean {
  const address = ip.replace(/^\[(.*)\]$/, "$1");
  const version = isIP(address);
  if (version === 0) return false;
  return loopbackAddresses.check(address, version === 4 ? "ipv4" : "ipv6");
}

/**
 * Checks the address a merchant gives for a WooCommerce shop: HTTPS, or plain HTTP only for a
 * shop on this machine (development); no credentials, query or fragment; never a private,
 * link-local or metadata address. Names are judged again, by their resolved addresses, on every
 * connection (see `createShopLookup`).
 */
export function checkShopUrl(raw: string, policy: ShopAddressPolicy): ShopAddressCheck {
  const invalid = (message: string): ShopAddressCheck => ({
    ok: false,
    code: "INVALID_URL",
    message,
  });
  if (raw.length > MAX_URL_LENGTH) return invalid("The shop URL is too long");

  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return invalid("The shop URL is not a valid URL, e.g. https://shop.example.com");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    return invalid("The shop URL must start with https://");
  if (url.username || url.password) return invalid("The shop URL must not contain credentials");
  if (url.search || url.hash) return invalid("The shop URL must not have a query or fragment");

  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").toLowerCase();
  const loopback = isLoopbackAddress(host) || host === "localhost" || host.endsWith(".localhost");
  if (loopback && !policy.allowLoopback) {
    return { ok: false, code: "PRIVATE_ADDRESS", message: "The shop URL points at this server" };
  }
  if (!loopback && isIP(host) && isPrivateAddress(host)) {
    return {
      ok: false,
      code: "PRIVATE_ADDRESS",
      message: "The shop URL points at a private or reserved address",
    };
  }
  if (url.protocol === "http:" && !loopback) {
    return {
      ok: false,
      code: "INSECURE_URL",
      message: "The shop must be reached over HTTPS: its REST keys would travel unprotected",
    };
  }

  const path = url.pathname.replace(/\/+$/, "");
  return {
    ok: true,
    address: { url: `${url.origin}${path}`, domain: `${url.host}${path}`, loopback },
  };
}

/**
 * A `lookup` for the shop's HTTP client: refuses, with code EPRIVATETARGET, a name with any
 * private address, at the moment of connecting, so a name cannot be rebound to an internal
 * address after it was checked. Loopback passes only when the policy allows it.
 */
export function createShopLookup(
  policy: ShopAddressPolicy,
  resolve: Resolver = dnsLookup,
): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "");
      const refused = addresses.find(
        (entry) =>
          isPrivateAddress(entry.address) &&
          !(policy.allowLoopback && isLoopbackAddress(entry.address)),
      );
      if (refused || addresses.length === 0) {
        const failure: NodeJS.ErrnoException = new Error(`${hostname} has no public address`);
        failure.code = refused ? privateTargetCode : "ENOTFOUND";
        return callback(failure, "");
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
