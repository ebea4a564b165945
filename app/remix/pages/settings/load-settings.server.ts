import type { WebContext } from "../../load-context";
import { actorOf, type MerchantScope } from "../../shells/merchant-scope";
import { formText, formTexts } from "../common/form-text";
import { operatorAction, type OperatorRequest } from "./operator-actions.server";

export type SettingsData = Awaited<ReturnType<typeof loadSettings>>;

export async function loadSettings(context: WebContext, scope: MerchantScope, operatorId?: string) {
  const { core, platform } = context;
  const settings = await core.accountSettings(platform.db.prisma, scope.accountId);
  const time = (date: Date | null) => date?.toISOString() ?? null;
  return {
    csrfToken: scope.csrfToken ?? "",
    /** Password and team members belong to the standalone shell's sign-in. */
    standalone: scope.base === "/dashboard",
    permissions: core.API_KEY_PERMISSIONS as readonly string[],
    ...settings,
    apiKeys: settings.apiKeys.map((key) => ({
      ...key,
      lastUsedAt: time(key.lastUsedAt),
      revokedAt: time(key.revokedAt),
      createdAt: key.createdAt.toISOString(),
    })),
    operators: settings.operators.map((operator) => ({
      ...operator,
      you: operator.id === operatorId,
      createdAt: operator.createdAt.toISOString(),
    })),
  };
}

export type SettingsActionData =
  | { ok: true; message: string; apiKey?: string }
  | { ok: false; field?: string; message: string; status?: number };

/**
 * Keys, Sandbox Mode, the account's defaults, password and team members; each change is written
 * to the audit log (the core use cases write their own).
 */
export async function settingsAction(
  context: WebContext,
  scope: MerchantScope,
  form: FormData,
  standalone?: OperatorRequest,
): Promise<SettingsActionData> {
  const { core, platform } = context;
  const prisma = platform.db.prisma;
  const by = actorOf(scope);
  const intent = formText(form, "intent");

  if (intent === "create_key") {
    const name = formText(form, "name").trim();
    if (!name || name.length > 100) {
      return { ok: false, field: "name", message: "Give the key a name of up to 100 characters" };
    }
    const asked = formTexts(form, "permissions");
    const permissions = asked.filter((p) =>
      (core.API_KEY_PERMISSIONS as readonly string[]).includes(p),
    );
    if (permissions.length === 0 || permissions.length !== asked.length) {
      return { ok: false, field: "permissions", message: "Choose at least one permission" };
    }
    const created = await core.createApiKey(prisma, scope.accountId, name, {
      permissions: permissions as never,
    });
    await core.recordAudit(prisma, by, {
      action: "api_key.created",
      targetType: "api_key",
      targetId: created.id,
      details: { prefix: created.prefix, permissions },
    });
    return {
      ok: true,
      message: "API key created. It is shown only now: store it safely.",
      apiKey: created.key,
    };
  }
  if (intent === "revoke_key") {
    const id = formText(form, "key");
    const revoked =
      /^[0-9a-f-]{36}$/i.test(id) && (await core.revokeApiKey(prisma, scope.accountId, id));
    if (!revoked) return { ok: false, message: "No such active key" };
    await core.recordAudit(prisma, by, {
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: id,
    });
    return { ok: true, message: "The key is revoked: it no longer opens the API." };
  }
  if (intent === "sandbox") {
    const on = formText(form, "on") === "true";
    await core.setSandboxMode(prisma, scope.accountId, on);
    await core.recordAudit(prisma, by, {
      action: on ? "account.sandbox_on" : "account.sandbox_off",
      targetType: "account",
      targetId: scope.accountId,
    });
    return {
      ok: true,
      message: on ? "Sandbox Mode is on." : "Sandbox Mode is off: the account is live.",
    };
  }
  if (intent === "low_stock_default") {
    const threshold = core.parseWholeNumber(formText(form, "low_stock_threshold"), {
      min: 0,
      max: 1_000_000,
    });
    if (!threshold.ok) return { ok: false, field: "lowStockThreshold", message: threshold.message };
    const changed = await core.setDefaultLowStockThreshold(prisma, by, threshold.value ?? NaN);
    if (!changed.ok) return changed;
    return { ok: true, message: "Default low-stock threshold saved." };
  }
  if (intent === "delivery_options") {
    const changed = await core.setDeliveryOptions(prisma, by, {
      senderName: formText(form, "sender_name"),
      replyTo: formText(form, "reply_to"),
      withShopDelivery: formText(form, "with_shop_delivery"),
    });
    if (!changed.ok) return changed;
    return { ok: true, message: "Delivery options saved." };
  }
  if (standalone) {
    const answer = await operatorAction(context, scope, form, standalone);
    if (answer) return answer;
  }
  return { ok: false, message: "Unknown action" };
}
