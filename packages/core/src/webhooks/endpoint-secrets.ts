import type { KeyVault } from "../vault/key-vault.ts";

type SealedSecrets = {
  id: string;
  secretSeal: Uint8Array;
  previousSecretSeal: Uint8Array | null;
  previousSecretUntil: Date | null;
};

/** The endpoint's current secret and, for 24 hours after a rotation, the one before it. */
export function endpointSecrets(
  vault: KeyVault,
  endpoint: SealedSecrets,
  now = new Date(),
): { secret: string; previousSecret?: string } {
  const secret = vault.openText(endpoint.secretSeal, `endpoint:${endpoint.id}`);
  const stillSigning =
    endpoint.previousSecretSeal &&
    endpoint.previousSecretUntil &&
    endpoint.previousSecretUntil > now;
  if (!stillSigning) return { secret };
  return {
    secret,
    previousSecret: vault.openText(endpoint.previousSecretSeal!, `endpoint:${endpoint.id}`),
  };
}
