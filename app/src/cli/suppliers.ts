// `npm run suppliers -- connect|list|enable|disable|disconnect|import-stock|map`: a merchant's
// supplier accounts from the command line. Credentials are checked against the supplier before
// they are saved, sealed, and never printed back.
import { readFile, stat } from "node:fs/promises";
import { parseArgs } from "node:util";
import {
  fromMinorUnits,
  importOwnStock,
  type ConnectionInput,
  type ConnectionView,
  type Platform,
} from "@premiumcdkeys/core";
import { CommandError, resolveAccount, withPlatform } from "../commands/command-platform.ts";
import { OFFER_SUPPLIERS, mapSupplierOffer } from "../commands/supplier-offers.ts";

const USAGE = `usage:
  npm run suppliers -- connect codeswholesale --account <id> --environment sandbox|live
                       --client-id <id> --client-secret <secret> [--signature <signature>]
                       [--currency EUR]
  npm run suppliers -- connect kinguin --account <id> --environment sandbox|live
                       --api-key <key> [--webhook-secret <secret>] [--currency EUR]
  npm run suppliers -- list [--account <id>]
  npm run suppliers -- disable|enable|disconnect <connection id>
  npm run suppliers -- import-stock [--account <id>] --file keys.csv
  npm run suppliers -- map [--account <id>] --product <product id or sku>
                       --supplier codeswholesale|kinguin|own_stock|sandbox
                       --supplier-product <supplier's product id> [--priority <n>]

Secrets may come from the environment instead of the command line (which other users of the
machine can see): CODESWHOLESALE_CLIENT_SECRET, CODESWHOLESALE_SIGNATURE, KINGUIN_API_KEY,
KINGUIN_WEBHOOK_SECRET. --base-url is for tests (SUPPLIER_BASE_URL_OVERRIDE=true).`;

const COMMANDS = ["connect", "list", "disable", "enable", "disconnect", "import-stock", "map"];
const MAX_CSV_BYTES = 10 * 1024 * 1024;
/** Credentials that name the account rather than prove it: shown by their last characters. */
const IDENTIFYING = ["clientId", "apiKey"];

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    account: { type: "string" },
    environment: { type: "string" },
    "client-id": { type: "string" },
    "client-secret": { type: "string" },
    signature: { type: "string" },
    "api-key": { type: "string" },
    "webhook-secret": { type: "string" },
    currency: { type: "string" },
    "base-url": { type: "string" },
    file: { type: "string" },
    product: { type: "string" },
    supplier: { type: "string" },
    "supplier-product": { type: "string" },
    priority: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
const [command, target] = positionals;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!COMMANDS.includes(command ?? ""))
  fail(`${command ? `Unknown command ${command}` : "No command given"}\n${USAGE}`);

// Arguments are checked before the database is opened, so a typo fails at once.
const connection = command === "connect" ? connectionInput() : undefined;
const csv = command === "import-stock" ? await readCsv(values.file) : undefined;
const offer = command === "map" ? offerInput() : undefined;
if (["disable", "enable", "disconnect"].includes(command) && !target) {
  fail(`Give the id of the connection to ${command} (see list)`);
}

await withPlatform(
  async (platform) => {
    const connections = platform.supplierConnections;

    if (connection) {
      const account = await resolveAccount(platform, values.account);
      const result = await connections.connect(account.id, connection, {
        verify: { timeoutMs: platform.config.supplierTimeoutMs },
      });
      if (!result.ok) throw new CommandError(`error ${result.code}: ${explain(result)}`);
      console.log(result.connection.id);
      const callbackUrl = `${platform.config.appUrl}/api/webhook/suppliers/${connection.supplier}`;
      console.error(`connected; register ${callbackUrl} as the supplier's callback URL`);
      return;
    }

    if (command === "list") {
      const account = await resolveAccount(platform, values.account);
      for (const line of await describeConnections(platform, account.id)) console.log(line);
      return;
    }

    if (csv !== undefined) {
      const account = await resolveAccount(platform, values.account);
      const result = await importOwnStock(platform.db.prisma, platform.vault, account.id, csv);
      if (!result.ok) {
        const lines = result.errors.slice(0, 20).map((e) => `line ${e.line}: ${e.message}`);
        throw new CommandError(`Nothing imported:\n${lines.join("\n")}`);
      }
      console.log(`Imported ${result.imported} keys for ${account.id}`);
      return;
    }

    if (offer) {
      const account = await resolveAccount(platform, values.account);
      const mapped = await mapSupplierOffer(platform, account.id, offer);
      console.log(
        `${mapped.offer.id}  product ${mapped.product.id}  ${mapped.offer.supplier} ` +
          `${mapped.offer.supplierProductId}  priority ${mapped.offer.priority}`,
      );
      return;
    }

    const result =
      command === "disconnect"
        ? await connections.disconnect(target)
        : await connections.setEnabled(target, command === "enable");
    if (!result.ok) throw new CommandError(`error ${result.code}: ${result.message}`);
    const done = { disconnect: "disconnected", enable: "enabled", disable: "disabled" };
    console.log(`${done[command as keyof typeof done]} ${target}`);
    // Logs go to stderr so that stdout carries only the results (a new connection's id).
  },
  { logToStderr: true },
);

