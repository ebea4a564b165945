import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for Shopify's GraphQL Admin API (2026-10) that answers the three operations
 * the app uses, with the shapes Shopify documents: the order's fulfillment orders,
 * `fulfillmentCreate` and `metafieldsSet`, each mutation with its `userErrors`. It checks the
 * access token, remembers what was fulfilled, and can be told to fail.
 */
export type FakeAdminApi = Awaited<ReturnType<typeof startFakeAdminApi>>;

type FulfillmentOrder = {
  id: string;
  status: string;
  lineItems: { id: string; lineItemId: string; remainingQuantity: number }[];
};

type Failure = "http500" | "throttled" | "userErrors";

export async function startFakeAdminApi() {
  const tokens = new Map<string, string>();
  const orders = new Map<string, FulfillmentOrder[]>();
  const calls: { shop: string; operation: string; variables: Record<string, unknown> }[] = [];
  const failures: { operation: string; failure: Failure }[] = [];
  /** Fulfilments actually created, and metafields actually written. */
  const fulfilments: { shop: string; input: unknown }[] = [];
  const metafields: {
    shop: string;
    ownerId: string;
    namespace: string;
    key: string;
    type: string;
    value: string;
  }[] = [];
  let nextId = 1;

  function answer(shop: string, query: string, variables: Record<string, unknown>) {
    const operation = operationOf(query);
    calls.push({ shop, operation, variables });
    const failureAt = failures.findIndex((entry) => entry.operation === operation);
    const failure = failureAt >= 0 ? failures.splice(failureAt, 1)[0].failure : undefined;
    if (failure === "http500") return { status: 500, body: { errors: "Internal error" } };
    if (failure === "throttled") {
      return {
        status: 200,
        body: { errors: [{ message: "Throttled", extensions: { code: "THROTTLED" } }] },
      };
    }

    if (operation === "fulfillmentOrders") {
      const id = String(variables.id);
      const list = orders.get(`${shop} ${id}`);
      return { status: 200, body: { data: { order: list ? orderNode(id, list) : null } } };
    }
    if (operation === "fulfillmentCreate") {
      if (failure === "userErrors") {
        return mutationError("fulfillmentCreate", { fulfillment: null }, "Fulfillment failed");
      }
      return { status: 200, body: { data: { fulfillmentCreate: fulfil(shop, variables) } } };
    }
    if (operation === "metafieldsSet") {
      if (failure === "userErrors") {
        return mutationError("metafieldsSet", { metafields: null }, "Value is invalid");
      }
      const inputs = variables.metafields as Record<string, string>[];
      for (const field of inputs) {
        metafields.push({
          shop,
          ownerId: field.ownerId,
          namespace: field.namespace,
          key: field.key,
          type: field.type,
          value: field.value,
        });
      }
      const written = inputs.map((field) => ({
        id: `gid://shopify/Metafield/${nextId++}`,
        namespace: field.namespace.replace("$app", "app--1"),
        key: field.key,
      }));
      return {
        status: 200,
        body: { data: { metafieldsSet: { metafields: written, userErrors: [] } } },
      };
    }
    return { status: 200, body: { errors: [{ message: "Unknown operation" }] } };
  }

  function fulfil(shop: string, variables: Record<string, unknown>) {
    const input = variables.fulfillment as {
      lineItemsByFulfillmentOrder: {
        fulfillmentOrderId: string;
        fulfillmentOrderLineItems?: { id: string; quantity: number }[];
      }[];
    };
    for (const entry of input.lineItemsByFulfillmentOrder) {
      const fulfillmentOrder = [...orders.entries()]
        .filter(([key]) => key.startsWith(`${shop} `))
        .flatMap(([, list]) => list)
        .find((candidate) => candidate.id === entry.fulfillmentOrderId);
      if (!fulfillmentOrder) {
        return {
          fulfillment: null,
          userErrors: [{ field: ["fulfillment"], message: "Fulfillment order does not exist." }],
        };
      }
      for (const item of entry.fulfillmentOrderLineItems ?? []) {
        const line = fulfillmentOrder.lineItems.find((candidate) => candidate.id === item.id);
        if (!line || item.quantity > line.remainingQuantity) {
          return {
            fulfillment: null,
            userErrors: [
              {
                field: ["fulfillment"],
                message: "Invalid fulfillment order line item quantity requested.",
              },
            ],
          };
        }
        line.remainingQuantity -= item.quantity;
      }
      const open = fulfillmentOrder.lineItems.some((line) => line.remainingQuantity > 0);
      fulfillmentOrder.status = open ? "IN_PROGRESS" : "CLOSED";
    }
    fulfilments.push({ shop, input });
    return {
      fulfillment: { id: `gid://shopify/Fulfillment/${nextId++}`, status: "SUCCESS" },
      userErrors: [],
    };
  }

  const server = http.createServer((req, res) => {
    const match = req.url?.match(/^\/([^/]+)\/admin\/api\/2026-10\/graphql\.json$/);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method !== "POST" || !match) return send(404, { errors: "Not Found" });
      const shop = match[1];
      if (!tokens.has(shop) || req.headers["x-shopify-access-token"] !== tokens.get(shop)) {
        return send(401, {
          errors: "[API] Invalid API key or access token (unrecognized login or wrong password)",
        });
      }
      const request = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
        query: string;
        variables?: Record<string, unknown>;
      };
      const reply = answer(shop, request.query, request.variables ?? {});
      send(reply.status, reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    /** For SHOPIFY_ADMIN_API_URL: the shop's domain takes the `{shop}` place. */
    url: `http://127.0.0.1:${port}/{shop}`,
    calls,
    fulfilments,
    metafields,
    /** Accepts this token for the shop, as Shopify would after an install. */
    allowToken(shop: string, token: string) {
      tokens.set(shop, token);
    },
    /** An order with one open fulfillment order holding these line items. */
    addOrder(shop: string, orderId: string, lines: { lineItemId: string; quantity: number }[]) {
      const gid = `gid://shopify/Order/${orderId}`;
      orders.set(`${shop} ${gid}`, [
        {
          id: `gid://shopify/FulfillmentOrder/${nextId++}`,
          status: "OPEN",
          lineItems: lines.map((line) => ({
            id: `gid://shopify/FulfillmentOrderLineItem/${nextId++}`,
            lineItemId: `gid://shopify/LineItem/${line.lineItemId}`,
            remainingQuantity: line.quantity,
          })),
        },
      ]);
    },
    /** The next call of `operation` fails this way (once per call of failNext). */
    failNext(operation: string, failure: Failure) {
      failures.push({ operation, failure });
    },
    callsOf(operation: string) {
      return calls.filter((call) => call.operation === operation);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function operationOf(query: string): string {
  if (query.includes("fulfillmentCreate(")) return "fulfillmentCreate";
  if (query.includes("metafieldsSet(")) return "metafieldsSet";
  if (query.includes("fulfillmentOrders(")) return "fulfillmentOrders";
  return "unknown";
}

function orderNode(id: string, list: FulfillmentOrder[]) {
  return {
    id,
    fulfillmentOrders: {
      nodes: list.map((fulfillmentOrder) => ({
        id: fulfillmentOrder.id,
        status: fulfillmentOrder.status,
        lineItems: {
          nodes: fulfillmentOrder.lineItems.map((line) => ({
            id: line.id,
            remainingQuantity: line.remainingQuantity,
            lineItem: { id: line.lineItemId },
          })),
        },
      })),
    },
  };
}

function mutationError(name: string, empty: Record<string, null>, message: string) {
  return {
    status: 200,
    body: { data: { [name]: { ...empty, userErrors: [{ field: ["input"], message }] } } },
  };
}
