// Shopify CLI cannot be installed or run here (it needs Shopify's servers), so this test reads
// shopify.app.toml with a TOML parser and checks what the CLI requires of an app configuration
// and what this app relies on: the keys and their types, the API version, the subscriptions and
// the scopes. It does not prove Shopify accepts the client_id or URLs: `shopify app config link`
// fills those in for a real app.
import fs from "node:fs";
import { parse } from "smol-toml";
import { describe, expect, it } from "vitest";
import { APP_SCOPES } from "../../app/src/shopify/app-scopes.ts";
import { SHOPIFY_API_VERSION } from "../../packages/shopify/src/index.ts";

const root = new URL("../../", import.meta.url);
const read = (name: string) => fs.readFileSync(new URL(name, root), "utf8");

type Subscription = { topics?: string[]; compliance_topics?: string[]; uri: string };
type AppToml = {
  client_id: string;
  name: string;
  application_url: string;
  embedded: boolean;
  access_scopes: { scopes: string };
  auth: { redirect_urls: string[] };
  webhooks: { api_version: string; subscriptions: Subscription[] };
};

describe("shopify.app.toml", () => {
  const toml = parse(read("shopify.app.toml")) as unknown as AppToml;

  it("has the top-level keys the CLI requires, with their types", () => {
    expect(typeof toml.client_id).toBe("string");
    expect(toml.client_id.length).toBeGreaterThan(0);
    expect(typeof toml.name).toBe("string");
    expect(new URL(toml.application_url).protocol).toBe("https:");
    expect(toml.embedded).toBe(true);
    expect(toml.auth.redirect_urls.every((url) => new URL(url).protocol === "https:")).toBe(true);
  });

  it("asks for the scopes the app uses and no more", () => {
    const scopes = toml.access_scopes.scopes.split(",").map((scope) => scope.trim());
    expect(scopes.sort()).toEqual([...APP_SCOPES].sort());
    expect(scopes.every((scope) => /^(read|write)_[a-z_]+$/.test(scope))).toBe(true);
  });

  it("subscribes to the order, uninstall and mandatory privacy topics on API 2026-10", () => {
    expect(toml.webhooks.api_version).toBe("2026-10");
    expect(toml.webhooks.api_version).toBe(SHOPIFY_API_VERSION);
    const subscriptions = toml.webhooks.subscriptions;
    for (const subscription of subscriptions) {
      expect(subscription.uri).toMatch(/^\/webhooks\/app\/[a-z]+$/);
      expect(Boolean(subscription.topics) !== Boolean(subscription.compliance_topics)).toBe(true);
    }
    const topics = subscriptions.flatMap((subscription) => subscription.topics ?? []);
    const compliance = subscriptions.flatMap(
      (subscription) => subscription.compliance_topics ?? [],
    );
    expect(topics.sort()).toEqual(["app/uninstalled", "orders/create", "orders/paid"]);
    expect(compliance.sort()).toEqual([
      "customers/data_request",
      "customers/redact",
      "shop/redact",
    ]);
  });

  it("sends every subscription to a route the app serves", () => {
    const route = fs.readFileSync(new URL("app/remix/routes/webhooks.app.$kind.tsx", root), "utf8");
    for (const subscription of toml.webhooks.subscriptions) {
      const kind = subscription.uri.split("/").at(-1);
      expect(route).toContain(`"${kind}"`);
    }
  });
});

describe("the extensions' configuration", () => {
  it.each(["order-keys-thank-you", "order-keys-status"])(
    "%s is a UI extension on the latest UI extensions version",
    (name) => {
      const toml = parse(read(`extensions/${name}/shopify.extension.toml`)) as {
        api_version: string;
        extensions: {
          type: string;
          handle: string;
          targeting: { target: string; module: string }[];
        }[];
      };
      // The newest published @shopify/ui-extensions is 2026.7; the version follows the package.
      const manifest = JSON.parse(read(`extensions/${name}/package.json`));
      const [year, month] = manifest.dependencies["@shopify/ui-extensions"].split(".");
      expect(toml.api_version).toBe(`${year}-${month.padStart(2, "0")}`);
      const [extension] = toml.extensions;
      expect(extension.type).toBe("ui_extension");
      for (const target of extension.targeting) {
        expect(fs.existsSync(new URL(`extensions/${name}/${target.module}`, root))).toBe(true);
      }
    },
  );
});

describe(".env.example", () => {
  it("names every variable the configuration reads", () => {
    const schema = read("packages/core/src/config/config.ts");
    const block = schema.slice(
      schema.indexOf("environmentSchema"),
      schema.indexOf("export type Config"),
    );
    const variables = [...block.matchAll(/^ {2}([A-Z][A-Z0-9_]+):/gm)].map((match) => match[1]);
    expect(variables.length).toBeGreaterThan(20);
    const example = read(".env.example");
    for (const name of variables.filter((name) => name !== "NODE_ENV")) {
      expect(example).toMatch(new RegExp(`^# ${name}=`, "m"));
    }
  });
});
