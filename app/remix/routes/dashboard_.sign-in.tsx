import { randomBytes, timingSafeEqual } from "node:crypto";
import {
  json,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation, useRouteError } from "@remix-run/react";
import {
  AppProvider,
  Banner,
  BlockStack,
  Box,
  Button,
  Card,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { useState } from "react";
import { CLIENT_ADDRESS_HEADER } from "../shells/client-address";
import { sessionCookie } from "../shells/operator-session.server";
import { formText } from "../pages/common/form-text";
import { errorState } from "../pages/common/page-error";
import { readForm } from "../shells/read-form.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "Sign in · PremiumCDKeys" }];

// Before there is a session, the sign-in form is protected by a double-submit token: a random
// value in an http-only cookie that the form must repeat.
const FORM_COOKIE = "pck_signin";

export function loader({ request }: LoaderFunctionArgs) {
  const token = formCookie(request) ?? randomBytes(24).toString("base64url");
  return json(
    { csrfToken: token },
    {
      headers: {
        "Set-Cookie": `${FORM_COOKIE}=${token}; Path=/dashboard; HttpOnly; Secure; SameSite=Strict`,
      },
    },
  );
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const cookieToken = formCookie(request);
  const submitted = formText(form, "csrf");
  if (!cookieToken || !sameText(cookieToken, submitted)) {
    return json(
      { error: "The form expired. Reload the page and sign in again.", csrfRejected: true },
      { status: 403 },
    );
  }

  const email = formText(form, "email");
  const password = formText(form, "password");
  if (!email || !password) {
    return json({ error: "Enter your email and password.", csrfRejected: false }, { status: 400 });
  }
  const outcome = await context.core.signIn(context.platform.db.prisma, {
    email,
    password,
    ip: request.headers.get(CLIENT_ADDRESS_HEADER) ?? undefined,
  });
  if (!outcome.ok) {
    const throttled = outcome.reason === "throttled";
    context.platform.log.warn({ throttled }, "dashboard sign-in refused");
    return json(
      {
        error: throttled
          ? "Too many failed attempts. Wait 15 minutes and try again."
          : "The email or password is not right.",
        csrfRejected: false,
      },
      { status: throttled ? 429 : 401 },
    );
  }

  const next = new URL(request.url).searchParams.get("next") ?? "";
  // Only our own pages: never an absolute or protocol-relative address.
  const target = /^\/dashboard(\/[\w\-/]*)?$/.test(next) ? next : "/dashboard";
  return redirect(target, {
    headers: { "Set-Cookie": sessionCookie(outcome.token, outcome.expiresAt) },
  });
}

export default function SignIn() {
  const { csrfToken } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const busy = useNavigation().state !== "idle";
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");

  return (
    <AppProvider i18n={en}>
      <main>
        <Page narrowWidth title="Sign in to PremiumCDKeys">
          <Card>
            <Form method="post">
              <input type="hidden" name="csrf" value={csrfToken} />
              <BlockStack gap="400">
                {answer?.error ? (
                  <Banner tone="critical" title="Not signed in">
                    <p>{answer.error}</p>
                  </Banner>
                ) : null}
                <TextField
                  label="Email"
                  name="email"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={setEmail}
                />
                <TextField
                  label="Password"
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={setPassword}
                />
                <Box>
                  <Button submit variant="primary" loading={busy}>
                    Sign in
                  </Button>
                </Box>
                <Text as="p" tone="subdued">
                  Shopify merchants open PremiumCDKeys from their Shopify admin instead.
                </Text>
              </BlockStack>
            </Form>
          </Card>
        </Page>
      </main>
    </AppProvider>
  );
}

/** A post that is not a sign-in form at all (no body, JSON): refused plainly, the form offered. */
export function ErrorBoundary() {
  const { title, message } = errorState(useRouteError());
  return (
    <AppProvider i18n={en}>
      <main>
        <Page narrowWidth title={title}>
          <Banner tone="warning" title={message}>
            <p>
              <a href="/dashboard/sign-in">Back to sign-in</a>
            </p>
          </Banner>
        </Page>
      </main>
    </AppProvider>
  );
}

function formCookie(request: Request): string | undefined {
  const match = (request.headers.get("cookie") ?? "").match(/(?:^|;\s*)pck_signin=([\w-]+)/);
  return match?.[1];
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
