import { z } from "zod";
import type { ShopOrderSnapshot, ShopPlatform, SnapshotFieldNames } from "./shop-platform.ts";

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const MAX_MINOR = 2_147_483_647;
// A parse bound, not a business rule: far above any real order, low enough to stay harmless.
const MAX_LINE_QUANTITY = 10_000;
const MAX_LINES = 500;

/** PostgreSQL text cannot hold NUL characters; shops have no use for them either. */
const text = (max: number) =>
  z
    .string()
    .max(max)
    .transform((value) => value.replaceAll("\u0000", ""));

const shopId = z
  .string()
  .regex(/^[0-9A-Za-z_][0-9A-Za-z_-]{0,63}$/, "an id of letters, digits, - or _");
const realDate = z.date().refine((date) => !Number.isNaN(date.getTime()), "a valid date");

const lineSchema = z.object({
  externalLineId: shopId,
  externalProductId: shopId.optional(),
  externalVariantId: shopId.optional(),
  sku: text(255).optional(),
  name: text(1000),
  quantity: z.number().int().min(1).max(MAX_LINE_QUANTITY),
  unitPriceMinor: z.number().int().min(0).max(MAX_MINOR),
});

const snapshotSchema = z.object({
  externalId: shopId,
  storeOrderRef: text(100).pipe(z.string().min(1)),
  paid: z.boolean(),
  paidAt: realDate.optional(),
  cancelled: z.boolean(),
  test: z.boolean(),
  // Stripping a NUL would deliver keys to an address the shop never sent: refused instead.
  customerEmail: z
    .string()
    .max(320)
    .refine((email) => !email.includes("\u0000"), "contains NUL")
    .optional(),
  customerName: text(500).optional(),
  customerExternalId: shopId.optional(),
  buyerToken: z.string().min(1).max(255).optional(),
  currency: z.string().refine((code) => CURRENCIES.has(code), "an ISO 4217 currency code"),
  totalMinor: z.number().int().min(0).max(MAX_MINOR),
  updatedAt: realDate.optional(),
  lines: z.array(lineSchema).min(1).max(MAX_LINES),
});

export type SnapshotCheck =
  { ok: true; snapshot: ShopOrderSnapshot } | { ok: false; reason: string };

/**
 * Checks what a connector read from a shop body before anything is recorded: ids, quantities,
 * amounts and dates a shop can really send, in ranges the database can store.
 */
export function checkSnapshot(
  snapshot: ShopOrderSnapshot,
  fieldNames: SnapshotFieldNames = {},
): SnapshotCheck {
  const result = snapshotSchema.safeParse(snapshot);
  if (result.success) return { ok: true, snapshot: result.data };
  const issue = result.error.issues[0];
  const path = issue.path.map((part) =>
    typeof part === "string" ? (fieldNames[part as keyof SnapshotFieldNames] ?? part) : part,
  );
  return { ok: false, reason: `${path.join(".") || "order"}: ${issue.message}` };
}

/** Reads and checks an order body; any failure becomes a reason, never an exception. */
export function readOrder(
  platform: Pick<ShopPlatform, "parseOrder" | "fieldNames">,
  topic: string,
  rawBody: string,
): SnapshotCheck {
  try {
    return checkSnapshot(platform.parseOrder(topic, rawBody), platform.fieldNames);
  } catch (error) {
    const reason =
      error instanceof RangeError ? "the body is nested too deeply" : (error as Error).message;
    return { ok: false, reason: `The body is not a usable order: ${reason}`.slice(0, 300) };
  }
}
