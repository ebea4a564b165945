import { currencyDecimals } from "@premiumcdkeys/suppliers";
import { z } from "zod";
import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { checkSupplierCredentials } from "./check-credentials.ts";
import { supplierKind, callbackLookup } from "./supplier-kinds.ts";

export const connectionInput = z.object({
  supplier: z.enum(["codeswholesale", "kinguin", "own_stock"]),
  environment: z.enum(["sandbox", "live"]).default("sandbox"),
  credentials: z.record(z.string(), z.string()).default({}),
  baseUrl: z.string().url().optional(),
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/)
    .refine((code) => currencyDecimals(code) >= 0)
    .default("EUR"),
  enabled: z.boolean().default(true),
  lowBalanceMinor: z.number().int().min(0).optional(),
});

export type ConnectionInput = z.input<typeof connectionInput>;

/** A connection as shown to its owner: never its credentials. */
export type ConnectionView = {
  id: string;
  supplier: string;
  environment: string;
  enabled: boolean;
  /** Lower is tried first among suppliers that tie (see planRoute). */
  priority: number;
  currency: string;
  baseUrl: string | null;
  balanceMinor: number | null;
  balanceLow: boolean;
  balanceCheckedAt: Date | null;
};

export type ConnectResult =
  | { ok: true; connection: ConnectionView }
  | {
      ok: false;
      code: "INVALID_CONNECTION" | "CREDENTIALS_REFUSED";
      message: string;
      details: Record<string, unknown>;
    };

export type ConnectOptions = {
  /** Proves the credentials with a balance call to the supplier before saving anything. */
  verify?: { timeoutMs: number };
};

export type ChangeResult =
  { ok: true; connection: ConnectionView } | { ok: false; code: string; message: string };

/**
 * Merchants' supplier accounts. Credentials are sealed with the vault, bound to the row id;
 * a base URL other than the documented one is accepted only where the installation allows it
 * (tests and simulators), since it would let a merchant point our server anywhere.
 */
export class SupplierConnections {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly vault: KeyVault,
    private readonly options: { allowBaseUrlOverride: boolean },
  ) {}

  async connect(
    accountId: string,
    input: ConnectionInput,
    options: ConnectOptions = {},
  ): Promise<ConnectResult> {
    const parsed = connectionInput.safeParse(input);
    if (!parsed.success)
      return invalid("Invalid connection", {
        issues: parsed.error.issues.map((i) => i.path.join(".")),
      });
    const value = parsed.data;
    const kind = supplierKind(value.supplier);
    const credentials = kind ? kind.credentials.safeParse(value.credentials) : undefined;
    if (credentials && !credentials.success) {
      return invalid("Invalid credentials", {
        fields: credentials.error.issues.map((i) => i.path.join(".")),
      });
    }
    if (value.baseUrl && !this.options.allowBaseUrlOverride) {
      return invalid("Custom supplier base URLs are disabled on this installation", {});
    }
    if (kind && credentials?.success && options.verify) {
      const check = await checkSupplierCredentials({
        supplier: value.supplier,
        environment: value.environment,
        credentials: credentials.data,
        baseUrl: value.baseUrl ?? kind.urls[value.environment],
        currency: value.currency,
        timeoutMs: options.verify.timeoutMs,
      });
      if (!check.ok) {
        return {
          ok: false,
          code: "CREDENTIALS_REFUSED",
          message: `The supplier refused the check: ${check.message}`,
          details: { reason: check.reason },
        };
      }
    }

    const existing = await this.prisma.supplierConnection.findUnique({
      where: {
        accountId_supplier_environment: {
          accountId,
          supplier: value.supplier,
          environment: value.environment,
        },
      },
      select: { id: true },
    });
    const id = existing?.id ?? crypto.randomUUID();
    const secret = credentials?.data;
    const proof = secret && kind?.callbackProof(secret);
    const lookup = proof ? callbackLookup(value.supplier, proof) : null;
    // Callbacks find their connection by this value alone, so two connections cannot share it.
    const taken =
      lookup &&
      (await this.prisma.supplierConnection.findUnique({
        where: { callbackLookup: lookup },
        select: { id: true },
      }));
    if (taken && taken.id !== id) {
      return invalid("These callback credentials belong to another connection", {});
    }
    const data = {
      credentialsSeal: secret
        ? this.vault.seal(JSON.stringify(secret), `supplier-connection:${id}`)
        : null,
      callbackLookup: lookup,
      baseUrl: value.baseUrl ?? null,
      currency: value.currency,
      enabled: value.enabled,
      lowBalanceMinor: value.lowBalanceMinor ?? null,
    };
    const row = await this.prisma.supplierConnection.upsert({
      where: { id },
      create: { id, accountId, supplier: value.supplier, environment: value.environment, ...data },
      update: data,
    });
    return { ok: true, connection: view(row) };
  }

  async list(accountId: string): Promise<ConnectionView[]> {
    const rows = await this.prisma.supplierConnection.findMany({
      where: { accountId },
      orderBy: [{ supplier: "asc" }, { environment: "asc" }],
    });
    return rows.map(view);
  }

  /** Stops (or resumes) buying from a connection; its credentials are kept. */
  async setEnabled(connectionId: string, enabled: boolean): Promise<ChangeResult> {
    const found = await this.prisma.supplierConnection.findUnique({ where: { id: connectionId } });
    if (!found) return { ok: false, code: "NOT_FOUND", message: `No connection ${connectionId}` };

    const row = await this.prisma.supplierConnection.update({
      where: { id: connectionId },
      data: { enabled },
    });
    return { ok: true, connection: view(row) };
  }

  /**
   * Forgets a connection and its sealed credentials. Refused while units of the account wait
   * for pre-order keys from that supplier in that environment: they come through this connection.
   */
  async disconnect(connectionId: string): Promise<ChangeResult> {
    const row = await this.prisma.supplierConnection.findUnique({ where: { id: connectionId } });
    if (!row) return { ok: false, code: "NOT_FOUND", message: `No connection ${connectionId}` };

    const waiting = await this.prisma.purchase.count({
      where: {
        status: "preordered",
        supplier: row.supplier,
        // Sandbox orders buy only from sandbox connections, live orders only from live ones.
        order: { accountId: row.accountId, sandbox: row.environment === "sandbox" },
      },
    });
    if (waiting > 0) {
      return {
        ok: false,
        code: "PREORDERS_WAITING",
        message: `${waiting} pre-ordered units wait for keys from ${row.supplier}; disable instead`,
      };
    }
    await this.prisma.supplierConnection.delete({ where: { id: connectionId } });
    return { ok: true, connection: view(row) };
  }

  /** Opens a connection's credentials; only the registry and callback intake need them. */
  openCredentials(row: { id: string; credentialsSeal: Uint8Array | null }): Record<string, string> {
    if (!row.credentialsSeal) return {};
    return JSON.parse(
      this.vault.openText(row.credentialsSeal, `supplier-connection:${row.id}`),
    ) as Record<string, string>;
  }
}

function view(row: ConnectionView & Record<string, unknown>): ConnectionView {
  return {
    id: row.id,
    supplier: row.supplier,
    environment: row.environment,
    enabled: row.enabled,
    priority: row.priority,
    currency: row.currency,
    baseUrl: row.baseUrl,
    balanceMinor: row.balanceMinor,
    balanceLow: row.balanceLow,
    balanceCheckedAt: row.balanceCheckedAt,
  };
}

function invalid(message: string, details: Record<string, unknown>): ConnectResult {
  return { ok: false, code: "INVALID_CONNECTION", message, details };
}
