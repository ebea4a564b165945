import { pino, type Logger } from "pino";

export type { Logger };

/**
 * One JSON object per line. Levels: rejected input and retried failures are `warn`, failures
 * that need a person are `error`, progress is `info` or `debug`.
 *
 * The redaction paths are a second line of defence: code never hands keys or secrets to the
 * logger in the first place.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { service: "premiumcdkeys" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: {
        paths: [
          "secret",
          "*.secret",
          "apiKey",
          "*.apiKey",
          "api_key",
          "*.api_key",
          "authorization",
          "*.authorization",
        ],
        censor: "[redacted]",
      },
    },
    destination as pino.DestinationStream | undefined,
  );
}
