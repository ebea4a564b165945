import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { isPrivateAddress, privateTargetReason, type TargetCheck } from "./target-policy.ts";

/** Every address of a host name, as `dns.lookup` with `all: true` answers them. */
export type HostResolver = (hostname: string) => Promise<{ address: string }[]>;

export type ResolvedTargetPolicy = {
  allowPrivate: boolean;
  resolve?: HostResolver;
  /** A lookup slower than this is not waited for (the send-time check still applies). */
  timeoutMs?: number;
};

const defaultTimeoutMs = 5000;

const lookupAll: HostResolver = (hostname) => lookup(hostname, { all: true });

/**
 * Judges a target URL that `checkTargetUrl` accepted by the addresses its host name resolves
 * to now: any private, loopback or link-local one refuses it, as the literal check would. A
 * name that does not resolve (yet) is accepted, because the connection is checked again with
 * a guarded lookup at every send; this check gives the merchant the error at once instead.
 */
export async function checkResolvedTarget(
  url: URL,
  { allowPrivate, resolve = lookupAll, timeoutMs = defaultTimeoutMs }: ResolvedTargetPolicy,
): Promise<TargetCheck> {
  const hostname = url.hostname.replace(/^\[(.*)\]$/, "$1");
  if (allowPrivate || isIP(hostname)) return { ok: true, url };

  const addresses = await withTimeout(resolve(hostname), timeoutMs).catch(() => []);
  if (addresses.some((entry) => isPrivateAddress(entry.address))) {
    return { ok: false, reason: privateTargetReason };
  }
  return { ok: true, url };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error("lookup timed out")), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
