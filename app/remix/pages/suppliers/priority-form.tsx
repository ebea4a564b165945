import { Form } from "@remix-run/react";
import { Button, InlineGrid, InlineStack, TextField } from "@shopify/polaris";
import { useState } from "react";
import type { SuppliersActionData, SuppliersData } from "./load-suppliers.server";

type Props = {
  data: SuppliersData;
  connection: SuppliersData["connections"][number];
  result?: SuppliersActionData;
};

/** A connection's routing priority, with the refusal shown beside the field. */
export function PriorityForm({ data, connection, result }: Props) {
  const [priority, setPriority] = useState(String(connection.priority));
  const name = `${connection.supplier} (${connection.environment})`;
  const error =
    result && !result.ok && result.connection === connection.id && result.field === "priority"
      ? result.message
      : undefined;
  return (
    <Form method="post" noValidate>
      <input type="hidden" name="csrf" value={data.csrfToken} />
      <input type="hidden" name="intent" value="priority" />
      <input type="hidden" name="connection" value={connection.id} />
      <InlineGrid columns={{ xs: 1, md: 2 }} gap="300">
        <TextField
          label={`Priority of ${name}`}
          name="priority"
          type="number"
          value={priority}
          onChange={setPriority}
          autoComplete="off"
          helpText="Lower goes first among suppliers at the same price, and for products routed by priority. The built-in sandbox supplier counts as 0."
          error={error}
        />
        <InlineStack blockAlign="end">
          <Button submit accessibilityLabel={`Save priority of ${name}`}>
            Save priority
          </Button>
        </InlineStack>
      </InlineGrid>
    </Form>
  );
}
