import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * The command's arguments, or its usage text and exit code 2 when they cannot be read (an
 * unknown option such as `--help`, an option without its value): never a stack trace.
 */
export function parseCommandArgs<T extends Options>(options: T, usage: string) {
  try {
    return parseArgs({ allowPositionals: true, strict: true, options });
  } catch (error) {
    const wanted = process.argv.includes("--help") || process.argv.includes("-h");
    if (!wanted) console.error(error instanceof Error ? error.message : String(error));
    console.error(usage);
    process.exit(wanted ? 0 : 2);
  }
}
