import { EVENT_TYPES, ORDER_STATUSES } from "@premiumcdkeys/core";
import { int, object, arrayOf, ref, str, type Schema } from "./schema-helpers.ts";
import { schemas } from "./schemas.ts";

type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 422 | 503;

type Operation = {
  id: string;
  summary: string;
  tag: string;
  description?: string;
  parameters?: Schema[];
  body?: Schema;
  /** The body may be left out (it is still judged when given). */
  bodyOptional?: boolean;
  status?: 200 | 201 | 202 | 204;
  data?: Schema;
  errors?: ErrorStatus[];
  headers?: Record<string, Schema>;
  security?: boolean;
};

const rateLimitHeaders = {
  "X-RateLimit-Limit": { $ref: "#/components/headers/RateLimitLimit" },
  "X-RateLimit-Remaining": { $ref: "#/components/headers/RateLimitRemaining" },
  "X-RateLimit-Reset": { $ref: "#/components/headers/RateLimitReset" },
};

const errorResponses: Record<number, string> = {
  400: "BadRequest",
  401: "Unauthorized",
  403: "Forbidden",
  404: "NotFound",
  409: "Conflict",
  413: "PayloadTooLarge",
  415: "UnsupportedMediaType",
  422: "IdempotencyKeyReused",
  429: "RateLimited",
  500: "ServerError",
  503: "SupplierUnavailable",
};

const json = (schema: Schema) => ({ "application/json": { schema } });

function operation(op: Operation) {
  const status = op.status ?? 200;
  const success =
    status === 204
      ? { description: "Done", headers: rateLimitHeaders }
      : {
          description: "Success",
          headers: { ...rateLimitHeaders, ...op.headers },
          content: json(op.data!),
        };
  // Every operation answers 400 to a query parameter given twice.
  const errors = new Set<number>([400, ...(op.errors ?? [])]);
  if (op.security !== false) errors.add(401);
  if (op.body) errors.add(413);
  return {
    operationId: op.id,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.security === false ? { security: [] } : {}),
    ...(op.parameters ? { parameters: op.parameters } : {}),
    ...(op.body ? { requestBody: { required: !op.bodyOptional, content: json(op.body) } } : {}),
    responses: {
      [status]: success,
      ...Object.fromEntries(
        [...errors, 429, 500].map((code) => [
          code,
          { $ref: `#/components/responses/${errorResponses[code]}` },
        ]),
      ),
    },
  };
}

const dataOf = (schema: Schema) => object({ data: schema });
const pageOf = (schema: Schema) => object({ data: arrayOf(schema), meta: ref("PageMeta") });

function param(name: string, where: "path" | "query" | "header", schema: Schema, description = "") {
  return {
    name,
    in: where,
    required: where === "path",
    ...(description ? { description } : {}),
    schema,
  };
}

const uuidPath = (name: string, what: string) =>
  param(name, "path", { type: "string" }, `${what} id (a UUID; anything else answers 404)`);
const limitParam = param(
  "limit",
  "query",
  int(undefined, { minimum: 1, maximum: 100, default: 20 }),
);
const pageParam = param("page", "query", int(undefined, { minimum: 1, default: 1 }));
const dateParam = (name: string, edge: string) =>
  param(
    name,
    "query",
    { type: "string" },
    `A date (\`2026-07-14\`, the whole day in UTC) or an ISO-8601 date-time with offset; ` +
      `inclusive ${edge}`,
  );

