import { z } from "zod";

const amount = z.number().finite().nonnegative();

export const kgProductSchema = z.object({
  productId: z.string().min(1),
  name: z.string().optional(),
  price: amount.optional(),
  qty: z.number().int().min(0).optional(),
  isPreorder: z.boolean().optional(),
});

export const kgOrderSchema = z.object({
  orderId: z.string().min(1),
  orderExternalId: z.string().nullable().optional(),
  status: z.string().optional(),
  totalPrice: amount.optional(),
  paymentPrice: amount.optional(),
  totalQty: z.number().int().min(1).optional(),
  isPreorder: z.boolean().optional(),
  products: z
    .array(
      z.object({
        productId: z.string(),
        qty: z.number().int().optional(),
        price: amount.optional(),
      }),
    )
    .optional(),
});

export const kgKeysSchema = z.array(
  z.object({
    id: z.string().optional(),
    serial: z.string().nullable().optional(),
    type: z.string().optional(),
  }),
);

export const kgResultsSchema = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ results: z.array(item).default([]) });

export type KgProduct = z.infer<typeof kgProductSchema>;
export type KgOrder = z.infer<typeof kgOrderSchema>;
