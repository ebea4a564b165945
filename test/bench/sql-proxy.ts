import net, { type AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";

export type StatementStats = { count: number; totalMs: number };

/**
 * A PostgreSQL wire-protocol proxy on loopback that times every exchange (from a client's first
 * message to the server's ReadyForQuery) and files it under the SQL text that was sent. Only
 * for profiling: it expects no TLS (sslmode=disable) and reads, never changes, the bytes.
 */
export async function startSqlProxy(target: { host: string; port: number }) {
  const stats = new Map<string, StatementStats>();
  let transactionMs = 0;

  const server = net.createServer((client) => {
    const upstream = net.connect(target);
    // Without this, Nagle's algorithm holds small protocol messages back for tens of ms.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    let exchangeStart: number | undefined;
    let label = "(startup)";
    let transactionStart: number | undefined;
    const fromClient = messageReader(true, (type, body) => {
      exchangeStart ??= performance.now();
      if (type === "P")
        label = normalise(body.subarray(body.indexOf(0) + 1, body.indexOf(0, body.indexOf(0) + 1)));
      if (type === "Q") label = normalise(body.subarray(0, body.indexOf(0)));
    });
    const fromServer = messageReader(false, (type, body) => {
      if (type !== "Z" || exchangeStart === undefined) return;
      const began = exchangeStart;
      const now = performance.now();
      const entry = stats.get(label) ?? { count: 0, totalMs: 0 };
      entry.count++;
      entry.totalMs += now - began;
      stats.set(label, entry);
      exchangeStart = undefined;

      // ReadyForQuery's status byte: "T" in a transaction, "E" in a failed one, "I" idle.
      const inTransaction = body[0] === 0x54 || body[0] === 0x45;
      if (inTransaction) transactionStart ??= began;
      if (!inTransaction && transactionStart !== undefined) {
        transactionMs += now - transactionStart;
        transactionStart = undefined;
      }
    });

    client.on("data", (chunk: Buffer) => {
      fromClient(chunk);
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      fromServer(chunk);
      client.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));

  return {
    port: (server.address() as AddressInfo).port,
    stats,
    transactionMs: () => transactionMs,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Splits a byte stream into protocol messages; a client's first message has no type byte. */
function messageReader(startupFirst: boolean, onMessage: (type: string, body: Buffer) => void) {
  let pending = Buffer.alloc(0);
  let awaitingStartup = startupFirst;
  return (chunk: Buffer) => {
    pending = Buffer.concat([pending, chunk]);
    for (;;) {
      const headerSize = awaitingStartup ? 4 : 5;
      if (pending.length < headerSize) return;
      const length = pending.readUInt32BE(awaitingStartup ? 0 : 1);
      const total = awaitingStartup ? length : length + 1;
      if (pending.length < total) return;
      const type = awaitingStartup ? "startup" : String.fromCharCode(pending[0]);
      onMessage(type, pending.subarray(headerSize, total));
      pending = pending.subarray(total);
      awaitingStartup = false;
    }
  };
}

function normalise(sql: Buffer): string {
  return sql
    .toString("utf8")
    .replace(/\s+/g, " ")
    .replace(/"/g, "")
    .replace(/public\./g, "")
    .trim()
    .slice(0, 110);
}
