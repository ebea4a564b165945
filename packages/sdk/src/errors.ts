import type { RateLimit } from "./http/rate-limit.ts";

/** The error codes the API answers with, in the contract's envelope. */
export type ApiErrorCode =
  | "VALIDATION_ERROR"
  | "MALFORMED_JSON"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "ORDER_NOT_FOUND"
  | "PRODUCT_NOT_FOUND"
  | "SUPPLIER_NOT_FOUND"
  | "WEBHOOK_NOT_FOUND"
  | "DELIVERY_NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "ORDER_NOT_PROCESSABLE"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "ROTATION_LIMIT_REACHED"
  | "IDEMPOTENCY_KEY_REUSED"
  | "IDEMPOTENCY_KEY_IN_USE"
  | "RATE_LIMITED"
  | "SERVER_ERROR";

/** Codes the client gives to failures that never got an answer from the API. */
export type ClientErrorCode =
  "TIMEOUT" | "CONNECTION_ERROR" | "INVALID_RESPONSE" | "INVALID_ARGUMENT";

/** One field a `VALIDATION_ERROR` names. */
export type FieldError = { field: string; message: string };

/** The base of every error this package throws: `instanceof PremiumCDKeysError` catches all. */
export class PremiumCDKeysError extends Error {
  constructor(
    message: string,
    /** An `ApiErrorCode`, a `ClientErrorCode`, or a code a newer server introduced. */
    readonly code: ApiErrorCode | ClientErrorCode | (string & {}),
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

type ApiErrorInit = {
  status: number;
  code: string;
  message: string;
  details: Record<string, unknown>;
  rateLimit: RateLimit | undefined;
};

/** The API answered with an error envelope (or an error status without one). */
export class ApiError extends PremiumCDKeysError {
  /** The HTTP status of the answer. */
  readonly status: number;
  /** `error.details` of the envelope; `{}` when there were none. */
  readonly details: Record<string, unknown>;
  /** The rate-limit headers of the answer, when it had them. */
  readonly rateLimit: RateLimit | undefined;

  constructor(init: ApiErrorInit) {
    super(init.message, init.code);
    this.status = init.status;
    this.details = init.details;
    this.rateLimit = init.rateLimit;
  }
}

/** 400 `VALIDATION_ERROR`: `fields` names every value the API refused. */
export class ValidationError extends ApiError {
  get fields(): FieldError[] {
    const fields = this.details.fields;
    return Array.isArray(fields) ? (fields as FieldError[]) : [];
  }
}
export class MalformedJsonError extends ApiError {}
export class UnauthorizedError extends ApiError {}
export class ForbiddenError extends ApiError {}
/** Every 404: `NOT_FOUND` for an unknown route, the subclasses for unknown ids. */
export class NotFoundError extends ApiError {}
export class OrderNotFoundError extends NotFoundError {}
export class ProductNotFoundError extends NotFoundError {}
export class SupplierNotFoundError extends NotFoundError {}
export class WebhookNotFoundError extends NotFoundError {}
export class DeliveryNotFoundError extends NotFoundError {}
export class MethodNotAllowedError extends ApiError {}
export class OrderNotProcessableError extends ApiError {}
export class PayloadTooLargeError extends ApiError {}
/** 415: a request body without `Content-Type: application/json` (this client always sends it). */
export class UnsupportedMediaTypeError extends ApiError {}
/** 409: 10 retired secrets still sign; `details.next_rotation_at` says when one expires. */
export class RotationLimitReachedError extends ApiError {}
/** 422: the Idempotency-Key was first used for another request. */
export class IdempotencyKeyReusedError extends ApiError {}
/** 409: the first request with this Idempotency-Key is still being answered; retry shortly. */
export class IdempotencyKeyInUseError extends ApiError {}
/** 429 after the client's own retries were spent (or the wait was longer than allowed). */
export class RateLimitedError extends ApiError {
  /** How long the server asked to wait, in milliseconds, when it said. */
  get retryAfterMs(): number | undefined {
    return this.rateLimit?.retryAfterMs;
  }
}
export class ServerError extends ApiError {}

/** No answer within the timeout. */
export class TimeoutError extends PremiumCDKeysError {}
/** The server could not be reached (refused, reset, DNS, TLS). */
export class ConnectionError extends PremiumCDKeysError {}
/** An answer that is not the API's JSON (a proxy's HTML page, a cut-off body). */
export class InvalidResponseError extends PremiumCDKeysError {}

const CLASS_BY_CODE: Record<ApiErrorCode, typeof ApiError> = {
  VALIDATION_ERROR: ValidationError,
  MALFORMED_JSON: MalformedJsonError,
  UNAUTHORIZED: UnauthorizedError,
  FORBIDDEN: ForbiddenError,
  NOT_FOUND: NotFoundError,
  ORDER_NOT_FOUND: OrderNotFoundError,
  PRODUCT_NOT_FOUND: ProductNotFoundError,
  SUPPLIER_NOT_FOUND: SupplierNotFoundError,
  WEBHOOK_NOT_FOUND: WebhookNotFoundError,
  DELIVERY_NOT_FOUND: DeliveryNotFoundError,
  METHOD_NOT_ALLOWED: MethodNotAllowedError,
  ORDER_NOT_PROCESSABLE: OrderNotProcessableError,
  PAYLOAD_TOO_LARGE: PayloadTooLargeError,
  UNSUPPORTED_MEDIA_TYPE: UnsupportedMediaTypeError,
  ROTATION_LIMIT_REACHED: RotationLimitReachedError,
  IDEMPOTENCY_KEY_REUSED: IdempotencyKeyReusedError,
  IDEMPOTENCY_KEY_IN_USE: IdempotencyKeyInUseError,
  RATE_LIMITED: RateLimitedError,
  SERVER_ERROR: ServerError,
};

/** The code an error status stands for when the answer carried no envelope. */
const CODE_BY_STATUS: Record<number, ApiErrorCode> = {
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  405: "METHOD_NOT_ALLOWED",
  413: "PAYLOAD_TOO_LARGE",
  415: "UNSUPPORTED_MEDIA_TYPE",
  429: "RATE_LIMITED",
};

/** The typed error for an answer; unknown codes of a newer server become a plain `ApiError`. */
export function apiErrorFor(init: Omit<ApiErrorInit, "code"> & { code?: string }): ApiError {
  const code = init.code ?? CODE_BY_STATUS[init.status] ?? codeForOtherStatus(init.status);
  const ErrorClass = (CLASS_BY_CODE as Record<string, typeof ApiError>)[code] ?? ApiError;
  return new ErrorClass({ ...init, code });
}

function codeForOtherStatus(status: number): string {
  return status >= 500 ? "SERVER_ERROR" : `HTTP_${status}`;
}
