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
  Select,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { formatTime } from "../common/format";
import { PriorityForm } from "./priority-form";
import type { SuppliersActionData, SuppliersData } from "./load-suppliers.server";

type Props = { data: SuppliersData; result?: SuppliersActionData };

/**
 * Supplier connections: enabled, priority, balance, a connection test; write-only credentials.
 */
export function SuppliersPage({ data, result }: Props) {
  return (
    <Page title="Suppliers">
      <BlockStack gap="400">
        {result ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.message} />
        ) : null}
        <Card>
          <BlockStack gap="100">
            <Text as="h2" variant="headingMd">
              Sandbox supplier
            </Text>
            <Text as="p" tone="subdued">
              Built in: sells test keys to sandbox orders. Always available in Sandbox Mode.
            </Text>
          </BlockStack>
        </Card>
        {data.connections.length === 0 ? (
          <Card>
            <EmptyState heading="No supplier accounts connected" image="">
              <p>Connect a CodesWholesale or Kinguin account below to buy live keys.</p>
            </EmptyState>
          </Card>
        ) : null}
        {data.connections.map((connection) => (
          <Card key={connection.id}>
            <BlockStack gap="200">
              <InlineStack align="space-between" blockAlign="center">
                <Text as="h2" variant="headingMd">
                  {`${connection.supplier} (${connection.environment})`}
                </Text>
                <Badge tone={connection.enabled ? "success" : "critical"}>
                  {connection.enabled ? "Enabled" : "Disabled"}
                </Badge>
              </InlineStack>
              <Text as="p" tone={connection.balanceLow ? "critical" : undefined}>
                {`Balance: ${connection.balance} (checked ${formatTime(connection.balanceCheckedAt)})`}
              </Text>
              <PriorityForm data={data} connection={connection} result={result} />
              <InlineStack gap="200">
                <ConnectionAction
                  data={data}
                  id={connection.id}
                  intent="test"
                  label="Test connection"
                />
                <ConnectionAction
                  data={data}
                  id={connection.id}
                  intent={connection.enabled ? "disable" : "enable"}
                  label={connection.enabled ? "Disable" : "Enable"}
                />
              </InlineStack>
            </BlockStack>
          </Card>
        ))}
        <Connect data={data} />
      </BlockStack>
    </Page>
  );
}

function ConnectionAction(props: {
  data: SuppliersData;
  id: string;
  intent: string;
  label: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="csrf" value={props.data.csrfToken} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="connection" value={props.id} />
      <Button submit>{props.label}</Button>
    </Form>
  );
}

function Connect({ data }: { data: SuppliersData }) {
  const kinds = Object.keys(data.credentialFields);
  const [supplier, setSupplier] = useState(kinds[0]);
  const [environment, setEnvironment] = useState("sandbox");
  const [values, setValues] = useState<Record<string, string>>({});
  return (
    <Card>
      <Form method="post" autoComplete="off">
        <input type="hidden" name="csrf" value={data.csrfToken} />
        <input type="hidden" name="intent" value="connect" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Connect a supplier account
          </Text>
          <Text as="p" tone="subdued">
            Credentials are stored encrypted and never shown again.
          </Text>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            <Select
              label="Supplier"
              name="supplier"
              value={supplier}
              onChange={setSupplier}
              options={kinds.map((kind) => ({
                label: data.supplierNames[kind] ?? kind,
                value: kind,
              }))}
            />
            <Select
              label="Environment"
              name="environment"
              value={environment}
              onChange={setEnvironment}
              options={[
                { label: "Sandbox", value: "sandbox" },
                { label: "Live", value: "live" },
              ]}
            />
          </InlineGrid>
          <InlineGrid columns={{ xs: 1, md: 3 }} gap="300">
            {data.credentialFields[supplier].map((field) => (
              <TextField
                key={`${supplier}-${field.name}`}
                label={field.label}
                name={field.name}
                type="password"
                autoComplete="off"
                value={values[field.name] ?? ""}
                onChange={(value) => setValues({ ...values, [field.name]: value })}
              />
            ))}
          </InlineGrid>
          <InlineStack>
            <Button submit variant="primary">
              Connect supplier
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
