import {
  CODESWHOLESALE_URLS,
  CodesWholesaleSupplier,
  KINGUIN_URLS,
  KinguinSupplier,
  codesWholesaleAuthHash,
  sha256Hex,
  type ConnectionSettings,
  type Supplier,
} from "@premiumcdkeys/suppliers";
import { z } from "zod";

/** What differs between the suppliers a merchant connects with credentials. */
export type SupplierKind = {
  credentials: z.ZodType<Record<string, string>>;
  urls: { live: string; sandbox: string };
  create(settings: ConnectionSettings, credentials: Record<string, string>): Supplier;
  /** The value a genuine callback presents, from the stored credentials; hashed for look-up. */
  callbackProof(credentials: Record<string, string>): string | undefined;
  /** The same value as read from an incoming callback. */
  presentedProof(headers: Record<string, string>, body: Buffer): string | undefined;
};

const secret = z.string().trim().min(1).max(500);

export const SUPPLIER_KINDS: Record<string, SupplierKind> = {
  codeswholesale: {
    credentials: z.object({ clientId: secret, clientSecret: secret, signature: secret.optional() }),
    urls: CODESWHOLESALE_URLS,
    create: (settings, credentials) =>
      new CodesWholesaleSupplier(settings, {
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        signature: credentials.signature,
      }),
    callbackProof: (credentials) =>
      codesWholesaleAuthHash({
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        signature: credentials.signature,
      }),
    presentedProof: (_headers, body) => {
      const match = /"authHash"\s*:\s*"([0-9a-fA-F]{1,128})"/.exec(body.toString("utf8"));
      return match?.[1].toLowerCase();
    },
  },
  kinguin: {
    credentials: z.object({ apiKey: secret, webhookSecret: secret.optional() }),
    urls: KINGUIN_URLS,
    create: (settings, credentials) =>
      new KinguinSupplier(settings, {
        apiKey: credentials.apiKey,
        webhookSecret: credentials.webhookSecret,
      }),
    callbackProof: (credentials) => credentials.webhookSecret,
    presentedProof: (headers) => headers["x-event-secret"],
  },
};

/** Callbacks find their connection by this hash; the secret itself is never stored in clear. */
export function callbackLookup(supplier: string, proof: string): string {
  return sha256Hex(`${supplier}:${proof}`);
}

/** The kind of supplier `id`; undefined for unknown ids, including inherited names like "__proto__". */
export function supplierKind(id: string): SupplierKind | undefined {
  return Object.hasOwn(SUPPLIER_KINDS, id) ? SUPPLIER_KINDS[id] : undefined;
}
