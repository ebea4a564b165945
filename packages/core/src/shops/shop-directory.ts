import type { PrismaClient } from "../db/types.ts";
import { asId } from "../ids.ts";
import type { KeyVault } from "../vault/key-vault.ts";

export type KnownShop = { id: string; accountId: string; platform: string; webhookSecret: string };

const TTL_MS = 10_000;

/**
 * Looks shops up by id for inbound webhooks, with their secret opened. Answers are cached for a
 * few seconds because every delivery needs one; a disconnected shop stops answering within TTL.
 */
export class ShopDirectory {
  readonly #cache = new Map<string, { shop: KnownShop | undefined; expires: number }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly vault: KeyVault,
  ) {}

  async find(rawId: string): Promise<KnownShop | undefined> {
    const id = asId(rawId);
    if (!id) return undefined;
    const cached = this.#cache.get(id);
    if (cached && cached.expires > Date.now()) return cached.shop;

    const row = await this.prisma.shop.findFirst({ where: { id, active: true } });
    const shop = row && {
      id: row.id,
      accountId: row.accountId,
      platform: row.platform,
      webhookSecret: this.vault.openText(row.webhookSecretSeal, `shop:${row.id}`),
    };
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(id, { shop: shop ?? undefined, expires: Date.now() + TTL_MS });
    return shop ?? undefined;
  }

  /** Drops a cached answer at once, e.g. after this process connected or disconnected a shop. */
  forget(rawId: string): void {
    this.#cache.delete(rawId.toLowerCase());
  }
}
