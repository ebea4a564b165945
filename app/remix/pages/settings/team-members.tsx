import { BlockStack, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import { useState } from "react";
import { formatTime } from "../common/format";
import { PostForm } from "./post-form";
import type { Section } from "./settings-page";

/** The account's operators (each removable but yourself) and the form adding one. */
export function Team({ data, fieldError }: Section) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const alone = data.operators.length <= 1;

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Team members
        </Text>
        {data.operators.map((operator) => (
          <InlineStack key={operator.id} gap="300" blockAlign="center">
            <Text as="p">
              {`${operator.email}${operator.you ? " (you)" : ""}, since ${formatTime(operator.createdAt)}`}
            </Text>
            {operator.you || alone ? null : (
              <PostForm data={data} intent="remove_operator">
                <input type="hidden" name="operator" value={operator.id} />
                <Button submit tone="critical" accessibilityLabel={`Remove ${operator.email}`}>
                  Remove
                </Button>
              </PostForm>
            )}
          </InlineStack>
        ))}
        <PostForm data={data} intent="add_operator">
          <BlockStack gap="200">
            <TextField
              label="Team member's email"
              name="email"
              type="email"
              autoComplete="off"
              value={email}
              onChange={setEmail}
              error={fieldError("email")}
            />
            <TextField
              label="Their first password"
              name="password"
              type="password"
              autoComplete="new-password"
              value={password}
              onChange={setPassword}
              error={fieldError("password")}
            />
            <InlineStack>
              <Button submit>Add team member</Button>
            </InlineStack>
          </BlockStack>
        </PostForm>
      </BlockStack>
    </Card>
  );
}
