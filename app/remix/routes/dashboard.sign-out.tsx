import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import {
  clearedSessionCookie,
  dashboardFormScope,
  sessionToken,
} from "../shells/operator-session.server";
import { actorOf } from "../shells/merchant-scope";
import { readForm } from "../shells/read-form.server";

/** Ends the session (its row is deleted, so the cookie is worthless even if kept). */
export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const { scope } = await dashboardFormScope(request, context, form);
  await context.core.recordAudit(context.platform.db.prisma, actorOf(scope), {
    action: "operator.signed_out",
    targetType: "operator",
  });
  await context.core.signOut(context.platform.db.prisma, sessionToken(request) ?? "");
  return redirect("/dashboard/sign-in", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export function loader() {
  return redirect("/dashboard");
}
