// `npm run worker`: a worker alone. Run any number of them, on any machine that reaches the
// database: DATABASE_URL, or the embedded database of DATA_DIR served by `npm start`.
import { loadConfig } from "@premiumcdkeys/core";
import { bootPlatform } from "../boot.ts";
import { exitOnSignals } from "./exit-on-signals.ts";

const platform = await bootPlatform(loadConfig());
platform.worker.start();
exitOnSignals(() => platform.close());
