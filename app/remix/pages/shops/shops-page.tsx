import { Form } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  EmptyState,
  InlineGrid,
  InlineStack,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { formatTime } from "../common/format";
import type { ShopsActionData, ShopsData } from "./load-shops.server";

type Props = { data: ShopsData; result?: ShopsActionData };

/** Connected shops with their health; connect a WooCommerce shop; disconnect. */
export function ShopsPage({ data, result }: Props) {
  return (
    <Page title="Shops">
      <BlockStack gap="400">
        {result ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.message} />
        ) : null}
        {data.shops.length === 0 ? (
          <Card>
            <EmptyState heading="No shops connected" image="">
              <p>Connect a WooCommerce shop below, or install the app from your Shopify admin.</p>
            </EmptyState>
          </Card>
        ) : (
          data.shops.map((shop) => (
            <Card key={shop.id}>
              <BlockStack gap="200">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {shop.domain}
                  </Text>
                  <InlineStack gap="200">
                    <Badge>{shop.platform}</Badge>
                    <Badge tone={shop.active ? "success" : "critical"}>
                      {shop.active ? "Connected" : "Disconnected"}
                    </Badge>
                  </InlineStack>
                </InlineStack>
                <Text as="p">{`Last webhook received: ${formatTime(shop.lastWebhookAt)}`}</Text>
                <Text as="p" tone={shop.failedOrders7d > 0 ? "critical" : "subdued"}>
                  {`Failed orders in the last 7 days: ${shop.failedOrders7d}`}
                </Text>
                {shop.woo ? (
                  <Text as="p" tone="subdued">
                    {`Key ${shop.woo.consumerKey}; webhooks checked ${formatTime(shop.woo.lastCheckAt)}${shop.woo.lastCheckError ? `: ${shop.woo.lastCheckError}` : ""}`}
                  </Text>
                ) : null}
                {shop.active && shop.platform === "woocommerce" ? (
                  <Form method="post">
                    <input type="hidden" name="csrf" value={data.csrfToken} />
                    <input type="hidden" name="intent" value="disconnect" />
                    <input type="hidden" name="shop" value={shop.id} />
                    <Button submit tone="critical" accessibilityLabel={`Disconnect ${shop.domain}`}>
                      Disconnect
                    </Button>
                  </Form>
                ) : null}
              </BlockStack>
            </Card>
          ))
        )}
        {data.canConnectWoo ? <ConnectWoo data={data} /> : null}
      </BlockStack>
    </Page>
  );
}

function ConnectWoo({ data }: { data: ShopsData }) {
  const [url, setUrl] = useState("");
  const [key, setKey] = useState("");
  const [secret, setSecret] = useState("");
  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="csrf" value={data.csrfToken} />
        <input type="hidden" name="intent" value="connect_woo" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Connect a WooCommerce shop
          </Text>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <TextField
              label="Shop URL"
              name="url"
              value={url}
              onChange={setUrl}
              autoComplete="off"
            />
            <TextField
              label="Consumer key"
              name="consumer_key"
              value={key}
              onChange={setKey}
              autoComplete="off"
            />
            <TextField
              label="Consumer secret"
              name="consumer_secret"
              type="password"
              value={secret}
              onChange={setSecret}
              autoComplete="off"
            />
          </InlineGrid>
          <InlineStack>
            <Button submit variant="primary">
              Connect shop
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
