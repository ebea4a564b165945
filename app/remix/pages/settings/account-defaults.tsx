import { BlockStack, Button, Card, InlineStack, Select, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { PostForm } from "./post-form";
import type { Section } from "./settings-page";

const WITH_SHOP_DELIVERY = [
  {
    value: "platform",
    label:
      "As suits each shop: Shopify orders get it too, WooCommerce orders only the shop's email",
  },
  { value: "always", label: "Always: the customer gets our key email as well" },
  { value: "never", label: "Never: only the shop's own delivery" },
];

/** The threshold every product without one of its own is watched with. */
export function LowStockDefault({ data, fieldError }: Section) {
  const [threshold, setThreshold] = useState(String(data.lowStockThreshold));
  return (
    <Card>
      <PostForm data={data} intent="low_stock_default">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Low stock
          </Text>
          <TextField
            label="Default low-stock threshold"
            name="low_stock_threshold"
            type="number"
            min={0}
            value={threshold}
            onChange={setThreshold}
            autoComplete="off"
            helpText="Products without a threshold of their own raise stock.low and show on the Overview when their stock falls below this."
            error={fieldError("lowStockThreshold")}
          />
          <InlineStack>
            <Button submit>Save threshold</Button>
          </InlineStack>
        </BlockStack>
      </PostForm>
    </Card>
  );
}

/** Who the key email seems to come from, where replies go, and when it goes at all. */
export function DeliveryOptions({ data, fieldError }: Section) {
  const [senderName, setSenderName] = useState(data.delivery.senderName ?? "");
  const [replyTo, setReplyTo] = useState(data.delivery.replyTo ?? "");
  const [withShop, setWithShop] = useState<string>(data.delivery.withShopDelivery);
  return (
    <Card>
      <PostForm data={data} intent="delivery_options">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Key delivery
          </Text>
          <TextField
            label="Sender name of the key email"
            name="sender_name"
            value={senderName}
            onChange={setSenderName}
            autoComplete="off"
            helpText="Empty: the installation's sender name. The sending address stays ours."
            error={fieldError("senderName")}
          />
          <TextField
            label="Reply-to address"
            name="reply_to"
            type="email"
            value={replyTo}
            onChange={setReplyTo}
            autoComplete="off"
            helpText="Where the customer's replies go, e.g. your support address. Empty: none."
            error={fieldError("replyTo")}
          />
          <Select
            label="Our key email when the shop delivers the keys itself"
            name="with_shop_delivery"
            options={WITH_SHOP_DELIVERY}
            value={withShop}
            onChange={setWithShop}
            error={fieldError("withShopDelivery")}
          />
          <InlineStack>
            <Button submit>Save delivery options</Button>
          </InlineStack>
        </BlockStack>
      </PostForm>
    </Card>
  );
}
