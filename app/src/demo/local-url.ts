/**
 * The address a process on this machine uses to reach a server bound to `url`: a wildcard bind
 * (0.0.0.0, ::) is reached through loopback, so the demo never leaves the machine.
 */
export function localUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname === "0.0.0.0") parsed.hostname = "127.0.0.1";
  if (parsed.hostname === "[::]") parsed.hostname = "[::1]";
  return parsed.origin;
}
