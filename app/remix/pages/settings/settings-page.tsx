import {
  Badge,
  Banner,
  BlockStack,
  Button,
  Card,
  DataTable,
  InlineStack,
  Page,
  Text,
  TextField,
} from "@shopify/polaris";
import { useState } from "react";
import { CheckboxGroup } from "../common/checkbox-group";
import { formatTime } from "../common/format";
import { DeliveryOptions, LowStockDefault } from "./account-defaults";
import type { SettingsActionData, SettingsData } from "./load-settings.server";
import { PostForm } from "./post-form";
import { Team } from "./team-members";

type Props = { data: SettingsData; result?: SettingsActionData };

/**
 * Tier and usage, Sandbox Mode, the default low-stock threshold, delivery options, API keys,
 * and (on /dashboard) password and team members.
 */
export function SettingsPage({ data, result }: Props) {
  const fieldError = (field: string) =>
    result && !result.ok && result.field === field ? result.message : undefined;

  return (
    <Page title="Settings">
      <BlockStack gap="400">
        {result ? (
          <Banner tone={result.ok ? "success" : "critical"} title={result.message}>
            {result.ok && result.apiKey ? (
              <p>
                <code data-testid="new-api-key">{result.apiKey}</code>
              </p>
            ) : null}
          </Banner>
        ) : null}
        <Card>
          <BlockStack gap="200">
            <Text as="h2" variant="headingMd">
              API usage
            </Text>
            <Text as="p">{`Tier: ${data.tier}, ${data.limitPerMinute} requests a minute`}</Text>
            <Text as="p">{`This minute: ${data.usedThisMinute} of ${data.limitPerMinute}`}</Text>
          </BlockStack>
        </Card>
        <Card>
          <BlockStack gap="200">
            <InlineStack gap="200" blockAlign="center">
              <Text as="h2" variant="headingMd">
                Sandbox Mode
              </Text>
              <Badge tone={data.sandboxMode ? "attention" : "success"}>
                {data.sandboxMode ? "On" : "Live"}
              </Badge>
            </InlineStack>
            <Text as="p" tone="subdued">
              In Sandbox Mode new orders buy only from sandbox suppliers and new keys are test keys.
            </Text>
            <PostForm data={data} intent="sandbox">
              <input type="hidden" name="on" value={data.sandboxMode ? "false" : "true"} />
              <Button submit>{data.sandboxMode ? "Go live" : "Turn Sandbox Mode on"}</Button>
            </PostForm>
          </BlockStack>
        </Card>
        <LowStockDefault data={data} fieldError={fieldError} />
        <DeliveryOptions data={data} fieldError={fieldError} />
        <ApiKeys data={data} fieldError={fieldError} />
        {data.standalone ? (
          <>
            <ChangePassword data={data} fieldError={fieldError} />
            <Team data={data} fieldError={fieldError} />
          </>
        ) : null}
      </BlockStack>
    </Page>
  );
}

export type Section = {
  data: SettingsData;
  fieldError: (field: string) => string | undefined;
};

function ApiKeys({ data, fieldError }: Section) {
  const [name, setName] = useState("");
  const [permissions, setPermissions] = useState<string[]>(["read"]);
  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          API keys
        </Text>
        {data.apiKeys.length === 0 ? (
          <Text as="p" tone="subdued">
            No API keys yet.
          </Text>
        ) : (
          <DataTable
            columnContentTypes={["text", "text", "text", "text", "text", "text"]}
            headings={["Name", "Key", "Permissions", "Last used", "State", ""]}
            rows={data.apiKeys.map((key) => [
              key.name,
              `${key.prefix}…`,
              key.permissions.join(", "),
              key.lastUsedAt ? formatTime(key.lastUsedAt) : "Never",
              key.revokedAt ? `Revoked ${formatTime(key.revokedAt)}` : "Active",
              key.revokedAt ? (
                ""
              ) : (
                <PostForm data={data} intent="revoke_key" key={key.id}>
                  <input type="hidden" name="key" value={key.id} />
                  <Button submit tone="critical" accessibilityLabel={`Revoke ${key.name}`}>
                    Revoke
                  </Button>
                </PostForm>
              ),
            ])}
          />
        )}
        <PostForm data={data} intent="create_key">
          <BlockStack gap="200">
            <TextField
              label="New key name"
              name="name"
              value={name}
              onChange={setName}
              autoComplete="off"
              error={fieldError("name")}
            />
            <CheckboxGroup
              legend="Permissions"
              name="permissions"
              options={data.permissions}
              selected={permissions}
              onChange={setPermissions}
              error={fieldError("permissions")}
            />
            <InlineStack>
              <Button submit variant="primary">
                Create API key
              </Button>
            </InlineStack>
          </BlockStack>
        </PostForm>
      </BlockStack>
    </Card>
  );
}

function ChangePassword({ data, fieldError }: Section) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  return (
    <Card>
      <PostForm data={data} intent="change_password">
        <BlockStack gap="200">
          <Text as="h2" variant="headingMd">
            Change your password
          </Text>
          <TextField
            label="Current password"
            name="current"
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={setCurrent}
            error={fieldError("current")}
          />
          <TextField
            label="New password"
            name="next"
            type="password"
            autoComplete="new-password"
            helpText="At least 12 characters."
            value={next}
            onChange={setNext}
            error={fieldError("next")}
          />
          <InlineStack>
            <Button submit>Change password</Button>
          </InlineStack>
        </BlockStack>
      </PostForm>
    </Card>
  );
}
