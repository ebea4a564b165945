import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData, useRouteError } from "@remix-run/react";
import {
  AppProvider,
  Banner,
  BlockStack,
  Box,
  Button,
  InlineStack,
  Page,
  Text,
} from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import polarisStyles from "@shopify/polaris/build/esm/styles.css?url";
import { NavigationSkeleton } from "../pages/common/navigation-skeleton";
import { errorState } from "../pages/common/page-error";
import { DASHBOARD_SECTIONS } from "../shells/navigation";
import { requireOperator } from "../shells/operator-session.server";

export const links = () => [{ rel: "stylesheet", href: polarisStyles }];
export const meta: MetaFunction = () => [{ title: "PremiumCDKeys dashboard" }];

/** The standalone shell: an operator's session, Polaris and the navigation around every page. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const operator = await requireOperator(request, context);
  return { email: operator.email, csrfToken: operator.csrfToken };
}

export default function DashboardShell() {
  const { email, csrfToken } = useLoaderData<typeof loader>();
  return (
    <AppProvider i18n={en}>
      <Box padding="400" background="bg-surface" borderBlockEndWidth="025" borderColor="border">
        <InlineStack align="space-between" blockAlign="center" gap="400">
          <nav aria-label="Dashboard">
            <InlineStack gap="400" blockAlign="center">
              <Text as="span" variant="headingMd">
                PremiumCDKeys
              </Text>
              {DASHBOARD_SECTIONS.map((section) => (
                <NavLink
                  key={section.path}
                  to={section.path ? `/dashboard/${section.path}` : "/dashboard"}
                  end={!section.path}
                  style={({ isActive }) => ({
                    fontWeight: isActive ? 700 : 400,
                    color: "#202223",
                  })}
                >
                  {section.label}
                </NavLink>
              ))}
            </InlineStack>
          </nav>
          <Form method="post" action="/dashboard/sign-out">
            <input type="hidden" name="csrf" value={csrfToken} />
            <InlineStack gap="200" blockAlign="center">
              <Text as="span" tone="subdued">
                {email}
              </Text>
              <Button submit>Sign out</Button>
            </InlineStack>
          </Form>
        </InlineStack>
      </Box>
      <main>
        <BlockStack>
          <NavigationSkeleton base="/dashboard">
            <Outlet />
          </NavigationSkeleton>
        </BlockStack>
      </main>
    </AppProvider>
  );
}

/** The shell itself failed (its session check): said plainly, no internals. */
export function ErrorBoundary() {
  const { title, message } = errorState(useRouteError());
  return (
    <AppProvider i18n={en}>
      <main>
        <Page title={title}>
          <Banner tone="critical" title={message}>
            <p>
              <a href="/dashboard">Back to the overview</a>
            </p>
          </Banner>
        </Page>
      </main>
    </AppProvider>
  );
}
