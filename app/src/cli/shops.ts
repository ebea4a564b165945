// `npm run shops -- connect-woo|list|disconnect`: the same shop use cases as the dashboard's
// Shops page, for operators. Results go to stdout, logs to stderr.
import { ConfigError, loadConfig, type Platform, type ShopSummary } from "@premiumcdkeys/core";
import { bootPlatform } from "../boot.ts";
import { parseCommandArgs } from "../commands/parse-command-args.ts";

const USAGE = `usage:
  npm run shops -- connect-woo --account <account id> --url <shop url>
                               --key <ck_...> --secret <cs_...>
  npm run shops -- list [--account <account id>]
  npm run shops -- disconnect <shop id>
The consumer secret may come from WOO_CONSUMER_SECRET instead of --secret.`;

const { positionals, values } = parseCommandArgs(
  {
    account: { type: "string" },
    url: { type: "string" },
    key: { type: "string" },
    secret: { type: "string" },
  },
  USAGE,
);
const [command, shopId] = positionals;
if (!["connect-woo", "list", "disconnect"].includes(command ?? "")) usage();

let platform: Platform;
try {
  platform = await bootPlatform(loadConfig(), { logDestination: process.stderr });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

let exitCode = 0;
try {
  exitCode = await run(platform);
} finally {
  await platform.close();
}
// The schema engine's WebAssembly runtime keeps the event loop alive for a while after use.
process.exit(exitCode);

async function run(platform: Platform): Promise<number> {
  const connections = platform.shopConnections!;
  if (command === "connect-woo") {
    const secret = values.secret ?? process.env.WOO_CONSUMER_SECRET;
    if (!values.account || !values.url || !values.key || !secret) usage();
    const result = await connections.connectWooCommerce({
      accountId: values.account,
      url: values.url,
      consumerKey: values.key,
      consumerSecret: secret,
    });
    if (!result.ok) return failed(result.code, result.message);
    console.log(result.shopId);
    console.error(`connected; WooCommerce will send order webhooks to ${result.webhookUrl}`);
    return 0;
  }

  if (command === "list") {
    for (const shop of await connections.list({ accountId: values.account })) {
      console.log(describe(shop));
    }
    return 0;
  }

  if (!shopId) usage();
  const result = await connections.disconnect(shopId);
  if (!result.ok) return failed(result.code, result.message);
  console.log(`disconnected ${shopId}`);
  if (result.warning) console.error(`warning: ${result.warning}`);
  return 0;
}

function describe(shop: ShopSummary): string {
  const fields = [
    shop.id,
    shop.platform,
    shop.woocommerce?.url ?? shop.domain,
    shop.active ? "active" : "disconnected",
    `account=${shop.accountId}`,
  ];
  if (shop.woocommerce) {
    const hooks = Object.entries(shop.woocommerce.webhookIds).map(
      ([topic, id]) => `${topic}#${id}`,
    );
    fields.push(`key=${shop.woocommerce.consumerKey}`, `webhooks=${hooks.join(",") || "none"}`);
    if (shop.woocommerce.lastCheckError)
      fields.push(`last_check_error="${shop.woocommerce.lastCheckError}"`);
  }
  return fields.join("  ");
}

function failed(code: string, message: string): number {
  console.error(`error ${code}: ${message}`);
  return 1;
}

function usage(): never {
  console.error(USAGE);
  process.exit(2);
}
