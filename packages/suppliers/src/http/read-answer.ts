import type { z } from "zod";
import { SupplierError } from "../supplier.ts";

/** Checks a supplier's JSON answer against what the adapter reads from it. */
export function readAnswer<T>(schema: z.ZodType<T>, body: unknown, supplier: string): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new SupplierError("unavailable", `${supplier} sent an answer we cannot read`, {
    fields: parsed.error.issues.slice(0, 5).map((issue) => issue.path.join(".")),
  });
}
