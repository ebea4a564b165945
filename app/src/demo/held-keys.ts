import type { Platform } from "@premiumcdkeys/core";

/**
 * The keys the platform holds for an order, by purchase id, opened from the vault. The API
 * never returns key codes; the demo runs inside the platform's process and may look, to show
 * masked keys and to check that the mail carried each of them.
 */
export async function heldKeys(platform: Platform, orderId: string): Promise<Map<string, string>> {
  const rows = await platform.db.prisma.key.findMany({
    where: { purchase: { orderId } },
    select: { purchaseId: true, kind: true, seal: true, fileName: true },
  });

  const keys = new Map<string, string>();
  for (const row of rows) {
    const secret = platform.vault.open(row.seal, `key:${row.purchaseId}`);
    // An image key is shown by its file name; its readable code is inside the image.
    keys.set(
      row.purchaseId,
      row.kind === "text" ? secret.toString("utf8") : (row.fileName ?? "image"),
    );
  }
  return keys;
}
