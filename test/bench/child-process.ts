import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isolatedEnv } from "../support/isolated-env.ts";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const TSX_CLI = path.join(ROOT, "node_modules/tsx/dist/cli.mjs");

export type TsChild = {
  process: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  stop(): Promise<void>;
};

/**
 * Runs a TypeScript entry point with tsx in a process of its own, output appended to `logFile`.
 * The environment is the caller's minus anything that would point it at another database,
 * mail server or address, plus `env`.
 */
export function runTs(entry: string, env: Record<string, string>, logFile: string): TsChild {
  const log = fs.openSync(logFile, "a");
  const child = spawn(process.execPath, [TSX_CLI, entry], {
    cwd: ROOT,
    env: { ...isolatedEnv(), ...env },
    stdio: ["ignore", log, log],
  });
  fs.closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));

  // Should the bench itself die (a closed pipe, an exception), its servers must not live on.
  const reap = () => child.kill("SIGTERM");
  process.once("exit", reap);
  void exited.then(() => process.off("exit", reap));

  return {
    process: child,
    pid: child.pid!,
    exited,
    async stop() {
      child.kill("SIGINT");
      const timer = setTimeout(() => child.kill("SIGKILL"), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** A loopback port that was free a moment ago. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Polls `url` until it answers 200, or fails after `timeoutMs` or when the child has exited. */
export async function waitUntilUp(url: string, child: TsChild, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let gone = false;
  void child.exited.then(() => (gone = true));
  while (Date.now() < deadline && !gone) {
    const ok = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} did not come up${gone ? " (the process exited)" : ""}`);
}
