// Generates the Prisma client during `npm install`.
// `prisma generate` insists on a schema-engine binary it would download, which cannot be fetched
// offline; the generated client never uses it, so any existing file satisfies the check.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ??= fileURLToPath(import.meta.url);
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";
env.CHECKPOINT_DISABLE = "1";

const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  env,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
