import { useEffect } from "react";
import { Form, Link, useNavigation, useRevalidator } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Layout,
  Page,
  Text,
} from "@shopify/polaris";
import { countOf, formatTime, orderRef, STATUS_TONES } from "../common/format";
import type { OrderActionData, OrderData } from "./load-order.server";

/**
 * States the worker moves on from by itself (fulfilled: keys held, delivery queued): the page
 * asks again until the order settles.
 */
const IN_FLIGHT = ["received", "processing", "fulfilled"];
const REFRESH_MS = 2_000;

/** One order: lines, purchases (keys masked until revealed), deliveries and its events. */
export function OrderPage({ data, result }: { data: OrderData; result?: OrderActionData }) {
  const busy = useNavigation().state === "submitting";
  const { order } = data;
  useRefreshWhile(IN_FLIGHT.includes(order.status));
  const revealed = new Map(
    result?.intent === "reveal" ? result.keys.map((key) => [key.purchaseId, key.code]) : [],
  );

  return (
    <Page
      title={`Order ${orderRef(order.storeOrderRef)}`}
      titleMetadata={<Badge tone={STATUS_TONES[order.status]}>{order.status}</Badge>}
    >
      <Layout>
        <Layout.Section>
          <BlockStack gap="400">
            <Link to={`${data.base}/orders`}>Back to orders</Link>
            {result?.intent === "process" ? (
              <Banner tone={result.ok ? "success" : "critical"} title={result.message} />
            ) : null}
            {order.failure ? (
              <Banner tone="critical" title="Why it failed">
                <p>{order.failure}</p>
              </Banner>
            ) : null}
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Summary
                </Text>
                <Text as="p">{`Shop: ${order.shop}`}</Text>
                <Text as="p">{`Customer: ${order.customerEmail ?? "—"}`}</Text>
                <Text as="p">{`Total: ${order.total}`}</Text>
                <Text as="p">{`Received: ${formatTime(order.createdAt)}`}</Text>
                {order.sandbox ? <Badge>Sandbox order</Badge> : null}
                <InlineStack gap="200">
                  {order.canProcess ? (
                    <Form method="post">
                      <input type="hidden" name="csrf" value={data.csrfToken} />
                      <input type="hidden" name="intent" value="process" />
                      <Button submit variant="primary" loading={busy}>
                        Process again
                      </Button>
                    </Form>
                  ) : null}
                  {data.purchases.some((purchase) => purchase.hasKey) ? (
                    <Form method="post">
                      <input type="hidden" name="csrf" value={data.csrfToken} />
                      <input type="hidden" name="intent" value="reveal" />
                      <Button submit>Reveal keys</Button>
                    </Form>
                  ) : null}
                </InlineStack>
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Purchases
                </Text>
                {data.purchases.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Nothing bought yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={["text", "numeric", "text", "text", "numeric", "text"]}
                    headings={["Line", "Unit", "Status", "Supplier", "Cost", "Key"]}
                    rows={data.purchases.map((purchase) => [
                      purchase.line,
                      purchase.unit,
                      purchase.status,
                      purchase.supplier,
                      purchase.cost,
                      purchase.hasKey
                        ? (revealed.get(purchase.id) ?? "•••••-•••••-•••••")
                        : (purchase.lastError ?? "—"),
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Lines
                </Text>
                <DataTable
                  columnContentTypes={["text", "text", "numeric", "text"]}
                  headings={["Product", "SKU", "Quantity", "Mapped"]}
                  rows={data.lines.map((line) => [
                    line.name,
                    line.sku ?? "—",
                    line.quantity,
                    line.mapped ? "Yes" : "Waiting for a mapping",
                  ])}
                />
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
        <Layout.Section variant="oneThird">
          <BlockStack gap="400">
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Deliveries
                </Text>
                {data.deliveries.length === 0 ? (
                  <Text as="p" tone="subdued">
                    Not delivered yet.
                  </Text>
                ) : (
                  data.deliveries.map((delivery) => (
                    <Text as="p" key={delivery.id}>
                      {`${delivery.channel}: ${delivery.status}, ${countOf(delivery.attempts, "attempt")}, ${formatTime(delivery.sentAt)}`}
                    </Text>
                  ))
                )}
              </BlockStack>
            </Card>
            <Card>
              <BlockStack gap="200">
                <Text as="h2" variant="headingMd">
                  Timeline
                </Text>
                <ol aria-label="Order events" style={{ margin: 0, paddingLeft: 18 }}>
                  {data.events.map((event) => (
                    <li key={event.id}>
                      <Text as="p">{`${formatTime(event.createdAt)} ${event.type}`}</Text>
                      {event.attempts.map((attempt) => (
                        <Text as="p" tone="subdued" key={attempt.id}>
                          {`→ ${attempt.url}: ${attempt.statusCode ?? attempt.error ?? "no answer"} in ${attempt.durationMs} ms`}
                        </Text>
                      ))}
                    </li>
                  ))}
                </ol>
              </BlockStack>
            </Card>
          </BlockStack>
        </Layout.Section>
      </Layout>
    </Page>
  );
}

/** Reloads the page's data every few seconds while `active`, so a settling order shows it. */
function useRefreshWhile(active: boolean) {
  const revalidator = useRevalidator();
  const idle = revalidator.state === "idle";
  useEffect(() => {
    if (!active || !idle) return;
    const timer = setTimeout(() => revalidator.revalidate(), REFRESH_MS);
    return () => clearTimeout(timer);
  }, [active, idle, revalidator]);
}