function connectionInput(): ConnectionInput {
  const environment = values.environment;
  if (environment !== "sandbox" && environment !== "live") {
    fail("--environment must be sandbox or live");
  }
  if (values.currency !== undefined && !/^[A-Z]{3}$/.test(values.currency)) {
    fail("--currency must be an ISO 4217 code such as EUR");
  }
  const common: Partial<ConnectionInput> = {
    environment,
    currency: values.currency,
    baseUrl: values["base-url"],
  };

  if (target === "codeswholesale") {
    const clientId = values["client-id"];
    const clientSecret = values["client-secret"] ?? process.env.CODESWHOLESALE_CLIENT_SECRET;
    const signature = values.signature ?? process.env.CODESWHOLESALE_SIGNATURE;
    if (!clientId || !clientSecret) fail("codeswholesale needs --client-id and --client-secret");
    const credentials = { clientId, clientSecret, ...(signature ? { signature } : {}) };
    return { supplier: "codeswholesale", credentials, ...common };
  }
  if (target === "kinguin") {
    const apiKey = values["api-key"] ?? process.env.KINGUIN_API_KEY;
    const webhookSecret = values["webhook-secret"] ?? process.env.KINGUIN_WEBHOOK_SECRET;
    if (!apiKey) fail("kinguin needs --api-key");
    const credentials = { apiKey, ...(webhookSecret ? { webhookSecret } : {}) };
    return { supplier: "kinguin", credentials, ...common };
  }
  fail("connect takes codeswholesale or kinguin");
}

async function readCsv(file: string | undefined): Promise<string> {
  if (!file) fail("import-stock needs --file <keys.csv>");
  const size = await stat(file).then(
    (found) => (found.isFile() ? found.size : -1),
    () => -1,
  );
  if (size < 0) fail(`No file ${file}`);
  if (size > MAX_CSV_BYTES) fail(`${file} is larger than 10 MB: split it`);
  return readFile(file, "utf8");
}

function offerInput() {
  const { product, supplier } = values;
  const supplierProductId = values["supplier-product"];
  if (!product || !supplier || !supplierProductId) {
    fail("map needs --product, --supplier and --supplier-product");
  }
  if (!OFFER_SUPPLIERS.includes(supplier)) {
    fail(`--supplier must be one of ${OFFER_SUPPLIERS.join(", ")}`);
  }
  const priority = values.priority === undefined ? undefined : Number(values.priority);
  if (priority !== undefined && (!Number.isInteger(priority) || Math.abs(priority) > 1_000_000)) {
    fail("--priority must be a whole number");
  }
  return { product, supplier, supplierProductId, priority };
}

/** One line per connection: identifying credentials shortened to their end, secrets as "set". */
async function describeConnections(platform: Platform, accountId: string): Promise<string[]> {
  const views = await platform.supplierConnections.list(accountId);
  const rows = await platform.db.prisma.supplierConnection.findMany({ where: { accountId } });
  return views.map((view) => {
    const row = rows.find((candidate) => candidate.id === view.id)!;
    const credentials = platform.supplierConnections.openCredentials(row);
    return [...describeView(view), ...Object.entries(credentials).map(maskCredential)].join("  ");
  });
}

function describeView(view: ConnectionView): string[] {
  const balance =
    view.balanceMinor === null
      ? "balance=unknown"
      : `balance=${fromMinorUnits(view.balanceMinor, view.currency)} ${view.currency}`;
  return [
    view.id,
    view.supplier,
    view.environment,
    view.enabled ? "enabled" : "disabled",
    `currency=${view.currency}`,
    view.balanceLow ? `${balance} (low)` : balance,
    ...(view.baseUrl ? [`base_url=${view.baseUrl}`] : []),
  ];
}

function maskCredential([name, value]: [string, string]): string {
  if (!IDENTIFYING.includes(name) || value.length < 12) return `${name}=set`;
  return `${name}=…${value.slice(-4)}`;
}

function explain(result: { message: string; details: Record<string, unknown> }): string {
  const fields = (result.details.fields ?? result.details.issues) as string[] | undefined;
  return fields?.length ? `${result.message} (${fields.join(", ")})` : result.message;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
