import { z } from "zod";
import type { PrismaClient } from "../db/types.ts";
import { recordAudit, type Actor } from "./audit-log.ts";
import { emailSchema } from "./operators.ts";

export const SHOP_DELIVERY_EMAIL_CHOICES = ["platform", "always", "never"] as const;

/** How the account's key email is sent, and whether it goes along with a shop's own delivery. */
export type DeliveryOptions = {
  /** The From display name; null keeps the installation's. */
  senderName: string | null;
  /** The Reply-To address; null sends none. */
  replyTo: string | null;
  /** "platform": Shopify orders get it too, WooCommerce orders only the shop's own email. */
  withShopDelivery: (typeof SHOP_DELIVERY_EMAIL_CHOICES)[number];
};

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = {
  senderName: null,
  replyTo: null,
  withShopDelivery: "platform",
};

const emptyIsNull = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? null : value;

export const deliveryOptionsSchema = z.object({
  senderName: z.preprocess(
    emptyIsNull,
    z
      .string()
      .trim()
      .max(100, "At most 100 characters")
      // A header value: line breaks or control characters could forge other headers.
      .regex(/^[^\p{Cc}<>"]*$/u, "Letters, digits and punctuation only (no <, > or quotes)")
      .nullable(),
  ),
  replyTo: z.preprocess(emptyIsNull, emailSchema.nullable()),
  withShopDelivery: z.enum(SHOP_DELIVERY_EMAIL_CHOICES),
});

export const lowStockDefaultSchema = z.number().int().min(0).max(1_000_000);

export type SettingChange = { ok: true } | { ok: false; field: string; message: string };

/** The account's delivery options as the key email and the delivery job read them. */
export async function accountDeliveryOptions(
  prisma: PrismaClient,
  accountId: string,
): Promise<DeliveryOptions> {
  const account = await prisma.account.findUnique({
    where: { id: accountId },
    select: { keyEmailSenderName: true, keyEmailReplyTo: true, keyEmailWithShopDelivery: true },
  });
  if (!account) return DEFAULT_DELIVERY_OPTIONS;
  const choice = SHOP_DELIVERY_EMAIL_CHOICES.find((c) => c === account.keyEmailWithShopDelivery);
  return {
    senderName: account.keyEmailSenderName,
    replyTo: account.keyEmailReplyTo,
    withShopDelivery: choice ?? "platform",
  };
}

/** Sets the delivery options after checking every field; nothing is written when one is wrong. */
export async function setDeliveryOptions(
  prisma: PrismaClient,
  by: Actor,
  input: Record<keyof DeliveryOptions, unknown>,
): Promise<SettingChange> {
  const parsed = deliveryOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = String(issue.path[0]);
    const message =
      field === "replyTo"
        ? "Enter a valid email address"
        : field === "withShopDelivery"
          ? "Choose one of the options"
          : issue.message;
    return { ok: false, field, message };
  }

  const before = await accountDeliveryOptions(prisma, by.accountId);
  await recordAudit(prisma, by, {
    action: "account.delivery_options_changed",
    targetType: "account",
    targetId: by.accountId,
    details: { before, after: parsed.data },
  });
  await prisma.account.update({
    where: { id: by.accountId },
    data: {
      keyEmailSenderName: parsed.data.senderName,
      keyEmailReplyTo: parsed.data.replyTo,
      keyEmailWithShopDelivery: parsed.data.withShopDelivery,
    },
  });
  return { ok: true };
}

/** Sets the threshold of every product that has none of its own. */
export async function setDefaultLowStockThreshold(
  prisma: PrismaClient,
  by: Actor,
  input: unknown,
): Promise<SettingChange> {
  const parsed = lowStockDefaultSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, field: "lowStockThreshold", message: "A whole number from 0 to 1000000" };
  }

  const before = await prisma.account.findUniqueOrThrow({
    where: { id: by.accountId },
    select: { lowStockThreshold: true },
  });
  await recordAudit(prisma, by, {
    action: "account.low_stock_threshold_changed",
    targetType: "account",
    targetId: by.accountId,
    details: { before: before.lowStockThreshold, after: parsed.data },
  });
  await prisma.account.update({
    where: { id: by.accountId },
    data: { lowStockThreshold: parsed.data },
  });
  return { ok: true };
}
