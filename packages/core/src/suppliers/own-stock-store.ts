import type { OwnStockStore, StockKey, StockSummary, SupplierKey } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";

type KeyRow = {
  id: string;
  stock_sku: string;
  kind: string;
  mime_type: string;
  file_name: string | null;
  seal: Uint8Array;
  cost_minor: number;
  currency: string;
};

/** One account's imported keys, sealed like bought keys (context `own-stock:<id>`). */
export class PrismaOwnStockStore implements OwnStockStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly vault: KeyVault,
    private readonly accountId: string,
  ) {}

  async summary(sku: string): Promise<StockSummary | undefined> {
    const [row] = await this.prisma.$queryRaw<
      { available: bigint; total: bigint; next_cost: number | null; currency: string | null }[]
    >`
      SELECT count(*) FILTER (WHERE reference IS NULL) AS available, count(*) AS total,
             (SELECT cost_minor FROM own_stock_keys n WHERE n.account_id = ${this.accountId}
                AND n.stock_sku = ${sku} AND n.reference IS NULL
              ORDER BY imported_at, id LIMIT 1) AS next_cost,
             max(currency) AS currency
        FROM own_stock_keys WHERE account_id = ${this.accountId} AND stock_sku = ${sku}`;
    if (!row || Number(row.total) === 0) return undefined;
    return {
      sku,
      available: Number(row.available),
      nextCostMinor: row.next_cost ?? 0,
      currency: row.currency ?? "EUR",
    };
  }

  async search(text: string, limit: number): Promise<StockSummary[]> {
    const skus = await this.prisma.ownStockKey.findMany({
      where: { accountId: this.accountId, stockSku: { contains: text, mode: "insensitive" } },
      distinct: ["stockSku"],
      select: { stockSku: true },
      take: limit,
    });
    const summaries = await Promise.all(skus.map((row) => this.summary(row.stockSku)));
    return summaries.filter((summary): summary is StockSummary => summary !== undefined);
  }

  /** One statement: the oldest unsold key is marked sold to this reference, or none is. */
  async take(sku: string, reference: string, maxCostMinor: number): Promise<StockKey | undefined> {
    const rows = await this.prisma.$queryRaw<KeyRow[]>`
      UPDATE own_stock_keys SET reference = ${reference}, sold_at = now()
       WHERE id = (SELECT id FROM own_stock_keys
                    WHERE account_id = ${this.accountId} AND stock_sku = ${sku}
                      AND reference IS NULL AND cost_minor <= ${maxCostMinor}
                      AND NOT EXISTS (SELECT 1 FROM own_stock_keys WHERE reference = ${reference})
                    ORDER BY imported_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, stock_sku, kind, mime_type, file_name, seal, cost_minor, currency`;
    if (rows[0]) return this.#open(rows[0]);
    return this.findByReference(reference);
  }

  async findByReference(reference: string): Promise<StockKey | undefined> {
    const row = await this.prisma.ownStockKey.findFirst({
      where: { accountId: this.accountId, reference },
    });
    return row ? this.#open(toRow(row)) : undefined;
  }

  async findById(id: string): Promise<StockKey | undefined> {
    const row = await this.prisma.ownStockKey.findFirst({
      where: { accountId: this.accountId, id, reference: { not: null } },
    });
    return row ? this.#open(toRow(row)) : undefined;
  }

  #open(row: KeyRow): StockKey {
    const plain = this.vault.open(row.seal, `own-stock:${row.id}`);
    const key: SupplierKey =
      row.kind === "image"
        ? {
            kind: "image",
            mimeType: row.mime_type,
            data: plain,
            fileName: row.file_name ?? "key.png",
          }
        : { kind: "text", code: plain.toString("utf8") };
    return {
      id: row.id,
      sku: row.stock_sku,
      costMinor: row.cost_minor,
      currency: row.currency,
      key,
    };
  }
}

function toRow(row: {
  id: string;
  stockSku: string;
  kind: string;
  mimeType: string;
  fileName: string | null;
  seal: Uint8Array;
  costMinor: number;
  currency: string;
}): KeyRow {
  return {
    id: row.id,
    stock_sku: row.stockSku,
    kind: row.kind,
    mime_type: row.mimeType,
    file_name: row.fileName,
    seal: row.seal,
    cost_minor: row.costMinor,
    currency: row.currency,
  };
}
