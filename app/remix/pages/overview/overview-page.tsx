import { Link } from "@remix-run/react";
import {
  Badge,
  BlockStack,
  Card,
  DataTable,
  EmptyState,
  InlineGrid,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { formatTime, orderRef, STATUS_TONES } from "../common/format";
import type { OverviewData } from "./load-overview.server";
import { MoneyChart } from "./money-chart";

const PERIODS = [
  { key: "today", label: "Today" },
  { key: "last7", label: "Last 7 days" },
  { key: "last30", label: "Last 30 days" },
] as const;

/** Orders by status, money, what needs attention, supplier balances and low stock. */
export function OverviewPage({ data }: { data: OverviewData }) {
  return (
    <Page title="Overview">
      <Layout>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="400">
            {PERIODS.map((period) => (
              <Card key={period.key}>
                <BlockStack gap="200">
                  <Text as="h2" variant="headingMd">
                    {period.label}
                  </Text>
                  <StatusCounts counts={data.counts[period.key]} />
                </BlockStack>
              </Card>
            ))}
          </InlineGrid>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Revenue, spend and margin (last 30 days)
              </Text>
              <Text as="p" tone="subdued">
                {moneyScope(data.sandbox)}
              </Text>
              {data.money.length === 0 ? (
                <Text as="p" tone="subdued">
                  No delivered orders or confirmed purchases in the last 30 days.
                </Text>
              ) : (
                <DataTable
                  columnContentTypes={["text", "numeric", "numeric", "numeric", "numeric"]}
                  headings={[
                    "Currency",
                    "Revenue",
                    "Spend",
                    "Margin",
                    "Spent on orders not delivered",
                  ]}
                  rows={data.money.map((row) => [
                    row.currency,
                    row.revenue,
                    row.spend,
                    row.margin,
                    row.otherSpend,
                  ])}
                />
              )}
              <MoneyChart chart={data.chart} />
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <Card>
            <BlockStack gap="300">
              <Text as="h2" variant="headingMd">
                Orders that need attention
              </Text>
              {data.attention.length === 0 ? (
                <EmptyState heading="Nothing needs attention" image="">
                  <p>Failed orders, orders waiting for a mapping and pre-orders appear here.</p>
                </EmptyState>
              ) : (
                <DataTable
                  columnContentTypes={["text", "text", "text", "text"]}
                  headings={["Order", "Status", "Why", "Received"]}
                  rows={data.attention.map((order) => [
                    <Link key={order.id} to={`${data.base}/orders/${order.id}`}>
                      {orderRef(order.storeOrderRef)}
                    </Link>,
                    <Badge key="status" tone={STATUS_TONES[order.status]}>
                      {order.status}
                    </Badge>,
                    order.reason,
                    formatTime(order.createdAt),
                  ])}
                />
              )}
            </BlockStack>
          </Card>
        </Layout.Section>
        <Layout.Section>
          <InlineGrid columns={{ xs: 1, md: 2 }} gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Supplier balances
                </Text>
                {data.suppliers.map((supplier) => (
                  <InlineStack key={supplier.id} align="space-between">
                    <Text as="span">{supplier.name}</Text>
                    <Text as="span">{supplier.balance}</Text>
                  </InlineStack>
                ))}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Low stock
                </Text>
                {data.lowStock.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No product is below its low-stock threshold.
                  </Text>
                ) : (
                  data.lowStock.map((product) => (
                    <InlineStack key={product.id} align="space-between">
                      <Text as="span">{product.name}</Text>
                      <Text as="span" tone="critical">
                        {`${product.stock} left (threshold ${product.threshold})`}
                      </Text>
                    </InlineStack>
                  ))
                )}
              </BlockStack>
            </Card>
          </InlineGrid>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

function moneyScope(sandbox: boolean) {
  const orders = sandbox
    ? "Sandbox orders only, because Sandbox Mode is on; live orders are left out."
    : "Live orders only; sandbox orders are left out.";
  return (
    `${orders} Revenue is what customers paid for delivered orders; spend is the confirmed ` +
    "key purchases for those orders, and margin the difference. Each currency has its own row; " +
    "nothing is converted."
  );
}

function StatusCounts({ counts }: { counts: Record<string, number> }) {
  const entries = Object.entries(counts);
  if (entries.length === 0) {
    return (
      <Text as="p" tone="subdued">
        No orders
      </Text>
    );
  }
  return (
    <BlockStack gap="100">
      {entries.map(([status, count]) => (
        <InlineStack key={status} align="space-between">
          <Badge tone={STATUS_TONES[status]}>{status}</Badge>
          <Text as="span">{String(count)}</Text>
        </InlineStack>
      ))}
    </BlockStack>
  );
}
