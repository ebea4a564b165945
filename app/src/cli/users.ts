// `npm run users -- create|list|remove`: operators who sign in to the standalone dashboard at
// /dashboard. The password is read from DASHBOARD_PASSWORD or asked for without echo, never
// taken from the command line, where shell history and `ps` would keep it.
import { userInfo } from "node:os";
import { parseArgs } from "node:util";
import {
  createOperator,
  emailSchema,
  listOperators,
  operatorEmailTaken,
  passwordSchema,
  removeOperator,
} from "@premiumcdkeys/core";
import { CommandError, resolveAccount, withPlatform } from "../commands/command-platform.ts";
import { readSecret } from "../commands/read-secret.ts";

const USAGE = `usage:
  npm run users -- create --email <email> [--account <id>]
      (the password comes from DASHBOARD_PASSWORD, or is asked for; at least 12 characters)
  npm run users -- list [--account <id>]
  npm run users -- remove --email <email> [--account <id>]
      (deletes the operator and ends their sessions; not the account's last one)`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    account: { type: "string" },
    email: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});
const [command] = positionals;
if (values.help || !["create", "list", "remove"].includes(command ?? "")) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 2);
}

let email = "";
let password = "";
if (command === "create" || command === "remove") {
  const parsedEmail = emailSchema.safeParse(values.email ?? "");
  if (!parsedEmail.success) fail("Give a valid --email");
  email = parsedEmail.data;
}
if (command === "create") {
  password = process.env.DASHBOARD_PASSWORD ?? (await readSecret("Password: "));
  const parsedPassword = passwordSchema.safeParse(password);
  if (!parsedPassword.success) fail(`Password: ${parsedPassword.error.issues[0].message}`);
}

await withPlatform(async (platform) => {
  const prisma = platform.db.prisma;
  const account = await resolveAccount(platform, values.account);

  if (command === "create") {
    if (await operatorEmailTaken(prisma, email)) {
      throw new CommandError(`An operator ${email} exists already`);
    }
    const operator = await createOperator(prisma, { accountId: account.id, email, password });
    console.log(`Operator ${operator.email} created on account ${account.id}.`);
    console.log(`Sign in at ${platform.config.appUrl}/dashboard`);
    return;
  }

  if (command === "remove") {
    const operator = (await listOperators(prisma, account.id)).find((o) => o.email === email);
    const removed = operator
      ? await removeOperator(
          prisma,
          { accountId: account.id, actor: `cli:${userInfo().username}` },
          {
            operatorId: operator.id,
          },
        )
      : ({ ok: false, reason: "not_found" } as const);
    if (!removed.ok && removed.reason === "not_found") {
      throw new CommandError(`No operator ${email} on account ${account.id}`);
    }
    if (!removed.ok) throw new CommandError(`${email} is the account's last operator`);
    console.log(`Operator ${email} removed from account ${account.id}; their sessions ended.`);
    return;
  }

  for (const operator of await listOperators(prisma, account.id)) {
    console.log(`${operator.id}  ${operator.email}  created ${operator.createdAt.toISOString()}`);
  }
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}
