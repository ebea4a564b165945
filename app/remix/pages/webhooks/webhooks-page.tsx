import { Form, useNavigation } from "@remix-run/react";
import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  EmptyState,
  InlineStack,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { CheckboxGroup } from "../common/checkbox-group";
import { formatTime } from "../common/format";
import type { WebhooksActionData, WebhooksData } from "./load-webhooks.server";

/** Endpoints, their events and secrets, and each one's latest deliveries. */
export function WebhooksPage({
  data,
  result,
}: {
  data: WebhooksData;
  result?: WebhooksActionData;
}) {
  return (
    <Page title="Webhooks">
      <BlockStack gap="400">
        {result ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
            {result.ok && result.secret ? (
              <p>
                <code data-testid="shown-secret">{result.secret}</code>
              </p>
            ) : null}
          </Banner>
        ) : null}
        <NewEndpoint data={data} result={result} />
        {data.endpoints.length === 0 ? (
          <Card>
            <EmptyState heading="No webhook endpoints" image="">
              <p>Add an endpoint to be told when orders are delivered or fail.</p>
            </EmptyState>
          </Card>
        ) : (
          data.endpoints.map((endpoint) => (
            <Card key={endpoint.id}>
              <BlockStack gap="300">
                <InlineStack align="space-between" blockAlign="center">
                  <Text as="h2" variant="headingMd">
                    {endpoint.url}
                  </Text>
                  <InlineStack gap="200">
                    {endpoint.sandbox ? <Badge>Sandbox</Badge> : null}
                    <Badge tone={endpoint.state === "active" ? "success" : "critical"}>
                      {endpoint.state}
                    </Badge>
                  </InlineStack>
                </InlineStack>
                <Text as="p" tone="subdued">
                  {`Events: ${endpoint.events.join(", ")}`}
                </Text>
                <InlineStack gap="200">
                  <EndpointAction
                    data={data}
                    id={endpoint.id}
                    intent="reveal"
                    label="Reveal secret"
                  />
                  <EndpointAction
                    data={data}
                    id={endpoint.id}
                    intent="rotate"
                    label="Rotate secret"
                  />
                  <EndpointAction data={data} id={endpoint.id} intent="test" label="Send test" />
                  {endpoint.state !== "active" ? (
                    <EndpointAction data={data} id={endpoint.id} intent="resume" label="Resume" />
                  ) : null}
                </InlineStack>
                {endpoint.deliveries.length === 0 ? (
                  <Text as="p" tone="subdued">
                    No deliveries yet.
                  </Text>
                ) : (
                  <DataTable
                    columnContentTypes={[
                      "text",
                      "text",
                      "numeric",
                      "numeric",
                      "numeric",
                      "text",
                      "text",
                    ]}
                    headings={[
                      "Event",
                      "Status",
                      "Attempts",
                      "Response",
                      "Time (ms)",
                      "Created",
                      "",
                    ]}
                    rows={endpoint.deliveries.map((delivery) => [
                      delivery.eventType,
                      delivery.status,
                      delivery.attempts,
                      delivery.responseCode ?? "—",
                      delivery.durationMs ?? "—",
                      formatTime(delivery.createdAt),
                      <Form method="post" key={delivery.id}>
                        <input type="hidden" name="csrf" value={data.csrfToken} />
                        <input type="hidden" name="intent" value="replay" />
                        <input type="hidden" name="endpoint" value={endpoint.id} />
                        <input type="hidden" name="delivery" value={delivery.id} />
                        <Button
                          submit
                          variant="plain"
                          accessibilityLabel={`Replay ${delivery.eventType} delivery`}
                        >
                          Replay
                        </Button>
                      </Form>,
                    ])}
                  />
                )}
              </BlockStack>
            </Card>
          ))
        )}
      </BlockStack>
    </Page>
  );
}

function EndpointAction(props: { data: WebhooksData; id: string; intent: string; label: string }) {
  return (
    <Form method="post">
      <input type="hidden" name="csrf" value={props.data.csrfToken} />
      <input type="hidden" name="intent" value={props.intent} />
      <input type="hidden" name="endpoint" value={props.id} />
      <Button submit>{props.label}</Button>
    </Form>
  );
}

function NewEndpoint({ data, result }: { data: WebhooksData; result?: WebhooksActionData }) {
  const busy = useNavigation().state === "submitting";
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<string[]>(["order.delivered", "order.failed"]);
  const error = (field: string) =>
    result && !result.ok && result.field === field ? result.message : undefined;

  return (
    <Card>
      <Form method="post">
        <input type="hidden" name="csrf" value={data.csrfToken} />
        <input type="hidden" name="intent" value="create" />
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Add an endpoint
          </Text>
          <TextField
            label="Endpoint URL"
            name="url"
            value={url}
            onChange={setUrl}
            autoComplete="off"
            error={error("url")}
          />
          <CheckboxGroup
            legend="Events"
            name="events"
            options={data.eventTypes}
            selected={events}
            onChange={setEvents}
            error={error("events")}
          />
          <InlineStack>
            <Button submit variant="primary" loading={busy}>
              Add endpoint
            </Button>
          </InlineStack>
        </BlockStack>
      </Form>
    </Card>
  );
}
