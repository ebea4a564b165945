import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";

export type ReadKey = { code: string; format: string };

export type KeyReader = { accountId: string; apiKeyId: string; ip?: string };

/**
 * The key codes of one order, by purchase id, for `?include=keys`. The read is written to the
 * audit log before any code is opened: no code leaves without its log row. Text keys come as
 * they are with format `text`; image keys as base64 with their MIME type as format.
 */
export async function readOrderKeys(
  prisma: PrismaClient,
  vault: KeyVault,
  reader: KeyReader,
  orderId: string,
): Promise<Map<string, ReadKey>> {
  const keys = await prisma.key.findMany({
    where: { purchase: { orderId, order: { accountId: reader.accountId } } },
  });
  await prisma.keyAccessLog.create({
    data: {
      accountId: reader.accountId,
      apiKeyId: reader.apiKeyId,
      orderId,
      keyCount: keys.length,
      ip: reader.ip ?? null,
    },
  });

  const read = new Map<string, ReadKey>();
  for (const key of keys) {
    const secret = vault.open(key.seal, `key:${key.purchaseId}`);
    read.set(
      key.purchaseId,
      key.kind === "text"
        ? { code: secret.toString("utf8"), format: "text" }
        : { code: secret.toString("base64"), format: key.mimeType },
    );
  }
  return read;
}
