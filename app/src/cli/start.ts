// `npm start`: the HTTP server and a worker, on the embedded database unless DATABASE_URL is set.
import { ConfigError } from "@premiumcdkeys/core";
import { PortInUseError, startServer } from "../boot.ts";
import { exitOnSignals } from "./exit-on-signals.ts";

try {
  const server = await startServer();
  exitOnSignals(() => server.close());
} catch (error) {
  if (!(error instanceof ConfigError || error instanceof PortInUseError)) throw error;
  console.error(error.message);
  process.exit(1);
}
