import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: http.IncomingHttpHeaders; body: string; at: number };

export type ReceiverOptions = {
  /** A loopback port to listen on; 0 (the default) picks a free one. */
  port?: number;
};

/**
 * An integrator's endpoint on loopback, for the demo and the tests. `failNext(n)` answers 500 to
 * the next n requests; everything received is kept, failures included.
 */
export async function startWebhookReceiver(options: ReceiverOptions = {}) {
  const received: ReceivedWebhook[] = [];
  let failuresLeft = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const entry = { headers: request.headers, body, at: Date.now() };
      if (failuresLeft > 0) {
        failuresLeft--;
        response.writeHead(500).end("receiver down");
        return;
      }
      received.push(entry);
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    failNext(count: number) {
      failuresLeft = count;
    },
    events(type?: string) {
      return received
        .map((entry) => ({ ...entry, json: JSON.parse(entry.body) as ReceivedEvent }))
        .filter((entry) => !type || entry.json.event === type);
    },
    close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // The platform's sender keeps connections alive; they would hold close() for seconds.
      server.closeAllConnections();
      return closed;
    },
  };
}

export type ReceivedEvent = { event: string; timestamp: string; data: Record<string, unknown> };

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
