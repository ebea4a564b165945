import {
  Badge,
  BlockStack,
  Card,
  EmptyState,
  InlineGrid,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import type { HomeData } from "./load-home.server";
import { countOf } from "../common/format";

/** The merchant's home: connection, Sandbox Mode, today's orders and open data requests. */
export function HomePage({ data }: { data: HomeData }) {
  const { shop, sandboxMode, today, dataRequests } = data;

  return (
    <Page title="PremiumCDKeys">
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Connection
                </Text>
                <Badge tone={shop?.active ? "success" : "critical"}>
                  {shop?.active ? "Connected" : "Disconnected"}
                </Badge>
                <Text as="p">{shop?.domain}</Text>
                <Text as="p" tone="subdued">
                  {shop?.lastWebhookAt
                    ? `Last order webhook ${formatTime(shop.lastWebhookAt)}`
                    : "No order webhook received yet"}
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Sandbox Mode
                </Text>
                <Badge tone={sandboxMode ? "attention" : "success"}>
                  {sandboxMode ? "Sandbox Mode on" : "Live"}
                </Badge>
                <Text as="p" tone="subdued">
                  {sandboxMode
                    ? "This account is in Sandbox Mode: its API keys are test keys."
                    : "This account is live."}
                </Text>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Today
                </Text>
                <Text as="p" variant="headingLg">
                  {`${today.delivered} delivered`}
                </Text>
                <Text as="p" tone={today.failed > 0 ? "critical" : "subdued"}>
                  {`${today.failed} failed`}
                </Text>
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="200">
              <Text as="h2" variant="headingMd">
                Customer data requests
              </Text>
              {dataRequests.length === 0 ? (
                <EmptyState heading="No data requests" image="">
                  <p>Requests customers make through Shopify for their data appear here.</p>
                </EmptyState>
              ) : (
                <BlockStack gap="100">
                  {dataRequests.map((request) => (
                    <Text as="p" key={request.id}>
                      {`${request.customerEmail ?? "Redacted customer"}: ${countOf(request.orders, "order")}, received ${formatTime(request.receivedAt)}`}
                    </Text>
                  ))}
                </BlockStack>
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function formatTime(iso: string): string {
  return new Date(iso).toISOString().replace("T", " ").slice(0, 16) + " UTC";
}
