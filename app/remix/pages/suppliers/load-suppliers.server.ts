import type { WebContext } from "../../load-context";
import { actorOf, type MerchantScope } from "../../shells/merchant-scope";
import { moneyText } from "../common/money.server";
import { formText } from "../common/form-text";

export type SuppliersData = Awaited<ReturnType<typeof loadSuppliers>>;

/** Credential fields per supplier kind, with the labels the merchant sees: written, never read back. */
const CREDENTIAL_FIELDS: Record<string, { name: string; label: string }[]> = {
  codeswholesale: [
    { name: "clientId", label: "Client ID" },
    { name: "clientSecret", label: "Client secret" },
    { name: "signature", label: "Signature" },
  ],
  kinguin: [
    { name: "apiKey", label: "API key" },
    { name: "webhookSecret", label: "Webhook secret" },
  ],
  own_stock: [],
};

/** The suppliers' names as the merchant knows them. */
const SUPPLIER_NAMES: Record<string, string> = {
  codeswholesale: "CodesWholesale",
  kinguin: "Kinguin",
  own_stock: "Own stock",
};

export async function loadSuppliers(context: WebContext, scope: MerchantScope) {
  const { core, platform } = context;
  const connections = await platform.supplierConnections.list(scope.accountId);
  return {
    csrfToken: scope.csrfToken ?? "",
    credentialFields: CREDENTIAL_FIELDS,
    supplierNames: SUPPLIER_NAMES,
    connections: connections.map((connection) => ({
      id: connection.id,
      supplier: connection.supplier,
      environment: connection.environment,
      enabled: connection.enabled,
      priority: connection.priority,
      balance:
        connection.balanceMinor === null
          ? "Not checked yet"
          : moneyText(core, connection.balanceMinor, connection.currency),
      balanceLow: connection.balanceLow,
      balanceCheckedAt: connection.balanceCheckedAt?.toISOString() ?? null,
    })),
  };
}

export type SuppliersActionData = {
  ok: boolean;
  message: string;
  /** The connection whose field was refused, for the inline error. */
  connection?: string;
  field?: string;
};

/**
 * Connect (credentials sealed), enable or disable, test, set the priority; each written to the
 * audit log.
 */
export async function suppliersAction(
  context: WebContext,
  scope: MerchantScope,
  form: FormData,
): Promise<SuppliersActionData> {
  const { core, platform } = context;
  const prisma = platform.db.prisma;
  const intent = formText(form, "intent");
  const audit = (action: string, targetId: string, details = {}) =>
    core.recordAudit(prisma, actorOf(scope), {
      action,
      targetType: "supplier_connection",
      targetId,
      details,
    });

  if (intent === "connect") {
    const supplier = formText(form, "supplier");
    const fields = CREDENTIAL_FIELDS[supplier];
    if (!fields) return { ok: false, message: "Choose a supplier" };
    const credentials: Record<string, string> = {};
    for (const { name } of fields) {
      const value = formText(form, name).trim();
      if (value) credentials[name] = value;
    }
    const connected = await platform.supplierConnections.connect(scope.accountId, {
      supplier: supplier as never,
      environment: formText(form, "environment") === "live" ? "live" : "sandbox",
      credentials,
      currency: formText(form, "currency") || "EUR",
    });
    if (!connected.ok) {
      const wrong = (connected.details.fields as string[] | undefined) ?? [];
      const labels = wrong.map((name) => fields.find((f) => f.name === name)?.label ?? name);
      return {
        ok: false,
        message:
          labels.length > 0 ? `Check these credentials: ${labels.join(", ")}` : connected.message,
      };
    }
    // Field names only: the credentials themselves never reach the log.
    await audit("supplier.connected", connected.connection.id, {
      supplier,
      fields: Object.keys(credentials),
    });
    return { ok: true, message: "Supplier connected. Test the connection to see its balance." };
  }

  const id = formText(form, "connection");
  if (!/^[0-9a-f-]{36}$/i.test(id)) return { ok: false, message: "No such connection" };
  if (intent === "test") {
    const tested = await core.testSupplierConnection(
      prisma,
      platform.supplierRegistry,
      scope.accountId,
      id,
    );
    if (!tested) return { ok: false, message: "No such connection" };
    await audit("supplier.tested", id, { ok: tested.ok });
    return tested.ok
      ? {
          ok: true,
          message: `Connected: balance ${moneyText(core, tested.balanceMinor, tested.currency)}`,
        }
      : { ok: false, message: tested.message };
  }
  if (intent === "priority") {
    const priority = core.parseWholeNumber(formText(form, "priority"), { min: -1000, max: 1000 });
    if (!priority.ok)
      return { ok: false, field: "priority", message: priority.message, connection: id };
    const changed = await core.setSupplierPriority(
      prisma,
      actorOf(scope),
      id,
      priority.value ?? NaN,
    );
    if (!changed.ok) return { ...changed, connection: id };
    return { ok: true, message: "Priority saved." };
  }
  if (intent === "enable" || intent === "disable") {
    const changed = await core.setSupplierEnabled(prisma, scope.accountId, id, intent === "enable");
    if (!changed) return { ok: false, message: "No such connection" };
    await audit(intent === "enable" ? "supplier.enabled" : "supplier.disabled", id);
    return { ok: true, message: intent === "enable" ? "Supplier enabled." : "Supplier disabled." };
  }
  return { ok: false, message: "Unknown action" };
}
