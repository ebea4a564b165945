// The standalone dashboard over plain HTTP, as a browser without JavaScript would use it: the
// sign-in form's token and cookie, then the session cookie on every page and form post.

export type SignInAnswer = { status: number; session?: string; location: string | null };

/** Opens the sign-in page and returns its form token and the cookie the token pairs with. */
export async function signInForm(baseUrl: string) {
  const answer = await fetch(`${baseUrl}/dashboard/sign-in`);
  const cookie = (answer.headers.get("set-cookie") ?? "").split(";")[0];
  const csrf = (await answer.text()).match(/name="csrf" value="([^"]+)"/)?.[1] ?? "";
  return { cookie, csrf };
}

export async function signInOverHttp(
  baseUrl: string,
  email: string,
  password: string,
  options: { csrf?: string | null } = {},
): Promise<SignInAnswer> {
  const form = await signInForm(baseUrl);
  const fields: Record<string, string> = { email, password };
  const csrf = options.csrf === undefined ? form.csrf : options.csrf;
  if (csrf !== null) fields.csrf = csrf;
  const answer = await fetch(`${baseUrl}/dashboard/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: form.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
  const setCookie = answer.headers.get("set-cookie") ?? "";
  const session = setCookie.match(/pck_session=([^;]+)/)?.[1];
  return {
    status: answer.status,
    session: session ? `pck_session=${session}` : undefined,
    location: answer.headers.get("location"),
  };
}

/** A page with the session cookie; redirects are returned, not followed. */
export function dashboardGet(baseUrl: string, path: string, session: string) {
  return fetch(`${baseUrl}${path}`, { headers: { cookie: session }, redirect: "manual" });
}

/** A form post with the session cookie (and the fields given, CSRF token or not). */
export function dashboardPost(
  baseUrl: string,
  path: string,
  session: string,
  fields: Record<string, string>,
) {
  return fetch(`${baseUrl}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: session, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields),
  });
}

/** The CSRF token a signed-in page carries in its forms. */
export async function pageCsrf(baseUrl: string, path: string, session: string) {
  const html = await (await dashboardGet(baseUrl, path, session)).text();
  return html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? "";
}