const orders = {
  "/orders": {
    get: operation({
      id: "listOrders",
      tag: "Orders",
      summary: "List orders, newest first",
      parameters: [
        param("status", "query", { type: "string", enum: [...ORDER_STATUSES] }),
        dateParam("from", "start"),
        dateParam("to", "end"),
        param("store_order_id", "query", { type: "string" }, "The shop's order reference"),
        param("shop_id", "query", { type: "string", format: "uuid" }),
        limitParam,
        pageParam,
      ],
      data: pageOf(ref("OrderSummary")),
      errors: [400, 403],
    }),
  },
  "/orders/{id}": {
    get: operation({
      id: "getOrder",
      tag: "Orders",
      summary: "One order with its lines, purchases and deliveries",
      description:
        "Key codes only with `include=keys` and an API key holding the `keys` permission " +
        "(otherwise 403 FORBIDDEN); every such read is written to the audit log.",
      parameters: [
        uuidPath("id", "Order"),
        param("include", "query", { type: "string", enum: ["keys"] }),
      ],
      data: dataOf(ref("Order")),
      errors: [400, 403, 404],
    }),
  },
  "/orders/{id}/process": {
    post: operation({
      id: "processOrder",
      tag: "Orders",
      summary: "Run a pending or failed order again",
      description:
        "Never buys a unit twice. With `Idempotency-Key`, the same key and request answer the " +
        "first answer again (header `Idempotent-Replayed: true`); the same key with another " +
        "request answers 422 IDEMPOTENCY_KEY_REUSED; keys are kept 24 hours. The operation " +
        "takes no fields: send no body or `{}`; a field is 400 VALIDATION_ERROR naming it, a " +
        "body that is not JSON 400 MALFORMED_JSON.",
      parameters: [
        uuidPath("id", "Order"),
        param("Idempotency-Key", "header", { type: "string", maxLength: 255 }),
      ],
      body: object({}, { description: "Nothing, or an empty object" }),
      bodyOptional: true,
      status: 202,
      data: dataOf(ref("Order")),
      headers: {
        "Idempotent-Replayed": {
          description: "Present on an answer repeated for its Idempotency-Key",
          required: false,
          schema: { type: "string", enum: ["true"] },
        },
      },
      errors: [400, 403, 404, 409, 422],
    }),
  },
};

const catalogue = {
  "/products": {
    get: operation({
      id: "listProducts",
      tag: "Products",
      summary: "List products",
      parameters: [limitParam, pageParam],
      data: pageOf(ref("Product")),
      errors: [400, 403],
    }),
  },
  "/products/{id}/stock": {
    get: operation({
      id: "getProductStock",
      tag: "Products",
      summary: "Stock of a product at the suppliers of the key's mode",
      parameters: [uuidPath("id", "Product")],
      data: dataOf(ref("ProductStock")),
      errors: [403, 404],
    }),
  },
  "/suppliers": {
    get: operation({
      id: "listSuppliers",
      tag: "Suppliers",
      summary: "Suppliers of the key's mode (sandbox suppliers for pck_test_ keys)",
      data: object({ data: arrayOf(ref("Supplier")) }),
      errors: [403],
    }),
  },
  "/suppliers/{supplier}/products/{product_id}/stock": {
    get: operation({
      id: "getSupplierStock",
      tag: "Suppliers",
      summary: "Live stock of one supplier product (cached 10 seconds)",
      parameters: [
        param("supplier", "path", { type: "string" }),
        param("product_id", "path", { type: "string" }, "The supplier's product id"),
      ],
      data: dataOf(ref("SupplierStock")),
      errors: [400, 403, 404, 503],
    }),
  },
};

const endpointPath = uuidPath("id", "Webhook endpoint");

