import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { recordAudit, type Actor } from "./audit-log.ts";

/** The Webhooks page: every endpoint of the account (live and sandbox) with recent deliveries. */
export function accountWebhookEndpoints(prisma: PrismaClient, accountId: string, deliveries = 10) {
  return prisma.webhookEndpoint.findMany({
    where: { accountId },
    orderBy: { createdAt: "asc" },
    include: {
      deliveries: {
        orderBy: { createdAt: "desc" },
        take: deliveries,
        include: { attemptLog: { orderBy: { createdAt: "desc" }, take: 1 } },
      },
    },
  });
}

/** The endpoint's sandbox flag, which its use cases take as part of the owner; undefined if not the account's. */
export async function endpointOwner(prisma: PrismaClient, accountId: string, endpointId: string) {
  const endpoint = await prisma.webhookEndpoint.findFirst({
    where: { id: endpointId, accountId },
    select: { sandbox: true },
  });
  return endpoint ? { accountId, sandbox: endpoint.sandbox } : undefined;
}

/** The endpoint's signing secret for an operator who asked to see it; audited before opened. */
export async function revealEndpointSecret(
  prisma: PrismaClient,
  vault: KeyVault,
  by: Actor,
  endpointId: string,
): Promise<string | undefined> {
  const endpoint = await prisma.webhookEndpoint.findFirst({
    where: { id: endpointId, accountId: by.accountId },
  });
  if (!endpoint) return undefined;
  await recordAudit(prisma, by, {
    action: "webhook_endpoint.secret_revealed",
    targetType: "webhook_endpoint",
    targetId: endpointId,
  });
  return vault.openText(endpoint.secretSeal, `endpoint:${endpoint.id}`);
}
