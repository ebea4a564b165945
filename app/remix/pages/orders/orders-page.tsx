import { Form, Link, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  IndexTable,
  InlineGrid,
  InlineStack,
  Page,
  Select,
  SkeletonBodyText,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { countOf, formatTime, orderRef, STATUS_TONES } from "../common/format";
import type { OrdersData } from "./load-orders.server";

/** The Orders index: filters by status, shop and dates, search, and pages of 20. */
export function OrdersPage({ data }: { data: OrdersData }) {
  const loading = useNavigation().state === "loading";
  const [status, setStatus] = useState(data.query.status ?? "");
  const [shop, setShop] = useState(data.query.shop_id ?? "");
  const [from, setFrom] = useState(data.query.from ?? "");
  const [to, setTo] = useState(data.query.to ?? "");
  const [search, setSearch] = useState(data.query.q ?? "");
  const fieldError = (field: string) =>
    data.error?.field === field ? data.error.message : undefined;

  const pageLink = (page: number) => {
    const params = new URLSearchParams({ ...data.query, page: String(page) });
    return `${data.base}/orders?${params}`;
  };

  return (
    <Page title="Orders">
      <BlockStack gap="400">
        <Card>
          <Form method="get" role="search" aria-label="Filter orders">
            <BlockStack gap="300">
              <InlineGrid columns={{ xs: 1, md: 5 }} gap="300">
                <TextField
                  label="Order number or customer email"
                  name="q"
                  value={search}
                  onChange={setSearch}
                  autoComplete="off"
                  error={fieldError("q")}
                />
                <Select
                  label="Status"
                  name="status"
                  value={status}
                  onChange={setStatus}
                  options={[
                    { label: "Any", value: "" },
                    ...data.statuses.map((s) => ({ label: s, value: s })),
                  ]}
                  error={fieldError("status")}
                />
                <Select
                  label="Shop"
                  name="shop_id"
                  value={shop}
                  onChange={setShop}
                  options={[
                    { label: "Any", value: "" },
                    ...data.shops.map((s) => ({ label: s.label, value: s.id })),
                  ]}
                  error={fieldError("shop_id")}
                />
                <TextField
                  label="From"
                  name="from"
                  type="date"
                  value={from}
                  onChange={setFrom}
                  autoComplete="off"
                  error={fieldError("from")}
                />
                <TextField
                  label="To"
                  name="to"
                  type="date"
                  value={to}
                  onChange={setTo}
                  autoComplete="off"
                  error={fieldError("to")}
                />
              </InlineGrid>
              <InlineStack gap="200">
                <Button submit variant="primary">
                  Filter
                </Button>
                <Link to={`${data.base}/orders`}>Clear filters</Link>
              </InlineStack>
            </BlockStack>
          </Form>
        </Card>
        {data.error ? (
          <Banner tone="critical" title="The filter was not applied">
            <p>{`${data.error.field}: ${data.error.message}`}</p>
          </Banner>
        ) : null}
        <Card padding="0">
          {loading ? (
            <div style={{ padding: 16 }}>
              <SkeletonBodyText lines={6} />
            </div>
          ) : data.orders.length === 0 ? (
            <EmptyState heading="No orders match" image="">
              <p>Orders appear here as soon as a connected shop sends them.</p>
            </EmptyState>
          ) : (
            <IndexTable
              resourceName={{ singular: "order", plural: "orders" }}
              itemCount={data.orders.length}
              selectable={false}
              headings={[
                { title: "Order" },
                { title: "Status" },
                { title: "Shop" },
                { title: "Customer" },
                { title: "Total" },
                { title: "Received" },
              ]}
            >
              {data.orders.map((order, index) => (
                <IndexTable.Row id={order.id} key={order.id} position={index}>
                  <IndexTable.Cell>
                    <Link to={`${data.base}/orders/${order.id}`}>
                      {orderRef(order.storeOrderRef)}
                    </Link>
                    {order.sandbox ? <Badge>Sandbox</Badge> : null}
                  </IndexTable.Cell>
                  <IndexTable.Cell>
                    <Badge tone={STATUS_TONES[order.status]}>{order.status}</Badge>
                  </IndexTable.Cell>
                  <IndexTable.Cell>{order.shop}</IndexTable.Cell>
                  <IndexTable.Cell>{order.customerEmail ?? "—"}</IndexTable.Cell>
                  <IndexTable.Cell>{order.total}</IndexTable.Cell>
                  <IndexTable.Cell>{formatTime(order.createdAt)}</IndexTable.Cell>
                </IndexTable.Row>
              ))}
            </IndexTable>
          )}
        </Card>
        <InlineStack align="space-between" blockAlign="center">
          <Text as="p" tone="subdued">
            {`${countOf(data.total, "order")}, page ${data.page} of ${Math.max(1, data.pages)}`}
          </Text>
          {/* Plain links: Polaris's Pagination puts aria-labels on disabled spans. */}
          <nav aria-label="Pages">
            <InlineStack gap="300">
              {data.page > 1 ? <Link to={pageLink(data.page - 1)}>Previous page</Link> : null}
              {data.page < data.pages ? <Link to={pageLink(data.page + 1)}>Next page</Link> : null}
            </InlineStack>
          </nav>
        </InlineStack>
      </BlockStack>
    </Page>
  );
}
