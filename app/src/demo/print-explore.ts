type Say = (line: string) => void;

/** Where to look next, with a command that works as printed. */
export function printExplore(
  say: Say,
  options: {
    baseUrl: string;
    apiKey: string;
    dataDir: string;
    logFile: string;
    dashboard?: { email: string; password: string };
  },
) {
  const { baseUrl, apiKey, dataDir, logFile, dashboard } = options;
  say("");
  say("Explore");
  say(`  API          ${baseUrl}/api/v1  (orders, webhooks)`);
  say(`  API key      ${apiKey}`);
  say(`  Try          curl -s -H "Authorization: Bearer ${apiKey}" ${baseUrl}/api/v1/orders`);
  if (dashboard) {
    say(`  Dashboard    ${baseUrl}/dashboard`);
    say(`  Sign in as   ${dashboard.email}  password ${dashboard.password}`);
  }
  say(`  Data folder  ${dataDir}  (run again with the same DATA_DIR to add orders)`);
  say(`  Server log   ${logFile}`);
  say("");
  say("Serving until Ctrl-C.");
}
