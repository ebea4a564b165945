type Say = (line: string) => void;

/** Where to look next, with a command that works as printed. */
export function printExplore(
  say: Say,
  options: { baseUrl: string; apiKey: string; dataDir: string; logFile: string },
) {
  const { baseUrl, apiKey, dataDir, logFile } = options;
  say("");
  say("Explore");
  say(`  API          ${baseUrl}/api/v1  (orders, webhooks)`);
  say(`  API key      ${apiKey}`);
  say(`  Try          curl -s -H "Authorization: Bearer ${apiKey}" ${baseUrl}/api/v1/orders`);
  say(`  Data folder  ${dataDir}  (run again with the same DATA_DIR to add orders)`);
  say(`  Server log   ${logFile}`);
  say("");
  say("Serving until Ctrl-C.");
}
