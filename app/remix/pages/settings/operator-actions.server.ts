import type { SignedInOperator } from "@premiumcdkeys/core";
import type { WebContext } from "../../load-context";
import { actorOf, type MerchantScope } from "../../shells/merchant-scope";
import { formText } from "../common/form-text";

/** The signed-in operator of the standalone shell, and the address the request came from. */
export type OperatorRequest = { operator: SignedInOperator; ip?: string };

export type OperatorActionData =
  { ok: true; message: string } | { ok: false; field?: string; message: string; status: number };

// One answer for every email that cannot be added, whether it signs in to this account or to
// another one: the form must not tell which addresses are customers elsewhere.
const EMAIL_NOT_ADDED = "This email cannot be added. Use another address.";

/** Settings' password and team forms of /dashboard; undefined for any other intent. */
export async function operatorAction(
  context: WebContext,
  scope: MerchantScope,
  form: FormData,
  { operator, ip }: OperatorRequest,
): Promise<OperatorActionData | undefined> {
  const intent = formText(form, "intent");
  if (intent === "change_password") return changePassword(context, scope, form, operator, ip);
  if (intent === "add_operator") return addOperator(context, scope, form);
  if (intent === "remove_operator") return removeOperator(context, scope, form, operator);
  return undefined;
}

async function changePassword(
  { core, platform }: WebContext,
  scope: MerchantScope,
  form: FormData,
  operator: SignedInOperator,
  ip: string | undefined,
): Promise<OperatorActionData> {
  const prisma = platform.db.prisma;
  const changed = await core.changePassword(prisma, operator, {
    current: formText(form, "current"),
    next: formText(form, "next"),
    ip,
  });
  if (!changed.ok) {
    const status = changed.throttled ? 429 : 400;
    if (changed.throttled) platform.log.warn({ throttled: true }, "password change refused");
    return { ok: false, field: changed.field, message: changed.message, status };
  }

  await core.recordAudit(prisma, actorOf(scope), {
    action: "operator.password_changed",
    targetType: "operator",
    targetId: operator.operatorId,
  });
  return { ok: true, message: "Password changed. Other sessions were signed out." };
}

async function addOperator(
  { core, platform }: WebContext,
  scope: MerchantScope,
  form: FormData,
): Promise<OperatorActionData> {
  const prisma = platform.db.prisma;
  const email = core.emailSchema.safeParse(formText(form, "email"));
  if (!email.success) {
    return { ok: false, field: "email", message: "Enter a valid email", status: 400 };
  }
  const password = core.passwordSchema.safeParse(formText(form, "password"));
  if (!password.success) {
    const message = password.error.issues[0].message;
    return { ok: false, field: "password", message, status: 400 };
  }
  if (await core.operatorEmailTaken(prisma, email.data)) {
    return { ok: false, field: "email", message: EMAIL_NOT_ADDED, status: 400 };
  }

  const created = await core
    .createOperator(prisma, {
      accountId: scope.accountId,
      email: email.data,
      password: password.data,
    })
    // The same email added twice at once: the unique index refuses the second.
    .catch((error: unknown) => {
      if ((error as { code?: unknown }).code === "P2002") return undefined;
      throw error;
    });
  if (!created) return { ok: false, field: "email", message: EMAIL_NOT_ADDED, status: 400 };
  await core.recordAudit(prisma, actorOf(scope), {
    action: "operator.created",
    targetType: "operator",
    targetId: created.id,
    details: { email: created.email },
  });
  return { ok: true, message: `${created.email} can now sign in.` };
}

const REMOVAL_REFUSED = {
  not_found: { status: 404, message: "There is no such team member in this account." },
  self: { status: 409, message: "You cannot remove yourself: ask another team member." },
  last_operator: { status: 409, message: "The account's last team member cannot be removed." },
} as const;

async function removeOperator(
  { core, platform }: WebContext,
  scope: MerchantScope,
  form: FormData,
  operator: SignedInOperator,
): Promise<OperatorActionData> {
  const operatorId = formText(form, "operator");
  if (!/^[0-9a-f-]{36}$/i.test(operatorId)) return { ok: false, ...REMOVAL_REFUSED.not_found };

  const removed = await core.removeOperator(platform.db.prisma, actorOf(scope), {
    operatorId,
    removedBy: operator.operatorId,
  });
  if (!removed.ok) return { ok: false, ...REMOVAL_REFUSED[removed.reason] };
  return { ok: true, message: `${removed.email} was removed and signed out.` };
}
