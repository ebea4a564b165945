/** Stops gracefully on SIGINT or SIGTERM: jobs in flight finish, then the process exits. */
export function exitOnSignals(close: () => Promise<void>): void {
  let closing = false;
  const stop = async () => {
    if (closing) process.exit(1);
    closing = true;
    await close();
    // The schema engine's WebAssembly runtime keeps the event loop alive for a while after use.
    process.exit(0);
  };
  process.on("SIGINT", () => void stop());
  process.on("SIGTERM", () => void stop());
}
