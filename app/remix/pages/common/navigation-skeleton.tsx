import { useLocation, useNavigation } from "@remix-run/react";
import { BlockStack, Card, Layout, SkeletonBodyText, SkeletonPage } from "@shopify/polaris";
import type { ReactNode } from "react";
import { SECTIONS } from "../../shells/navigation";

type Props = { base: "/app" | "/dashboard"; children: ReactNode };

/**
 * Every page's loading state: while the router loads another page, its skeleton (titled with
 * that page's name) stands in for the page being left. Reloads of the same page after a form or
 * a filter keep the page itself, whose own busy states say it is working.
 */
export function NavigationSkeleton({ base, children }: Props) {
  const navigation = useNavigation();
  const location = useLocation();
  const target = navigation.location;
  if (navigation.state !== "loading" || !target || target.pathname === location.pathname) {
    return children;
  }

  return (
    <div role="status" aria-live="polite" aria-label="Loading the page">
      <SkeletonPage title={titleOf(target.pathname, base)} primaryAction>
        <Layout>
          <Layout.Section>
            <BlockStack gap="400">
              <Card>
                <SkeletonBodyText lines={4} />
              </Card>
              <Card>
                <SkeletonBodyText lines={6} />
              </Card>
            </BlockStack>
          </Layout.Section>
        </Layout>
      </SkeletonPage>
    </div>
  );
}

/** The destination's name from the navigation: "/dashboard/orders/<id>" is an "Order". */
function titleOf(pathname: string, base: string): string {
  const [section = "", detail] = pathname.slice(base.length).split("/").filter(Boolean);
  if (section === "orders" && detail) return "Order";
  const found = SECTIONS.find((entry) => entry.path === section);
  if (!section && base === "/dashboard") return "Overview";
  return found?.label ?? "Loading";
}
