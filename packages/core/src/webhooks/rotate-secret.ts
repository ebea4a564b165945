import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { RETIRED_SECRET_TTL_MS, withSigningSecrets } from "./endpoint-secrets.ts";
import { generateEndpointSecret } from "./signing.ts";

/**
 * At most this many retired secrets sign at once: every one adds a signature to each delivery's
 * headers, and receivers refuse headers past 8 to 16 KB.
 */
export const MAX_SIGNING_RETIRED_SECRETS = 10;

export type RotationRefused = {
  ok: false;
  code: "ROTATION_LIMIT_REACHED";
  message: string;
  details: { retired_secrets: number; next_rotation_at: string };
};

/**
 * Replaces the endpoint's secret. The one it replaces joins the retired secrets and signs
 * beside the new one for 24 hours, however many rotations follow within them (up to
 * MAX_SIGNING_RETIRED_SECRETS, after which a rotation is refused until the oldest expires).
 * With `expirePrevious` (a secret leaked, say) every earlier secret stops signing at once and
 * the limit does not apply. The endpoint's row is locked, so two simultaneous rotations each
 * retire a different secret.
 */
export async function rotateEndpointSecret(
  prisma: PrismaClient,
  vault: KeyVault,
  id: string,
  options: { expirePrevious?: boolean } = {},
) {
  const secret = generateEndpointSecret();
  const now = new Date();

  return prisma.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM webhook_endpoints WHERE id = ${id} FOR UPDATE`;
    const current = await tx.webhookEndpoint.findUnique({ where: { id } });
    if (!current) return undefined;
    if (options.expirePrevious) {
      await tx.webhookRetiredSecret.deleteMany({ where: { endpointId: id } });
    } else {
      const signing = await tx.webhookRetiredSecret.findMany({
        where: { endpointId: id, signsUntil: { gt: now } },
        orderBy: { signsUntil: "asc" },
      });
      if (signing.length >= MAX_SIGNING_RETIRED_SECRETS) return refused(signing[0].signsUntil);

      await tx.webhookRetiredSecret.deleteMany({
        where: { endpointId: id, signsUntil: { lte: now } },
      });
      await tx.webhookRetiredSecret.create({
        data: {
          endpointId: id,
          secretSeal: current.secretSeal,
          retiredAt: now,
          signsUntil: new Date(now.getTime() + RETIRED_SECRET_TTL_MS),
        },
      });
    }
    const endpoint = await tx.webhookEndpoint.update({
      where: { id },
      data: { secretSeal: vault.seal(secret, `endpoint:${id}`) },
      include: withSigningSecrets(now),
    });
    return { ok: true as const, endpoint, secret };
  });
}

function refused(oldestExpiresAt: Date): RotationRefused {
  return {
    ok: false,
    code: "ROTATION_LIMIT_REACHED",
    message:
      `${MAX_SIGNING_RETIRED_SECRETS} retired secrets still sign; rotate again once the ` +
      `oldest expires`,
    details: {
      retired_secrets: MAX_SIGNING_RETIRED_SECRETS,
      next_rotation_at: oldestExpiresAt.toISOString(),
    },
  };
}
