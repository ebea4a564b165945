import { SupplierError, sha256Hex } from "@premiumcdkeys/suppliers";
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../db/types.ts";
import { enqueueJob } from "../jobs/job-queue.ts";
import { supplierKind, callbackLookup } from "./supplier-kinds.ts";
import type { SupplierRegistry } from "./supplier-registry.ts";

export const SUPPLIER_CALLBACK_JOB = "supplier.callback";

export type CallbackReceipt =
  | { ok: true; outcome: "recorded" | "duplicate" }
  | { ok: false; status: 400 | 401 | 404; code: string; message: string };

/**
 * Intake of `POST /api/webhook/suppliers/{supplier}`. The callback finds its connection by a
 * hash of the secret it presents (CodesWholesale's `authHash`, Kinguin's `X-Event-Secret`), is
 * authenticated by that connection's adapter, and is kept once per distinct body together with
 * the job that acts on it. It is only a hint: the job asks the supplier's API for the state.
 */
export async function receiveSupplierCallback(
  prisma: PrismaClient,
  registry: SupplierRegistry,
  input: { supplier: string; headers: Record<string, string>; rawBody: Buffer },
): Promise<CallbackReceipt> {
  const kind = supplierKind(input.supplier);
  if (!kind) return { ok: false, status: 404, code: "NOT_FOUND", message: "No such supplier" };
  const refused = {
    ok: false,
    status: 401,
    code: "INVALID_SIGNATURE",
    message: "The callback did not prove it comes from a connected supplier account",
  } as const;

  const proof = kind.presentedProof(input.headers, input.rawBody);
  if (!proof) return refused;
  const connection = await prisma.supplierConnection.findUnique({
    where: { callbackLookup: callbackLookup(input.supplier, proof) },
  });
  if (!connection || connection.supplier !== input.supplier || !connection.enabled) return refused;

  let hint;
  try {
    hint = registry.forConnection(connection)?.parseCallback({
      headers: input.headers,
      body: input.rawBody,
    });
  } catch (error) {
    if (!(error instanceof SupplierError)) throw error;
    return { ok: false, status: 400, code: "MALFORMED_JSON", message: error.message };
  }
  if (!hint) return refused;

  const recorded = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO supplier_callbacks (id, connection_id, dedupe_key, kind, body)
      VALUES (${randomUUID()}, ${connection.id}, ${sha256Hex(input.rawBody.toString("utf8"))},
              ${hint.kind}, ${JSON.stringify(hint)})
      ON CONFLICT (connection_id, dedupe_key) DO NOTHING
      RETURNING id`;
    if (rows[0]) await enqueueJob(tx, SUPPLIER_CALLBACK_JOB, { callbackId: rows[0].id });
    return rows.length > 0;
  });
  return { ok: true, outcome: recorded ? "recorded" : "duplicate" };
}
