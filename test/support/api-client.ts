import fs from "node:fs";
import path from "node:path";
import addFormats from "ajv-formats";
import { OpenAPIBackend } from "openapi-backend";
import type { Document, SetMatchType } from "openapi-backend";

const DOCUMENT_FILE = path.resolve(import.meta.dirname, "../../openapi/openapi.json");

let backend: Promise<OpenAPIBackend> | undefined;

/** The committed OpenAPI document, loaded once into openapi-backend's router and validator. */
function openApi(): Promise<OpenAPIBackend> {
  backend ??= new OpenAPIBackend({
    definition: JSON.parse(fs.readFileSync(DOCUMENT_FILE, "utf8")) as Document,
    strict: true,
    // Quick mode skips the library's own check of the document, which knows only OpenAPI 3.0's
    // meta-schema; Redocly's linter checks the 3.1 document (openapi-document.test.ts).
    quick: true,
    // uuid, date-time and uri are checked too, not only types.
    customizeAjv: (ajv) => {
      addFormats(ajv);
      return ajv;
    },
  }).init();
  return backend;
}

// Answers are JSON of any shape; the document check below is what types them.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ApiAnswer = { status: number; headers: Headers; body: any; text: string };

export type RequestOptions = {
  body?: unknown;
  /** Sent as is, for malformed bodies. */
  rawBody?: string;
  headers?: Record<string, string>;
  key?: string | null;
};

/**
 * Calls the API and checks every answer against the committed OpenAPI document with
 * openapi-backend: the body against the operation's schema for that status, and the
 * documented headers. An answer the document does not describe fails the test, so the
 * document and the server cannot drift apart. Paths outside the document (unknown routes,
 * wrong methods) must still be the documented error envelope.
 */
export function apiClient(baseUrl: string, defaultKey: string) {
  return async function api(
    method: string,
    pathAndQuery: string,
    options: RequestOptions = {},
  ): Promise<ApiAnswer> {
    const key = options.key === undefined ? defaultKey : options.key;
    const headers: Record<string, string> = { ...options.headers };
    if (key) headers.authorization = `Bearer ${key}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }

    const response = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, { method, headers, body });
    const text = await response.text();
    const parsed = text ? JSON.parse(text) : undefined;
    await checkAgainstDocument(method, pathAndQuery, response, parsed);
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
}

export async function checkAgainstDocument(
  method: string,
  pathAndQuery: string,
  response: Response,
  body: unknown,
) {
  const api = await openApi();
  const [pathname] = pathAndQuery.split("?");
  const operation = api.matchOperation({ method, path: pathname, headers: {} });
  const where = `${method} ${pathAndQuery} -> ${response.status}`;

  for (const name of ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset"]) {
    if (!/^\d+$/.test(response.headers.get(name) ?? "")) {
      throw new Error(`${where}: header ${name} missing or not an integer`);
    }
  }

  if (!operation) {
    const envelope = body as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const ok =
      typeof envelope?.error?.code === "string" &&
      typeof envelope.error.message === "string" &&
      typeof envelope.error.details === "object" &&
      Object.keys(envelope).length === 1;
    if (!ok || ![404, 405, 401, 429].includes(response.status)) {
      throw new Error(`${where}: not in the document, and not an error envelope`);
    }
    return;
  }

  const documented = Object.keys((operation.responses ?? {}) as Record<string, unknown>).map(
    Number,
  );
  if (!documented.includes(response.status)) {
    throw new Error(`${where}: status not documented for ${operation.operationId}`);
  }
  if (response.status !== 204) {
    const result = api.validateResponse(body, operation, response.status);
    if (!result.valid) {
      throw new Error(`${where}: body differs from the document: ${JSON.stringify(result.errors)}`);
    }
  }
  const headers = Object.fromEntries(response.headers);
  // "any": every documented header that is present must match (their presence is checked
  // above for the rate-limit headers, which every answer carries).
  const headerResult = api.validateResponseHeaders(headers, operation, {
    statusCode: response.status,
    setMatchType: "any" as SetMatchType,
  });
  if (!headerResult.valid) {
    throw new Error(`${where}: headers differ: ${JSON.stringify(headerResult.errors)}`);
  }
}

/**
 * The same check for a `fetch` answer of a test's own (`path` from `/api/v1` on); the
 * response is cloned, so the caller can still read its body.
 */
export async function checkAnswer(method: string, path: string, response: Response) {
  const text = await response.clone().text();
  const apiPath = path.replace(/^\/api\/v1/, "");
  await checkAgainstDocument(method, apiPath, response, text ? JSON.parse(text) : undefined);
}
