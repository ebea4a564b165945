import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedWebhook = { headers: http.IncomingHttpHeaders; body: string; at: number };

/**
 * An integrator's endpoint on loopback. `failNext(n)` answers 500 to the next n requests;
 * everything received is kept, failures included.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  let failuresLeft = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const entry = { headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), at: Date.now() };
      if (failuresLeft > 0) {
        failuresLeft--;
        response.writeHead(500).end("receiver down");
        return;
      }
      received.push(entry);
      response.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    failNext(count: number) {
      failuresLeft = count;
    },
    events(type?: string) {
      return received
        .map((entry) => ({ ...entry, json: JSON.parse(entry.body) as { event: string; timestamp: string; data: Record<string, unknown> } }))
        .filter((entry) => !type || entry.json.event === type);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
