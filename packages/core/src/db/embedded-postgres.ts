import { execFile } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Logger } from "../logger.ts";

/** Where the process holding the data folder says it can be reached. */
type EmbeddedAddress = { pid: number; host: string; port: number };

export type EmbeddedPostgres = {
  url: string;
  /**
   * Opens the folder afresh in a new thread, releasing the memory PGlite grew while running
   * migrations (it never shrinks otherwise). Resolves to the new URL; only for the owner.
   */
  reopen(): Promise<string>;
  /** True when this process opened the folder and serves it; false when it is a client. */
  owner: boolean;
  stop(): Promise<void>;
};

const ADDRESS_FILE = "postgres.json";
const LOCK_FILE = "postgres.lock";

/**
 * PGlite in DATA_DIR, served on a loopback port so every process of the installation talks to it
 * the way it would talk to a PostgreSQL server. Only one process may open the folder: whoever
 * gets the lock serves it and writes its address; the others connect to that address.
 */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: Logger,
): Promise<EmbeddedPostgres> {
  fs.mkdirSync(dataDir, { recursive: true });

  const running = await findRunningServer(dataDir);
  if (running) return clientOf(running);

  const release = acquireLock(dataDir);
  if (!release) {
    const address = await waitForServer(dataDir);
    return clientOf(address);
  }

  try {
    return await serveFolder(dataDir, log, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function serveFolder(dataDir: string, log: Logger, release: () => void) {
  if (!fs.existsSync(path.join(dataDir, "pglite", "PG_VERSION"))) await createDatabase(dataDir);

  let { thread, port } = await startDatabaseThread(dataDir);
  const publish = () => {
    const address: EmbeddedAddress = { pid: process.pid, host: "127.0.0.1", port };
    fs.writeFileSync(path.join(dataDir, ADDRESS_FILE), JSON.stringify(address));
    log.info({ port, dataDir }, "embedded PostgreSQL (PGlite) serving the data folder");
    return urlOf(address);
  };

  return {
    url: publish(),
    owner: true,
    async reopen() {
      await stopDatabaseThread(thread);
      ({ thread, port } = await startDatabaseThread(dataDir));
      return publish();
    },
    async stop() {
      await stopDatabaseThread(thread);
      fs.rmSync(path.join(dataDir, ADDRESS_FILE), { force: true });
      release();
    },
  };
}

/** See pglite-create.ts for why this happens in a process of its own. */
async function createDatabase(dataDir: string): Promise<void> {
  const script = fileURLToPath(new URL("./pglite-create.ts", import.meta.url));
  await new Promise<void>((resolve, reject) => {
    execFile(process.execPath, [script, dataDir], (error, _stdout, stderr) => {
      if (error)
        reject(new Error(`Could not create the embedded database: ${stderr || error.message}`));
      else resolve();
    });
  });
}

/**
 * PGlite runs queries synchronously; in its own thread it has a core of its own instead of
 * stalling the HTTP server and the worker between every statement.
 */
async function startDatabaseThread(dataDir: string) {
  const thread = new Worker(new URL("./pglite-thread.ts", import.meta.url), {
    workerData: { dataDir },
  });
  const port = await new Promise<number>((resolve, reject) => {
    thread.once("message", (message: { port: number }) => resolve(message.port));
    thread.once("error", reject);
    thread.once("exit", (code) =>
      reject(new Error(`The database thread exited with code ${code}`)),
    );
  });
  return { thread, port };
}

async function stopDatabaseThread(thread: Worker): Promise<void> {
  const stopped = new Promise((resolve) => thread.once("message", resolve));
  thread.postMessage("stop");
  await stopped;
  await thread.terminate();
}

function clientOf(address: EmbeddedAddress): EmbeddedPostgres {
  const url = urlOf(address);
  return { url, owner: false, reopen: () => Promise.resolve(url), stop: () => Promise.resolve() };
}

function urlOf(address: EmbeddedAddress): string {
  return `postgresql://postgres:postgres@${address.host}:${address.port}/postgres?sslmode=disable`;
}

async function findRunningServer(dataDir: string): Promise<EmbeddedAddress | undefined> {
  let address: EmbeddedAddress;
  try {
    address = JSON.parse(
      fs.readFileSync(path.join(dataDir, ADDRESS_FILE), "utf8"),
    ) as EmbeddedAddress;
  } catch {
    return undefined;
  }
  if (!isAlive(address.pid)) return undefined;
  return (await portAnswers(address.port)) ? address : undefined;
}

async function waitForServer(dataDir: string): Promise<EmbeddedAddress> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const address = await findRunningServer(dataDir);
    if (address) return address;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`Another process holds ${dataDir} but serves no database; remove ${LOCK_FILE}?`);
}

/** An exclusive lock file naming its owner; a lock left by a dead process is taken over. */
function acquireLock(dataDir: string): (() => void) | undefined {
  const lockPath = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      return () => fs.rmSync(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(lockPath, "utf8"));
      if (holder && isAlive(holder)) return undefined;
      fs.rmSync(lockPath, { force: true });
    }
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.on("error", () => resolve(false));
  });
}
