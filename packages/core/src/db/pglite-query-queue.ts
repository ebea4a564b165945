import type { PGlite } from "@electric-sql/pglite";

type QueuedMessage = {
  handlerId: number;
  message: Uint8Array;
  onData: (data: Uint8Array) => void;
  resolve: (bytes: number) => void;
  reject: (error: unknown) => void;
};

// Extended-protocol messages that a Sync will close: Parse, Bind, Describe, Execute, Close, Flush.
// Anything else (Sync, a simple Query, a startup packet, Terminate) leaves no exchange open.
const EXCHANGE_PARTS = new Set(["P", "B", "D", "E", "C", "H"]);

/**
 * Feeds the protocol messages of many client connections to PGlite's single session.
 *
 * pglite-socket 0.2's own queue keeps a connection's messages together only inside a
 * transaction. Outside one, the Parse, Bind and Execute messages of two connections can
 * interleave, and since they share PGlite's one unnamed prepared statement, one connection
 * then executes the other's query ("bind message supplies 7 parameters, but prepared statement
 * requires 1"). This queue also keeps a connection's messages together until its Sync.
 */
export class PGliteQueryQueue {
  #queue: QueuedMessage[] = [];
  #processing = false;
  /** The connection being served until its exchange or transaction ends. */
  #current: number | null = null;
  #exchangeOpen = false;
  readonly db: PGlite;

  // A plain field, not a parameter property: this file also runs under Node's type stripping.
  constructor(db: PGlite) {
    this.db = db;
  }

  enqueue(
    handlerId: number,
    message: Uint8Array,
    onData: (data: Uint8Array) => void,
  ): Promise<number> {
    return new Promise((resolve, reject) => {
      this.#queue.push({ handlerId, message, onData, resolve, reject });
      void this.#process();
    });
  }

  getQueueLength(): number {
    return this.#queue.length;
  }

  clearQueueForHandler(handlerId: number): void {
    for (const item of this.#queue.filter((queued) => queued.handlerId === handlerId)) {
      item.reject(new Error("Handler disconnected"));
    }
    this.#queue = this.#queue.filter((queued) => queued.handlerId !== handlerId);
    if (this.#current === handlerId && !this.db.isInTransaction()) this.#release();
  }

  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    if (this.#current !== handlerId) return;
    if (this.db.isInTransaction()) await this.db.exec("ROLLBACK");
    this.#release();
    await this.#process();
  }

  async #process(): Promise<void> {
    if (this.#processing) return;
    this.#processing = true;
    try {
      for (;;) {
        const next = this.#takeNext();
        if (!next) return;
        await this.#run(next);
      }
    } finally {
      this.#processing = false;
    }
  }

  #takeNext(): QueuedMessage | undefined {
    const held = this.#current !== null && (this.#exchangeOpen || this.db.isInTransaction());
    if (!held) return this.#queue.shift();
    const index = this.#queue.findIndex((queued) => queued.handlerId === this.#current);
    return index === -1 ? undefined : this.#queue.splice(index, 1)[0];
  }

  async #run(item: QueuedMessage): Promise<void> {
    let bytes = 0;
    try {
      await this.db.runExclusive(() =>
        this.db.execProtocolRawStream(item.message, {
          onRawData: (data: Uint8Array) => {
            bytes += data.length;
            item.onData(data);
          },
        }),
      );
    } catch (error) {
      item.reject(error);
      return;
    }
    this.#current = item.handlerId;
    this.#exchangeOpen = EXCHANGE_PARTS.has(String.fromCharCode(item.message[0]));
    item.resolve(bytes);
  }

  #release(): void {
    this.#current = null;
    this.#exchangeOpen = false;
  }
}