const webhooks = {
  "/webhooks": {
    post: operation({
      id: "createWebhookEndpoint",
      tag: "Webhooks",
      summary: "Create an endpoint; its secret is shown only here",
      body: object(
        {
          url: str(
            "http(s) URL; a host that is, or resolves to, a private or loopback address is " +
              "refused (400 VALIDATION_ERROR naming url)",
            { maxLength: 2048 },
          ),
          events: arrayOf(ref("EventType")),
          description: str(undefined, { maxLength: 500 }),
        },
        { optional: ["description"] },
      ),
      status: 201,
      data: dataOf(ref("WebhookEndpointWithSecret")),
      errors: [400, 403],
    }),
    get: operation({
      id: "listWebhookEndpoints",
      tag: "Webhooks",
      summary: "List endpoints, oldest first",
      parameters: [limitParam, pageParam],
      data: pageOf(ref("WebhookEndpoint")),
      errors: [400, 403],
    }),
  },
  "/webhooks/{id}": {
    get: operation({
      id: "getWebhookEndpoint",
      tag: "Webhooks",
      summary: "One endpoint",
      parameters: [endpointPath],
      data: dataOf(ref("WebhookEndpoint")),
      errors: [403, 404],
    }),
    patch: operation({
      id: "updateWebhookEndpoint",
      tag: "Webhooks",
      summary: "Change url, events or active (false disables, true resumes)",
      parameters: [endpointPath],
      body: object(
        {
          url: str("Judged as at creation", { maxLength: 2048 }),
          events: arrayOf(ref("EventType")),
          active: { type: "boolean" },
        },
        { optional: ["url", "events", "active"] },
      ),
      data: dataOf(ref("WebhookEndpoint")),
      errors: [400, 403, 404],
    }),
    delete: operation({
      id: "deleteWebhookEndpoint",
      tag: "Webhooks",
      summary: "Delete an endpoint and its delivery log",
      parameters: [endpointPath],
      status: 204,
      errors: [403, 404],
    }),
  },
  "/webhooks/{id}/rotate-secret": {
    post: operation({
      id: "rotateWebhookSecret",
      tag: "Webhooks",
      summary: "New secret; every secret it replaces keeps signing alongside for 24 hours",
      description:
        "`X-PCDKeys-Signature` is always the hex HMAC with the current secret. While secrets " +
        "retired less than 24 hours ago sign too, `X-PCDKeys-Signature-Previous` lists their " +
        "hex HMACs, most recently retired first, separated by `, ` (comma and space), and " +
        "`webhook-signature` carries one `v1,` signature per secret, current first, separated " +
        "by spaces. While 10 retired secrets still sign, a rotation is refused with 409 " +
        "ROTATION_LIMIT_REACHED (`details.next_rotation_at`: when the oldest expires). With " +
        "`expire_previous: true` (a secret leaked) every earlier secret stops signing at once " +
        "and the limit does not apply.",
      parameters: [endpointPath],
      body: object(
        {
          expire_previous: {
            type: "boolean",
            description: "Stop every earlier secret signing now (default false)",
          },
        },
        { optional: ["expire_previous"] },
      ),
      bodyOptional: true,
      data: dataOf(ref("WebhookEndpointWithSecret")),
      errors: [403, 404, 409],
    }),
  },
  "/webhooks/{id}/resume": {
    post: operation({
      id: "resumeWebhookEndpoint",
      tag: "Webhooks",
      summary: "Un-pause; waiting deliveries go out in order",
      parameters: [endpointPath],
      data: dataOf(ref("WebhookEndpoint")),
      errors: [403, 404],
    }),
  },
  "/webhooks/{id}/test": {
    post: operation({
      id: "testWebhookEndpoint",
      tag: "Webhooks",
      summary: "Send a webhook.test event now and report the answer",
      parameters: [endpointPath],
      data: dataOf(ref("WebhookTestResult")),
      errors: [403, 404],
    }),
  },
  "/webhooks/{id}/deliveries": {
    get: operation({
      id: "listWebhookDeliveries",
      tag: "Webhooks",
      summary: "Deliveries of an endpoint, newest first, with their attempt log",
      parameters: [
        endpointPath,
        param("status", "query", { type: "string", enum: ["pending", "succeeded", "failed"] }),
        param("event", "query", { type: "string", enum: [...EVENT_TYPES, "webhook.test"] }),
        limitParam,
        pageParam,
      ],
      data: pageOf(ref("WebhookDelivery")),
      errors: [400, 403, 404],
    }),
  },
  "/webhooks/{id}/deliveries/{deliveryId}/replay": {
    post: operation({
      id: "replayWebhookDelivery",
      tag: "Webhooks",
      summary: "Send a delivery's bytes again, as a new delivery",
      parameters: [endpointPath, uuidPath("deliveryId", "Delivery")],
      status: 202,
      data: dataOf(ref("WebhookReplay")),
      errors: [403, 404],
    }),
  },
};

const meta = {
  "/openapi.json": {
    get: {
      ...operation({
        id: "getOpenApiDocument",
        tag: "Meta",
        summary: "This document",
        security: false,
        data: { type: "object" },
      }),
    },
  },
};

type PathItem = Record<string, { responses: Record<string, unknown> }>;

