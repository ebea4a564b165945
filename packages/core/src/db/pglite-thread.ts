// The embedded database's thread: opens the PGlite data folder and serves it on a free loopback
// port, which it posts to its parent; "stop" closes both. Runs under Node's own type stripping
// as well as under tsx, so it keeps to erasable TypeScript.
import net from "node:net";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from "@electric-sql/pglite-socket";
import { PGLITE_OPTIONS } from "./pglite-options.ts";
import { PGliteQueryQueue } from "./pglite-query-queue.ts";

// Above any pool we open, so several processes of one installation can share the server.
const MAX_CONNECTIONS = 200;

const { dataDir } = workerData as { dataDir: string };
const db = await PGlite.create(path.join(dataDir, "pglite"), PGLITE_OPTIONS);

// pglite-socket's connection handler parses the wire protocol; our queue decides whose
// messages PGlite runs next (see pglite-query-queue.ts).
const queryQueue = new PGliteQueryQueue(db) as unknown as PGLiteSocketHandlerOptions["queryQueue"];
const handlers = new Set<PGLiteSocketHandler>();
const server = net.createServer((socket) => {
  const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
  handlers.add(handler);
  handler.addEventListener("close", () => handlers.delete(handler));
  handler.addEventListener("error", () => handlers.delete(handler));
  void handler.attach(socket);
});
server.maxConnections = MAX_CONNECTIONS;
server.listen(0, "127.0.0.1", () => {
  parentPort?.postMessage({ port: (server.address() as net.AddressInfo).port });
});

parentPort?.on("message", (message) => {
  if (message !== "stop") return;
  for (const handler of handlers) void handler.detach(true);
  server.close(() => {
    void db.close().then(() => parentPort?.postMessage("stopped"));
  });
});
