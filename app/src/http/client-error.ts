import { STATUS_CODES, type Server } from "node:http";
import type { Duplex } from "node:stream";

type ParserError = Error & { code?: string };

/** What Node's parser reports, as the contract's error envelope would name it. */
function answerFor(code: string | undefined): { status: number; code: string; message: string } {
  switch (code) {
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        code: "HEADERS_TOO_LARGE",
        message: "The request headers are too large",
      };
    case "HPE_CHUNK_EXTENSIONS_OVERFLOW":
      return {
        status: 413,
        code: "PAYLOAD_TOO_LARGE",
        message: "The chunk extensions are too large",
      };
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        status: 408,
        code: "REQUEST_TIMEOUT",
        message: "The request took too long to arrive",
      };
    default:
      return { status: 400, code: "MALFORMED_REQUEST", message: "The request is not valid HTTP" };
  }
}

/**
 * Requests Node's HTTP parser refuses (oversized headers, a broken request line, a lying or
 * doubled Content-Length) never reach the app; Node would answer them with an empty body. This
 * answers them in the contract's envelope instead, then closes the connection, since the parser
 * cannot know where the next request would start.
 */
export function answerClientErrorsAsJson(server: Pick<Server, "on">): void {
  server.on("clientError", (error: ParserError, socket: Duplex) => {
    // An answer already under way cannot be followed by another on the same connection.
    const pending = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === "ECONNRESET" || !socket.writable || pending?.headersSent) {
      socket.destroy();
      return;
    }

    const answer = answerFor(error.code);
    const body = JSON.stringify({
      error: { code: answer.code, message: answer.message, details: {} },
    });
    socket.end(
      [
        `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}`,
        "Content-Type: application/json",
        `Content-Length: ${Buffer.byteLength(body)}`,
        "Connection: close",
        "",
        body,
      ].join("\r\n"),
    );
  });
}
