import { loadConfig, type Platform } from "@premiumcdkeys/core";
import { bootPlatform } from "../boot.ts";

export class CommandError extends Error {}

/**
 * Runs a one-off command against the installation's database: DATABASE_URL, or the embedded
 * database of DATA_DIR (through the running server's socket when one holds it). Logs only
 * warnings unless LOG_LEVEL says otherwise, so the command's own output stays readable.
 */
export async function withPlatform(
  run: (platform: Platform) => Promise<void>,
  options: { logToStderr?: boolean } = {},
): Promise<never> {
  const platform = await bootPlatform(
    loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" }),
    options.logToStderr ? { logDestination: process.stderr } : undefined,
  );
  let code = 0;
  try {
    await run(platform);
  } catch (error) {
    if (!(error instanceof CommandError)) throw error;
    console.error(error.message);
    code = 1;
  } finally {
    await platform.close();
  }
  // The schema engine's WebAssembly runtime keeps the event loop alive after migrations.
  process.exit(code);
}

/** The account named by --account, or the only account there is. */
export async function resolveAccount(platform: Platform, id: string | undefined) {
  const prisma = platform.db.prisma;
  if (id) {
    const account = await prisma.account.findUnique({ where: { id } });
    if (!account) throw new CommandError(`No account ${id}`);
    return account;
  }
  const accounts = await prisma.account.findMany({ take: 2 });
  if (accounts.length !== 1) {
    throw new CommandError("Name the account with --account <id> (there is not exactly one)");
  }
  return accounts[0];
}
