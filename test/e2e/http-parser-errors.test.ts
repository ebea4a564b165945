import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type RawAnswer = { status: number; headers: Record<string, string>; body: string };

/** Writes bytes on a fresh connection and reads everything until the server closes it. */
function rawRequest(bytes: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.setTimeout(5000, () => socket.destroy(new Error("no answer within 5 s")));
    socket.on("data", (chunk: Buffer) => chunks.push(chunk));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const [head, ...rest] = text.split("\r\n\r\n");
      const [statusLine, ...lines] = head.split("\r\n");
      const headers = Object.fromEntries(
        lines.map((line) => {
          const at = line.indexOf(":");
          return [line.slice(0, at).toLowerCase(), line.slice(at + 1).trim()];
        }),
      );
      resolve({ status: Number(statusLine.split(" ")[1]), headers, body: rest.join("\r\n\r\n") });
    });
    socket.write(bytes);
  });
}

const request = (...lines: string[]) => [...lines, "", ""].join("\r\n");

describe("requests Node's HTTP parser refuses", () => {
  it("answers oversized headers with 431 in the error envelope", async () => {
    const answer = await rawRequest(
      request("GET /api/v1/orders HTTP/1.1", "Host: x", `X-Big: ${"a".repeat(20_000)}`),
    );
    expect(answer.status).toBe(431);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(answer.headers.connection).toBe("close");
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "HEADERS_TOO_LARGE", message: expect.any(String), details: {} },
    });
  });

  it.each([
    ["a Content-Length that is not a number", ["Content-Length: 5x"]],
    ["two Content-Lengths that disagree", ["Content-Length: 2", "Content-Length: 3"]],
    ["Content-Length beside chunked encoding", ["Content-Length: 2", "Transfer-Encoding: chunked"]],
  ])("answers %s with 400 in the error envelope", async (_name, lines) => {
    const answer = await rawRequest(
      request("POST /api/v1/webhooks HTTP/1.1", "Host: x", ...lines) + "{}",
    );
    expect(answer.status).toBe(400);
    expect(answer.headers["content-type"]).toBe("application/json");
    expect(Number(answer.headers["content-length"])).toBe(Buffer.byteLength(answer.body));
    expect(JSON.parse(answer.body)).toEqual({
      error: { code: "MALFORMED_REQUEST", message: expect.any(String), details: {} },
    });
  });

  it("answers a request line that is not HTTP with 400 in the error envelope", async () => {
    const answer = await rawRequest("HELLO THERE\r\n\r\n");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).error.code).toBe("MALFORMED_REQUEST");
  });

  it("keeps serving well-formed requests afterwards", async () => {
    const answer = await rawRequest(
      request("GET /healthz HTTP/1.1", "Host: x", "Connection: close"),
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ status: "ok" });
  });
});
