import { createHash } from "node:crypto";
import { OwnStockSupplier, type Supplier } from "@premiumcdkeys/suppliers";
import type { PrismaClient } from "../db/types.ts";
import type { KeyVault } from "../vault/key-vault.ts";
import { PrismaOwnStockStore } from "./own-stock-store.ts";
import type { SupplierConnections } from "./supplier-connections.ts";
import { supplierKind } from "./supplier-kinds.ts";

export type RoutingMode = {
  /** Sandbox Mode: only sandbox suppliers (the built-in one and sandbox connections). */
  sandbox: boolean;
};

type ConnectionRow = {
  id: string;
  accountId: string;
  supplier: string;
  environment: string;
  credentialsSeal: Uint8Array | null;
  baseUrl: string | null;
  currency: string;
};

/**
 * Which suppliers an account may buy from, built from its enabled connections. In Sandbox Mode
 * that is the built-in sandbox supplier and the connections to the suppliers' sandboxes; in
 * live mode the live connections and the merchant's own stock. Adapters are kept per connection
 * (so CodesWholesale tokens are reused) and rebuilt when the connection changes.
 */
export class SupplierRegistry {
  readonly #adapters = new Map<string, { version: string; supplier: Supplier }>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly vault: KeyVault,
    private readonly connections: SupplierConnections,
    private readonly sandboxSupplier: Supplier,
    private readonly options: { timeoutMs: number },
  ) {}

  /** The account's usable suppliers by id, e.g. `{ sandbox, codeswholesale }`. */
  async forAccount(accountId: string, mode: RoutingMode): Promise<Record<string, Supplier>> {
    const rows = await this.prisma.supplierConnection.findMany({
      where: { accountId, enabled: true, environment: mode.sandbox ? "sandbox" : "live" },
    });
    const suppliers: Record<string, Supplier> = {};
    if (mode.sandbox) suppliers[this.sandboxSupplier.id] = this.sandboxSupplier;
    else {
      const store = new PrismaOwnStockStore(this.prisma, this.vault, accountId);
      const own = new OwnStockSupplier(
        store,
        rows.find((row) => row.supplier === "own_stock")?.currency ?? "EUR",
      );
      suppliers[own.id] = own;
    }
    for (const row of rows) {
      const supplier = this.forConnection(row);
      if (supplier) suppliers[supplier.id] = supplier;
    }
    return suppliers;
  }

  /** The priority of each enabled connection in this mode, by supplier id (lower first). */
  async priorities(accountId: string, mode: RoutingMode): Promise<Record<string, number>> {
    const rows = await this.prisma.supplierConnection.findMany({
      where: { accountId, enabled: true, environment: mode.sandbox ? "sandbox" : "live" },
      select: { supplier: true, priority: true },
    });
    return Object.fromEntries(rows.map((row) => [row.supplier, row.priority]));
  }

  /** The account's suppliers in the mode its own Sandbox Mode switch says. */
  async forAccountMode(accountId: string): Promise<Record<string, Supplier>> {
    const account = await this.prisma.account.findUnique({
      where: { id: accountId },
      select: { sandboxMode: true },
    });
    return this.forAccount(accountId, { sandbox: account?.sandboxMode ?? true });
  }

  /** The adapter of one connection row; undefined for kinds without an API (own stock). */
  forConnection(row: ConnectionRow): Supplier | undefined {
    const kind = supplierKind(row.supplier);
    if (!kind) return undefined;
    const version = createHash("sha256")
      .update(Buffer.from(row.credentialsSeal ?? new Uint8Array()))
      .update(`${row.baseUrl ?? ""}|${row.currency}|${row.environment}`)
      .digest("hex");
    const cached = this.#adapters.get(row.id);
    if (cached?.version === version) return cached.supplier;

    const environment = row.environment === "live" ? "live" : "sandbox";
    const supplier = kind.create(
      {
        baseUrl: row.baseUrl ?? kind.urls[environment],
        currency: row.currency,
        timeoutMs: this.options.timeoutMs,
      },
      this.connections.openCredentials(row),
    );
    this.#adapters.set(row.id, { version, supplier });
    return supplier;
  }
}
