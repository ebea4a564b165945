// A local Kinguin eCommerce API (buyer side), built from the official docs' routes, bodies,
// limits and error kinds (/work/shared/reference/suppliers.md section 2).
import { randomBytes } from "node:crypto";
import { currencyDecimals } from "@premiumcdkeys/suppliers";
import {
  decimal,
  startSimServer,
  tinyImage,
  type SimAnswer,
  type SimRequest,
} from "./sim-server.ts";

export type KgSimProduct = {
  productId: string;
  name: string;
  qty: number;
  priceMinor: number;
  kind: "text" | "image" | "preorder";
};

export type KgFault =
  | "rate_limit"
  | "order_failed"
  /** Takes the order, then answers 500 (as the sandbox has been seen to). */
  | "error_after_order"
  | { answerAfterMs: number };

type KgKey = { id: string; serial: string | null; type: string; status: string };
type KgOrder = {
  orderId: string;
  orderExternalId?: string;
  productId: string;
  name: string;
  qty: number;
  priceMinor: number;
  isPreorder: boolean;
  keys: KgKey[];
  createdAt: string;
};

export type KgSimulatorOptions = {
  apiKey?: string;
  webhookSecret?: string;
  balanceMinor?: number;
  currency?: string;
};

export async function startKinguinSimulator(options: KgSimulatorOptions = {}) {
  const settings = {
    apiKey: "sim-kinguin-api-key",
    webhookSecret: "sim-kinguin-webhook-secret",
    balanceMinor: 1_000_000,
    currency: "EUR",
    ...options,
  };
  const money = (minor: number) => decimal(minor, currencyDecimals(settings.currency));
  const products = new Map<string, KgSimProduct>();
  const orders = new Map<string, KgOrder>();
  const faults: KgFault[] = [];
  const state = { balanceMinor: settings.balanceMinor };

  const problem = (status: number, kind: string, detail: string, path = ""): SimAnswer => ({
    status,
    body: {
      kind,
      status,
      title: status === 401 ? undefined : "Error",
      type: status === 401 ? "Unauthorized" : undefined,
      detail,
      path,
      method: "",
      trace: randomBytes(5).toString("hex"),
      timestamp: new Date().toISOString(),
    },
  });

  function productBody(product: KgSimProduct) {
    return {
      kinguinId: Number.parseInt(product.productId.slice(-6), 16) || 1,
      productId: product.productId,
      name: product.name,
      platform: "Steam",
      qty: product.qty,
      textQty: product.kind === "text" ? product.qty : 0,
      totalQty: product.qty,
      price: money(product.priceMinor),
      isPreorder: product.kind === "preorder",
      offers: [],
      updatedAt: new Date().toISOString(),
    };
  }

  function orderBody(order: KgOrder) {
    const delivered = order.keys.every((key) => key.serial !== null);
    return {
      orderId: order.orderId,
      orderExternalId: order.orderExternalId,
      status: delivered ? "completed" : "processing",
      totalPrice: money(order.priceMinor * order.qty),
      requestTotalPrice: money(order.priceMinor * order.qty),
      paymentPrice: money(order.priceMinor * order.qty),
      createdAt: order.createdAt,
      isPreorder: order.isPreorder,
      totalQty: order.qty,
      products: [
        {
          productId: order.productId,
          name: order.name,
          qty: order.qty,
          price: money(order.priceMinor),
          isPreorder: order.isPreorder,
          keys: order.keys.map((key) => ({ id: key.id, status: key.status })),
        },
      ],
    };
  }

  function newKey(kind: KgSimProduct["kind"]): KgKey {
    const id = randomBytes(6).toString("hex");
    const value = randomBytes(6).toString("hex").toUpperCase();
    if (kind === "preorder") return { id, serial: null, type: "text/plain", status: "PENDING" };
    if (kind === "image") {
      return {
        id,
        serial: tinyImage(value).toString("base64"),
        type: "image/png",
        status: "DELIVERED",
      };
    }
    return { id, serial: value, type: "text/plain", status: "DELIVERED" };
  }

  function createOrder(request: SimRequest): SimAnswer {
    const fault = faults.shift();
    if (fault === "rate_limit") return { status: 429, headers: { "retry-after": "1" } };
    if (fault === "order_failed") {
      return problem(422, "OrderFailed", "There was a problem with placing order", request.path);
    }
    const body = JSON.parse(request.body || "{}") as {
      products?: { productId: string; qty: number; price: number; keyType?: string }[];
      orderExternalId?: string;
    };
    const lines = body.products ?? [];
    if (lines.length === 0 || lines.length > 10) {
      return problem(400, "ConstraintViolation", "products: between 1 and 10 items", request.path);
    }
    if (new Set(lines.map((line) => line.productId)).size !== lines.length) {
      return problem(
        400,
        "ConstraintViolation",
        "This collection should contain only elements with unique value in productId",
      );
    }
    const line = lines[0];
    if (!(line.qty >= 1 && line.qty <= 9)) {
      return problem(400, "ConstraintViolation", "products[0].qty: between 1 and 9");
    }
    const product = products.get(line.productId);
    if (!product) return problem(404, "HttpClient", "Product not found", request.path);
    const preorder = product.kind === "preorder";
    if (preorder && line.keyType) {
      return problem(400, "Preorder", "keyType is not allowed for pre-orders", request.path);
    }
    if (Math.round(line.price * 10 ** currencyDecimals(settings.currency)) < product.priceMinor) {
      return problem(
        400,
        "ProductUnavailable",
        "No offer matches the requested price and quantity.",
      );
    }
    if (!preorder && product.qty < line.qty) {
      return problem(
        400,
        "ProductUnavailable",
        "No offer matches the requested price and quantity.",
      );
    }
    if (state.balanceMinor < product.priceMinor * line.qty) {
      return problem(400, "InsufficientBalance", "Insufficient balance", request.path);
    }

    if (!preorder) product.qty -= line.qty;
    state.balanceMinor -= product.priceMinor * line.qty;
    const orderId = randomBytes(6).toString("hex").toUpperCase().slice(0, 11);
    const order: KgOrder = {
      orderId,
      orderExternalId: body.orderExternalId,
      productId: product.productId,
      name: product.name,
      qty: line.qty,
      priceMinor: product.priceMinor,
      isPreorder: preorder,
      keys: Array.from({ length: line.qty }, () => newKey(product.kind)),
      createdAt: new Date().toISOString(),
    };
    orders.set(orderId, order);
    if (fault === "error_after_order") {
      return problem(500, "Error", "Internal Server Error", request.path);
    }
    const slow = fault && typeof fault === "object" ? fault.answerAfterMs : 0;
    // Kinguin answers 201 while the order is still processing; keys follow.
    return { status: 201, body: { ...orderBody(order), status: "processing" }, delayMs: slow };
  }

  function route(request: SimRequest): SimAnswer {
    const key = request.headers["x-api-key"] ?? request.headers["api-ecommerce-auth"];
    if (key !== settings.apiKey) {
      return problem(401, "Authorization", "Invalid authentication data.", request.path);
    }
    const { method, path, query } = request;
    let match: RegExpExecArray | null;
    if (method === "GET" && (match = /^\/v2\/products\/([^/]+)$/.exec(path))) {
      const product = products.get(decodeURIComponent(match[1]));
      // Out of stock answers 404, as the real API does.
      if (!product || (product.qty === 0 && product.kind !== "preorder")) {
        return problem(404, "HttpClient", "Product not found", path);
      }
      return { status: 200, body: productBody(product) };
    }
    if (method === "GET" && path === "/v1/products") {
      const name = (query.get("name") ?? "").toLowerCase();
      const limit = Math.min(Number(query.get("limit") ?? 25), 100);
      const found = [...products.values()].filter((product) =>
        product.name.toLowerCase().includes(name),
      );
      return {
        status: 200,
        body: { results: found.slice(0, limit).map(productBody), item_count: found.length },
      };
    }
    if (method === "POST" && path === "/v2/order") return createOrder(request);
    if (method === "GET" && path === "/v1/order") {
      const external = query.get("orderExternalId");
      const found = [...orders.values()].filter(
        (order) => !external || order.orderExternalId === external,
      );
      return { status: 200, body: { results: found.map(orderBody), item_count: found.length } };
    }
    if (method === "GET" && (match = /^\/v1\/order\/([^/]+)$/.exec(path))) {
      const order = orders.get(decodeURIComponent(match[1]));
      return order
        ? { status: 200, body: orderBody(order) }
        : problem(404, "OrderNotFound", "Order not found", path);
    }
    if (method === "GET" && (match = /^\/v2\/order\/([^/]+)\/keys$/.exec(path))) {
      const order = orders.get(decodeURIComponent(match[1]));
      if (!order) return problem(404, "OrderNotFound", "Order not found", path);
      const page = Math.max(1, Number(query.get("page") ?? 1));
      const limit = Math.min(Math.max(1, Number(query.get("limit") ?? 25)), 100);
      const delivered = order.keys.filter((entry) => entry.serial !== null);
      const slice = delivered.slice((page - 1) * limit, page * limit);
      return {
        status: 200,
        body: slice.map((entry) => ({
          id: entry.id,
          serial: entry.serial,
          type: entry.type,
          name: order.name,
          productId: order.productId,
        })),
      };
    }
    if (method === "GET" && path === "/v1/balance") {
      return { status: 200, body: { balance: money(state.balanceMinor) } };
    }
    return problem(404, "Http", "No such route", path);
  }

  const server = await startSimServer(route);
  return {
    ...server,
    settings,
    state,
    orders,
    credentials: { apiKey: settings.apiKey, webhookSecret: settings.webhookSecret },
    addProduct(product: KgSimProduct) {
      products.set(product.productId, { ...product });
    },
    product: (id: string) => products.get(id),
    inject(...next: KgFault[]) {
      faults.push(...next);
    },
    orderCount: () => orders.size,
    fillPreorder(orderId: string) {
      for (const entry of orders.get(orderId)?.keys ?? []) {
        if (entry.serial !== null) continue;
        entry.serial = randomBytes(6).toString("hex").toUpperCase();
        entry.status = "DELIVERED";
      }
    },
    /** A webhook as Kinguin sends it: the secret as-is in a header, no signature. */
    webhook(
      target: string,
      event: string,
      body: Record<string, unknown>,
      secret = settings.webhookSecret,
    ) {
      return fetch(target, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-event-name": event,
          "x-event-secret": secret,
        },
        body: JSON.stringify({ ...body, updatedAt: new Date().toISOString() }),
      });
    },
  };
}

export type KinguinSimulator = Awaited<ReturnType<typeof startKinguinSimulator>>;
