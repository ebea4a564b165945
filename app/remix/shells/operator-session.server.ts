import { redirect } from "@remix-run/node";
import type { WebContext } from "../load-context";
import type { MerchantScope } from "./merchant-scope";

type SignedInOperator = Awaited<ReturnType<typeof requireOperator>>;

export const SESSION_COOKIE = "pck_session";

/** The session cookie: http-only, Secure, SameSite=Lax, only for /dashboard, with an expiry. */
export function sessionCookie(token: string, expiresAt: Date): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/dashboard",
    "HttpOnly",
    "Secure",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ].join("; ");
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/dashboard; HttpOnly; Secure; SameSite=Lax; Max-Age=0`;
}

export function sessionToken(request: Request): string | undefined {
  const cookies = request.headers.get("cookie") ?? "";
  for (const part of cookies.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === SESSION_COOKIE && value.length > 0) return value.join("=");
  }
  return undefined;
}

/** The signed-in operator, or a redirect to the sign-in page (expired sessions included). */
export async function requireOperator(request: Request, context: WebContext) {
  const token = sessionToken(request);
  const operator = token
    ? await context.core.operatorForSession(context.platform.db.prisma, token)
    : undefined;
  if (!operator) {
    const next = new URL(request.url).pathname;
    // eslint-disable-next-line @typescript-eslint/only-throw-error -- Remix's redirect is a Response
    throw redirect(`/dashboard/sign-in?next=${encodeURIComponent(next)}`, {
      headers: token ? { "Set-Cookie": clearedSessionCookie() } : {},
    });
  }
  return operator;
}

/** The standalone shell's scope: the operator's account, no particular shop. */
export async function dashboardScope(
  request: Request,
  context: WebContext,
): Promise<MerchantScope> {
  return scopeOf(await requireOperator(request, context));
}

/** The signed-in operator with their scope, for pages that also show who is signed in. */
export async function dashboardSession(request: Request, context: WebContext) {
  const operator = await requireOperator(request, context);
  return { scope: scopeOf(operator), operator };
}

/**
 * A form post's scope: in the standalone shell the form must carry the session's CSRF token,
 * else 403 and nothing changes.
 */
export async function dashboardFormScope(request: Request, context: WebContext, form: FormData) {
  const operator = await requireOperator(request, context);
  if (!context.core.csrfTokenMatches(operator, form.get("csrf"))) {
    throw Response.json(
      {
        error: {
          code: "CSRF_REJECTED",
          message: "The form token is missing or wrong",
          details: {},
        },
      },
      { status: 403 },
    );
  }
  return { scope: scopeOf(operator), operator };
}

function scopeOf(operator: SignedInOperator): MerchantScope {
  return {
    accountId: operator.accountId,
    actor: `operator:${operator.email}`,
    base: "/dashboard",
    csrfToken: operator.csrfToken,
  };
}
