import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendWebhook } from "./http-sender.ts";

type Received = {
  method?: string;
  url?: string;
  headers: IncomingMessage["headers"];
  body: string;
};

type LocalServer = { url: string; received: Received[]; connections: number; server: Server };

const servers: Server[] = [];

afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function startServer(
  handle: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<LocalServer> {
  const local: LocalServer = { url: "", received: [], connections: 0, server: createServer() };
  local.server.on("connection", () => local.connections++);
  local.server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      local.received.push({
        method: request.method,
        url: request.url,
        headers: request.headers,
        body,
      });
      handle(request, response);
    });
  });

  servers.push(local.server);
  await new Promise<void>((resolve) => local.server.listen(0, "127.0.0.1", resolve));
  const { port } = local.server.address() as AddressInfo;
  local.url = `http://127.0.0.1:${port}/hooks/pcdkeys`;
  return local;
}

const body = '{"event":"order.created","timestamp":"2024-01-15T10:30:00Z","data":{}}';
const headers = {
  "Content-Type": "application/json",
  "X-PCDKeys-Signature": "abc123",
  "X-PCDKeys-Event": "order.created",
};

describe("sendWebhook", () => {
  it("posts the body and headers and reports a 200 with its duration", async () => {
    const local = await startServer((_request, response) => response.end("thanks"));

    const attempt = await sendWebhook({ url: local.url, headers, body, allowPrivate: true });

    expect(attempt).toMatchObject({ statusCode: 200, responseExcerpt: "thanks" });
    expect(attempt.error).toBeUndefined();
    expect(attempt.durationMs).toBeGreaterThanOrEqual(0);
    expect(local.received).toEqual([
      expect.objectContaining({ method: "POST", url: "/hooks/pcdkeys", body }),
    ]);
    expect(local.received[0].headers).toMatchObject({
      "content-type": "application/json",
      "x-pcdkeys-signature": "abc123",
      "x-pcdkeys-event": "order.created",
      "content-length": String(Buffer.byteLength(body)),
    });
  });

  it("resolves a host name through the guarded lookup when private targets are allowed", async () => {
    const local = await startServer((_request, response) => response.end("ok"));
    const url = local.url.replace("127.0.0.1", "localhost");

    const attempt = await sendWebhook({ url, headers, body, allowPrivate: true });

    expect(attempt).toMatchObject({ statusCode: 200, responseExcerpt: "ok" });
    expect(local.received).toHaveLength(1);
  });

  it("reports a 500 as a failure with its status and body excerpt", async () => {
    const local = await startServer((_request, response) => {
      response.statusCode = 500;
      response.end("boom");
    });

    const attempt = await sendWebhook({ url: local.url, headers, body, allowPrivate: true });

    expect(attempt).toMatchObject({
      statusCode: 500,
      error: "status 500",
      responseExcerpt: "boom",
    });
  });

  it("does not follow a redirect and reports it as a failed 302", async () => {
    const local = await startServer((_request, response) => {
      response.writeHead(302, { Location: "/elsewhere" });
      response.end();
    });

    const attempt = await sendWebhook({ url: local.url, headers, body, allowPrivate: true });

    expect(attempt).toMatchObject({ statusCode: 302, error: "redirect not followed (status 302)" });
    expect(local.received.map((request) => request.url)).toEqual(["/hooks/pcdkeys"]);
  });

  it("keeps only the first 2 KB of a large response", async () => {
    const local = await startServer((_request, response) => response.end("x".repeat(200_000)));

    const attempt = await sendWebhook({ url: local.url, headers, body, allowPrivate: true });

    expect(attempt.statusCode).toBe(200);
    expect(attempt.responseExcerpt).toBe("x".repeat(2048));
  });

  it("gives up with a timeout when the server never answers", async () => {
    const local = await startServer(() => {});

    const attempt = await sendWebhook({
      url: local.url,
      headers,
      body,
      timeoutMs: 300,
      allowPrivate: true,
    });

    expect(attempt.error).toBe("timeout");
    expect(attempt.statusCode).toBeUndefined();
    expect(attempt.durationMs).toBeGreaterThanOrEqual(290);
    expect(attempt.durationMs).toBeLessThan(2000);
  });

  it("times out when the headers arrive but the body never ends", async () => {
    const local = await startServer((_request, response) => {
      response.writeHead(200);
      response.write("partial");
    });

    const attempt = await sendWebhook({
      url: local.url,
      headers,
      body,
      timeoutMs: 300,
      allowPrivate: true,
    });

    expect(attempt).toMatchObject({ statusCode: 200, error: "timeout" });
  });

  it("reports a refused connection on a closed port", async () => {
    const local = await startServer(() => {});
    local.server.close();
    await new Promise((resolve) => local.server.once("close", resolve));

    const attempt = await sendWebhook({ url: local.url, headers, body, allowPrivate: true });

    expect(attempt.error).toBe("connection refused");
    expect(attempt.statusCode).toBeUndefined();
  });

  it("refuses a loopback target without connecting when private targets are not allowed", async () => {
    const local = await startServer((_request, response) => response.end());

    const attempt = await sendWebhook({ url: local.url, headers, body, allowPrivate: false });

    expect(attempt.error).toBe("private target refused");
    expect(attempt.statusCode).toBeUndefined();
    expect(local.connections).toBe(0);
    expect(local.received).toEqual([]);
  });

  it("refuses localhost without connecting when private targets are not allowed", async () => {
    const local = await startServer((_request, response) => response.end());
    const url = local.url.replace("127.0.0.1", "localhost");

    const attempt = await sendWebhook({ url, headers, body, allowPrivate: false });

    expect(attempt.error).toBe("private target refused");
    expect(local.connections).toBe(0);
  });

  it.each([["ftp://127.0.0.1/"], ["http://user:secret@127.0.0.1/"], ["not a url"]])(
    "reports the invalid target %s as an error instead of throwing",
    async (url) => {
      const attempt = await sendWebhook({ url, headers, body, allowPrivate: true });

      expect(attempt.error).toEqual(expect.any(String));
      expect(attempt.statusCode).toBeUndefined();
    },
  );

  it("reports a header value that cannot be sent as an error instead of throwing", async () => {
    const local = await startServer((_request, response) => response.end());

    const attempt = await sendWebhook({
      url: local.url,
      headers: { "X-Broken": "line\nbreak" },
      body,
      allowPrivate: true,
    });

    expect(attempt.error).toContain("ERR_INVALID_CHAR");
    expect(local.received).toEqual([]);
  });
});
