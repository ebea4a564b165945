// `npm run apikey -- create|revoke|list`: API keys from the command line. Keys are shown once,
// at creation; the database keeps only their hashes.
import {
  API_KEY_PERMISSIONS,
  createApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyPermission,
} from "@premiumcdkeys/core";
import { CommandError, resolveAccount, withPlatform } from "../commands/command-platform.ts";
import { parseCommandArgs } from "../commands/parse-command-args.ts";

const USAGE = `usage:
  npm run apikey -- create [--account <id>] [--name <name>] [--permissions read,process,keys]
                           [--mode test|live]
  npm run apikey -- list [--account <id>]
  npm run apikey -- revoke <key id> [--account <id>]

Permissions: read (every GET), process (every change), keys (key codes with ?include=keys).
The mode defaults to the account's: test keys (pck_test_) while it is in Sandbox Mode.`;

const { positionals, values } = parseCommandArgs(
  {
    account: { type: "string" },
    name: { type: "string" },
    permissions: { type: "string" },
    mode: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
  USAGE,
);
const [command, keyId] = positionals;
if (values.help || !["create", "list", "revoke"].includes(command ?? "")) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

// Arguments are checked before the database is opened, so a typo fails at once.
const permissions = parsePermissions(values.permissions ?? "read,process");
if (values.mode !== undefined && values.mode !== "test" && values.mode !== "live") {
  fail("--mode must be test or live");
}
if (command === "revoke" && !keyId) fail("Give the id of the key to revoke (see list)");

await withPlatform(async (platform) => {
  const prisma = platform.db.prisma;
  const account = await resolveAccount(platform, values.account);

  if (command === "create") {
    const created = await createApiKey(prisma, account.id, values.name ?? "Command line key", {
      mode: values.mode as "test" | "live" | undefined,
      permissions,
    });
    console.log("API key created. It is shown only now: store it safely.");
    console.log(created.key);
    console.log(`id ${created.id}  permissions ${created.permissions.join(",")}`);
    return;
  }

  if (command === "revoke") {
    if (!(await revokeApiKey(prisma, account.id, keyId))) {
      throw new CommandError(`No active key ${keyId} on account ${account.id}`);
    }
    console.log(`Revoked ${keyId}`);
    return;
  }

  for (const key of await listApiKeys(prisma, account.id)) {
    const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : "active";
    const used = key.lastUsedAt ? key.lastUsedAt.toISOString() : "never";
    console.log(
      `${key.id}  ${key.prefix}...  ${key.permissions.join(",")}  last used ${used}  ${state}  ${key.name}`,
    );
  }
});

function parsePermissions(text: string): ApiKeyPermission[] {
  const asked = text.split(",").map((part) => part.trim());
  const unknown = asked.filter((part) => !API_KEY_PERMISSIONS.includes(part as ApiKeyPermission));
  if (unknown.length > 0) fail(`Unknown permissions: ${unknown.join(", ")}`);
  return asked as ApiKeyPermission[];
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
