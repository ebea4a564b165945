import type { KeyVault } from "../vault/key-vault.ts";

/** How long a rotated-out secret keeps signing beside the current one. */
export const RETIRED_SECRET_TTL_MS = 24 * 60 * 60 * 1000;

type SealedSecrets = {
  id: string;
  secretSeal: Uint8Array;
  retiredSecrets: { secretSeal: Uint8Array; signsUntil: Date }[];
};

/**
 * The `include` that loads an endpoint's retired secrets still signing, most recently retired
 * first: every query whose endpoint is signed with, or shown, goes through it.
 */
export function withSigningSecrets(now = new Date()) {
  return {
    retiredSecrets: {
      where: { signsUntil: { gt: now } },
      orderBy: { signsUntil: "desc" as const },
    },
  };
}

/**
 * The endpoint's current secret and every secret retired less than 24 hours ago, most recent
 * first; all are sealed under the endpoint's id.
 */
export function endpointSecrets(
  vault: KeyVault,
  endpoint: SealedSecrets,
  now = new Date(),
): { secret: string; retiredSecrets: string[] } {
  const associated = `endpoint:${endpoint.id}`;
  const retired = endpoint.retiredSecrets
    .filter((entry) => entry.signsUntil > now)
    .sort((a, b) => b.signsUntil.getTime() - a.signsUntil.getTime());
  return {
    secret: vault.openText(endpoint.secretSeal, associated),
    retiredSecrets: retired.map((entry) => vault.openText(entry.secretSeal, associated)),
  };
}

/** When the last retired secret stops signing, or null when none signs any more. */
export function retiredSecretsExpireAt(
  retiredSecrets: { signsUntil: Date }[],
  now = new Date(),
): Date | null {
  const latest = Math.max(0, ...retiredSecrets.map((entry) => entry.signsUntil.getTime()));
  return latest > now.getTime() ? new Date(latest) : null;
}
