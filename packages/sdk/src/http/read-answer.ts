import { apiErrorFor, InvalidResponseError } from "../errors.ts";
import type { RateLimit } from "./rate-limit.ts";

type Answer = { status: number; headers: Headers; text: string; rateLimit: RateLimit | undefined };

/** A success answer's JSON (`undefined` for 204), or the typed error an error answer stands for. */
export function readAnswer<T>(answer: Answer): T {
  const { status, text, rateLimit } = answer;
  if (status >= 200 && status < 300) {
    if (status === 204 || text === "") return undefined as T;
    const json = parseJson(text);
    if (json === undefined) {
      throw new InvalidResponseError(`The answer (HTTP ${status}) is not JSON`, "INVALID_RESPONSE");
    }
    return json as T;
  }

  if (status >= 300 && status < 400) {
    const location = answer.headers.get("location") ?? "nowhere";
    throw apiErrorFor({
      status,
      message: `The server answered with a redirect (to ${location}), which the client does not follow`,
      details: {},
      rateLimit,
    });
  }

  const envelope = readEnvelope(parseJson(text));
  throw apiErrorFor({
    status,
    code: envelope?.code,
    message: envelope?.message ?? `The server answered HTTP ${status} without an error envelope`,
    details: envelope?.details ?? {},
    rateLimit,
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `{ "error": { "code", "message", "details" } }`, each part checked before it is trusted. */
function readEnvelope(json: unknown) {
  const error = isObject(json) ? json.error : undefined;
  if (!isObject(error) || typeof error.code !== "string" || !/^[A-Z0-9_]{1,64}$/.test(error.code)) {
    return undefined;
  }
  return {
    code: error.code,
    message: typeof error.message === "string" ? error.message : error.code,
    details: isObject(error.details) ? error.details : {},
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
