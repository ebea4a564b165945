// `npm run account -- create|list|sandbox|tier`: merchant accounts for WooCommerce and API-only
// merchants, and the settings the dashboard also offers (Sandbox Mode, the API tier).
import { createAccount, setSandboxMode, TIER_LIMITS } from "@premiumcdkeys/core";
import { CommandError, resolveAccount, withPlatform } from "../commands/command-platform.ts";
import { parseCommandArgs } from "../commands/parse-command-args.ts";

const USAGE = `usage:
  npm run account -- create --name <shop or company name>
  npm run account -- list
  npm run account -- sandbox on|off [--account <id>]
  npm run account -- tier standard|business|enterprise [--limit <requests per minute>]
                     [--account <id>]`;

const { positionals, values } = parseCommandArgs(
  { account: { type: "string" }, limit: { type: "string" }, name: { type: "string" } },
  USAGE,
);
const [setting, value] = positionals;
if (!["create", "list", "sandbox", "tier"].includes(setting ?? "")) {
  console.log(USAGE);
  process.exit(2);
}
if (setting === "create" && !values.name) fail("create needs --name <shop or company name>");
if (setting !== "create" && values.name !== undefined) fail("--name is for create only");
if (setting === "create" || setting === "list") {
  await withPlatform(async (platform) => {
    const prisma = platform.db.prisma;
    if (setting === "create") {
      const account = await createAccount(prisma, values.name!).catch((error: unknown) => {
        throw error instanceof RangeError ? new CommandError(error.message) : error;
      });
      console.log(
        `Account ${account.id} "${account.name}" created, in Sandbox Mode, tier standard`,
      );
      console.log(`Next: npm run users -- create --email <you> --account ${account.id}`);
      return;
    }
    const accounts = await prisma.account.findMany({ orderBy: { createdAt: "asc" } });
    for (const account of accounts) {
      const mode = account.sandboxMode ? "sandbox" : "live";
      console.log(`${account.id}  ${mode.padEnd(7)}  ${account.tier.padEnd(10)}  ${account.name}`);
    }
  });
}

// Arguments are checked before the database is opened, so a typo fails at once.
const limit = values.limit === undefined ? null : Number(values.limit);
if (setting === "sandbox" && value !== "on" && value !== "off") fail("sandbox takes on or off");
if (setting === "tier" && value !== "enterprise" && !(value in TIER_LIMITS)) {
  fail("tier takes standard, business or enterprise");
}
if (value !== "enterprise" && limit !== null) fail("--limit is for the enterprise tier only");
if (value === "enterprise" && (!Number.isInteger(limit) || limit! < 1 || limit! > 1_000_000)) {
  fail("enterprise needs --limit, whole requests per minute (1 to 1000000)");
}

await withPlatform(async (platform) => {
  const account = await resolveAccount(platform, values.account);
  const prisma = platform.db.prisma;

  if (setting === "sandbox") {
    await setSandboxMode(prisma, account.id, value === "on");
    console.log(`Sandbox Mode ${value} for ${account.id}`);
    return;
  }

  await prisma.account.update({
    where: { id: account.id },
    data: { tier: value, rateLimitPerMinute: value === "enterprise" ? limit : null },
  });
  console.log(`Tier ${value}${limit ? ` (${limit}/min)` : ""} for ${account.id}`);
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
