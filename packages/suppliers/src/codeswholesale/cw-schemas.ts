import { z } from "zod";

const amount = z.number().finite().nonnegative();

export const cwProductSchema = z.object({
  productId: z.string().min(1),
  name: z.string().optional(),
  quantity: z.coerce.number().int().min(0).optional(),
  prices: z
    .array(
      z.object({
        value: amount,
        from: z.number().int().min(1).optional(),
        to: z.number().int().nullable().optional(),
      }),
    )
    .optional(),
  releaseDate: z.string().nullable().optional(),
});

export const cwCodeSchema = z.object({
  codeId: z.string().optional(),
  codeType: z.string().optional(),
  status: z.string().optional(),
  code: z.string().nullable().optional(),
  filename: z.string().nullable().optional(),
  fileName: z.string().nullable().optional(),
});

export const cwOrderSchema = z.object({
  orderId: z.string().min(1),
  clientOrderId: z.string().nullable().optional(),
  totalPrice: amount.optional(),
  products: z
    .array(
      z.object({
        productId: z.string(),
        unitPrice: amount.optional(),
        codes: z.array(cwCodeSchema).optional(),
      }),
    )
    .optional(),
});

export const cwListSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item).default([]) });

export type CwProduct = z.infer<typeof cwProductSchema>;
export type CwOrder = z.infer<typeof cwOrderSchema>;