/** POST, PATCH and PUT refuse a body that is not JSON with 415, whatever the operation. */
function withMediaTypeErrors(paths: Record<string, PathItem>): Record<string, PathItem> {
  const refused = { $ref: "#/components/responses/UnsupportedMediaType" };
  return Object.fromEntries(
    Object.entries(paths).map(([path, item]) => [
      path,
      Object.fromEntries(
        Object.entries(item).map(([method, op]) => [
          method,
          ["post", "patch", "put"].includes(method)
            ? { ...op, responses: { ...op.responses, 415: refused } }
            : op,
        ]),
      ),
    ]),
  );
}

const errorResponse = (description: string, schema = ref("Error")) => ({
  description,
  headers: rateLimitHeaders,
  content: json(schema),
});

/** The OpenAPI 3.1 description of /api/v1, written to openapi/openapi.json by `npm run openapi`. */
export function buildOpenApiDocument() {
  return {
    openapi: "3.1.0",
    info: {
      title: "PremiumCDKeys API",
      version: "1.0.0",
      description:
        "Orders, products, suppliers and outgoing webhook endpoints of one account. Keys " +
        "starting `pck_test_` see the account's sandbox data, `pck_live_` keys its live data. " +
        "Requests per minute: Standard 60, Business 300, Enterprise set per account. " +
        "Requests refused before any operation is reached are answered in the same error " +
        "envelope without rate-limit headers, and the connection is closed: 431 " +
        "HEADERS_TOO_LARGE (headers over 16 KB), 400 MALFORMED_REQUEST (not valid HTTP, or a " +
        "non-numeric, doubled or chunked-and-sized Content-Length), 408 REQUEST_TIMEOUT.",
      license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
    },
    servers: [{ url: "/api/v1" }],
    security: [{ bearerAuth: [] }, { apiKeyQuery: [] }],
    tags: ["Orders", "Products", "Suppliers", "Webhooks", "Meta"].map((name) => ({
      name,
      description: `${name} of the caller's account`,
    })),
    paths: withMediaTypeErrors({ ...orders, ...catalogue, ...webhooks, ...meta }),
    components: {
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "`Authorization: Bearer <key>`",
        },
        apiKeyQuery: { type: "apiKey", in: "query", name: "api_key" },
      },
      headers: {
        RateLimitLimit: { description: "Requests allowed per minute", schema: { type: "integer" } },
        RateLimitRemaining: {
          description: "Requests left this minute",
          schema: { type: "integer" },
        },
        RateLimitReset: {
          description: "Unix seconds when the minute ends",
          schema: { type: "integer" },
        },
      },
      responses: {
        BadRequest: errorResponse(
          "VALIDATION_ERROR naming the fields (`details.fields`): a parameter given more than " +
            "once, an integer that is not plain decimal digits, a value out of range; or " +
            "MALFORMED_JSON",
          { anyOf: [ref("ValidationError"), ref("Error")] },
        ),
        Unauthorized: errorResponse("UNAUTHORIZED: no key, or an unknown or revoked one"),
        Forbidden: errorResponse("FORBIDDEN: the key lacks a permission"),
        NotFound: errorResponse("ORDER_NOT_FOUND, PRODUCT_NOT_FOUND, SUPPLIER_NOT_FOUND, ..."),
        Conflict: errorResponse(
          "ORDER_NOT_PROCESSABLE, IDEMPOTENCY_KEY_IN_USE, or ROTATION_LIMIT_REACHED",
        ),
        IdempotencyKeyReused: errorResponse("IDEMPOTENCY_KEY_REUSED"),
        PayloadTooLarge: errorResponse("PAYLOAD_TOO_LARGE: the body is over 5 MB"),
        UnsupportedMediaType: errorResponse(
          "UNSUPPORTED_MEDIA_TYPE: a body was sent without `Content-Type: application/json` " +
            "(a charset other than utf-8 included); `details.content_type` is the type given",
        ),
        RateLimited: {
          ...errorResponse("RATE_LIMITED"),
          headers: {
            ...rateLimitHeaders,
            "Retry-After": { description: "Seconds to wait", schema: { type: "integer" } },
          },
        },
        ServerError: errorResponse("SERVER_ERROR; never shows internals"),
        SupplierUnavailable: errorResponse("SUPPLIER_UNAVAILABLE: the supplier did not answer"),
      },
      schemas,
    },
  };
}
