import { randomUUID } from "node:crypto";
import { parse } from "csv-parse/sync";
import { z } from "zod";
import type { PrismaClient } from "../db/types.ts";
import { toMinorUnits } from "../money.ts";
import type { KeyVault } from "../vault/key-vault.ts";

/** Largest import accepted at once. */
export const MAX_IMPORT_ROWS = 10_000;

const rowSchema = z.object({
  sku: z.string().trim().min(1).max(100),
  key: z.string().trim().min(1).max(2000),
  cost: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, "a decimal amount such as 12.50"),
  currency: z
    .string()
    .trim()
    .regex(/^[A-Z]{3}$/, "an ISO 4217 code"),
});

export type ImportResult =
  { ok: true; imported: number } | { ok: false; errors: { line: number; message: string }[] };

/**
 * Imports text keys from CSV with the header `sku,key,cost,currency` (cost in major units,
 * e.g. 12.50 EUR, 1500 JPY, 1.250 KWD). All rows are checked first; one bad row imports nothing.
 * Keys are sealed before they are written.
 */
export async function importOwnStock(
  prisma: PrismaClient,
  vault: KeyVault,
  accountId: string,
  csv: string,
): Promise<ImportResult> {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    // csv-parse's messages can quote the offending field, which may be a key: keep its code.
    const { code, lines } = error as { code?: string; lines?: number };
    return { ok: false, errors: [{ line: lines ?? 0, message: `unreadable CSV (${code})` }] };
  }
  if (records.length > MAX_IMPORT_ROWS) {
    return { ok: false, errors: [{ line: 0, message: `more than ${MAX_IMPORT_ROWS} rows` }] };
  }

  const errors: { line: number; message: string }[] = [];
  const rows = records.flatMap((record, index) => {
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      errors.push({ line: index + 2, message: `${issue.path.join(".")}: ${issue.message}` });
      return [];
    }
    return [parsed.data];
  });
  if (errors.length > 0 || rows.length === 0) {
    return { ok: false, errors: errors.length ? errors : [{ line: 0, message: "no rows" }] };
  }

  await prisma.ownStockKey.createMany({
    data: rows.map((row) => {
      const id = randomUUID();
      return {
        id,
        accountId,
        stockSku: row.sku,
        seal: vault.seal(row.key, `own-stock:${id}`),
        costMinor: toMinorUnits(row.cost, row.currency),
        currency: row.currency,
      };
    }),
  });
  return { ok: true, imported: rows.length };
}
