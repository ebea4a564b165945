// A local CodesWholesale API v2, built from the public SDKs' routes, bodies and error codes
// (/work/shared/reference/suppliers.md section 1). Where the real behaviour is undocumented it
// is marked [assumption] and kept configurable.
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { currencyDecimals } from "@premiumcdkeys/suppliers";
import {
  decimal,
  startSimServer,
  tinyImage,
  type SimAnswer,
  type SimRequest,
} from "./sim-server.ts";

export type CwSimProduct = {
  productId: string;
  name: string;
  quantity: number;
  /** Tier prices in minor units: [fromQuantity, priceMinor]. */
  prices: [number, number][];
  kind: "text" | "image" | "preorder";
};

export type CwFault =
  | "rate_limit"
  | "too_low_stock"
  | "invalid_token"
  | { answerAfterMs: number }
  | { status: number; code: number; message: string };

type CwCode = {
  codeId: string;
  codeType: string;
  status: string;
  code: string | null;
  filename: string | null;
};
type CwOrder = {
  orderId: string;
  clientOrderId: string | null;
  identifier: string;
  totalPrice: number;
  status: string;
  createdOn: string;
  products: { productId: string; unitPrice: number; codes: CwCode[] }[];
  links: [];
};

export type CwSimulatorOptions = {
  clientId?: string;
  clientSecret?: string;
  signature?: string;
  currency?: string;
  tokenLifetimeSeconds?: number;
  balanceMinor?: number;
  /** [assumption] The pre-order enum is spelled both ways in the sources. */
  preorderSpelling?: "CODE_PREORDER" | "PRE_ORDER";
  /** Image codes come with an empty `code` in orders, to be fetched from /v2/codes/{id}. */
  imagesOutOfBand?: boolean;
};

export async function startCodesWholesaleSimulator(options: CwSimulatorOptions = {}) {
  const settings = {
    clientId: "sim-client-id",
    clientSecret: "sim-client-secret",
    signature: "sim-signature",
    currency: "EUR",
    tokenLifetimeSeconds: 3600,
    balanceMinor: 1_000_000,
    preorderSpelling: "CODE_PREORDER" as const,
    imagesOutOfBand: true,
    ...options,
  };
  const decimals = currencyDecimals(settings.currency);
  const money = (minor: number) => decimal(minor, decimals);
  const products = new Map<string, CwSimProduct>();
  const orders = new Map<string, CwOrder>();
  const codes = new Map<string, CwCode>();
  const tokens = new Map<string, number>();
  const faults: CwFault[] = [];
  const state = { balanceMinor: settings.balanceMinor, tokensIssued: 0, failCodeFetches: 0 };

  const error = (status: number, code: number, message: string): SimAnswer => ({
    status,
    body: { status, code, message },
  });

  function issueToken(request: SimRequest): SimAnswer {
    // Credentials are read from the form body or the query string, never from Basic auth.
    const form = new URLSearchParams(request.body);
    const read = (name: string) => form.get(name) ?? request.query.get(name);
    if (read("grant_type") !== "client_credentials") {
      return { status: 400, body: { error: "unsupported_grant_type" } };
    }
    if (
      read("client_id") !== settings.clientId ||
      read("client_secret") !== settings.clientSecret
    ) {
      return {
        status: 401,
        body: { error: "invalid_client", error_description: "Bad credentials" },
      };
    }
    const token = randomBytes(16).toString("hex");
    tokens.set(token, Date.now() + settings.tokenLifetimeSeconds * 1000);
    state.tokensIssued += 1;
    return {
      status: 200,
      body: {
        access_token: token,
        token_type: "bearer",
        expires_in: settings.tokenLifetimeSeconds,
      },
    };
  }

  function authorised(request: SimRequest): boolean {
    const token = /^Bearer (\S+)$/.exec(String(request.headers.authorization ?? ""))?.[1];
    const expiry = token ? tokens.get(token) : undefined;
    return expiry !== undefined && expiry > Date.now();
  }

  function productBody(product: CwSimProduct) {
    const tiers = [...product.prices].sort((a, b) => a[0] - b[0]);
    return {
      productId: product.productId,
      identifier: product.productId.slice(0, 8).toUpperCase(),
      name: product.name,
      platform: "Steam",
      regions: ["WORLDWIDE"],
      languages: ["Multilanguage"],
      quantity: product.quantity,
      prices: tiers.map(([from, minor], index) => ({
        value: money(minor),
        from,
        to: tiers[index + 1] ? tiers[index + 1][0] - 1 : null,
      })),
      releaseDate:
        product.kind === "preorder"
          ? new Date(Date.now() + 30 * 86_400_000).toISOString()
          : undefined,
      images: [],
      links: [],
    };
  }

  function newCode(kind: CwSimProduct["kind"]): CwCode {
    const codeId = randomUUID();
    const value = randomBytes(6).toString("hex").toUpperCase();
    const code: CwCode =
      kind === "text"
        ? { codeId, codeType: "CODE_TEXT", status: "Text code", code: value, filename: null }
        : kind === "image"
          ? {
              codeId,
              codeType: "CODE_IMAGE",
              status: "Image code",
              code: tinyImage(value).toString("base64"),
              filename: `${value}.png`,
            }
          : {
              codeId,
              codeType: settings.preorderSpelling,
              status: "Pre-ordered code",
              code: null,
              filename: null,
            };
    codes.set(codeId, code);
    return code;
  }

  /** Codes as an order shows them: image binaries left out when configured so. */
  function orderBody(order: CwOrder) {
    return {
      ...order,
      products: order.products.map((line) => ({
        ...line,
        codes: line.codes.map((code) =>
          code.codeType === "CODE_IMAGE" && settings.imagesOutOfBand ? { ...code, code: "" } : code,
        ),
      })),
    };
  }

  function createOrder(request: SimRequest): SimAnswer {
    const fault = faults.shift();
    if (fault === "rate_limit") {
      return {
        status: 429,
        headers: { "retry-after": "1" },
        body: { status: 429, message: "Too many requests" },
      };
    }
    if (fault === "too_low_stock") return error(400, 310003, "Cannot complete, too low stock.");
    if (fault === "invalid_token") {
      return { status: 401, body: { error: "invalid_token", error_description: "Token expired" } };
    }
    if (fault && typeof fault === "object" && "status" in fault) {
      return error(fault.status, fault.code, fault.message);
    }

    const body = JSON.parse(request.body || "{}") as {
      orderId?: string;
      allowPreOrder?: boolean;
      products?: { productId: string; quantity: number | string; price?: number }[];
    };
    const line = body.products?.[0];
    const product = line && products.get(line.productId);
    if (!line || !product) return error(404, 20001, "Product not found in price list");
    const quantity = Number(line.quantity);
    if (!(quantity >= 1)) return error(400, 40002, "Quantity must be at least 1");
    const unitMinor = [...product.prices].sort((a, b) => a[0] - b[0])[0][1];
    // [assumption] A price to validate below the current price is refused like this.
    if (line.price !== undefined && Math.round(line.price * 10 ** decimals) < unitMinor) {
      return error(400, 40010, "Price to validate is lower than the current price");
    }
    const preorder = product.kind === "preorder";
    if (!preorder && product.quantity < quantity)
      return error(400, 310003, "Cannot complete, too low stock.");
    if (preorder && body.allowPreOrder === false)
      return error(400, 310003, "Cannot complete, too low stock.");
    if (state.balanceMinor < unitMinor * quantity) return error(400, 10002, "Balance too low");

    if (!preorder) product.quantity -= quantity;
    state.balanceMinor -= unitMinor * quantity;
    const order: CwOrder = {
      orderId: randomUUID(),
      clientOrderId: body.orderId ?? null,
      identifier: `CW-ORD-${orders.size + 1}`,
      totalPrice: money(unitMinor * quantity),
      status: preorder ? "Pending" : "Completed",
      createdOn: new Date().toISOString(),
      products: [
        {
          productId: product.productId,
          unitPrice: money(unitMinor),
          codes: Array.from({ length: quantity }, () => newCode(product.kind)),
        },
      ],
      links: [],
    };
    orders.set(order.orderId, order);
    const slow =
      fault && typeof fault === "object" && "answerAfterMs" in fault ? fault.answerAfterMs : 0;
    return { status: 200, body: orderBody(order), delayMs: slow };
  }

  function route(request: SimRequest): SimAnswer {
    if (request.method === "POST" && request.path === "/oauth/token") return issueToken(request);
    if (!authorised(request)) {
      return {
        status: 401,
        body: { error: "invalid_token", error_description: "The access token is not valid" },
      };
    }
    const { method, path } = request;
    let match: RegExpExecArray | null;
    if (method === "GET" && path === "/v2/products") {
      return { status: 200, body: { items: [...products.values()].map(productBody) } };
    }
    if (method === "GET" && (match = /^\/v2\/products\/([^/]+)$/.exec(path))) {
      const product = products.get(decodeURIComponent(match[1]));
      return product
        ? { status: 200, body: productBody(product) }
        : error(404, 20001, "Product not found");
    }
    if (method === "POST" && path === "/v2/orders") return createOrder(request);
    if (method === "GET" && path === "/v2/orders") {
      return { status: 200, body: { items: [...orders.values()].map(orderBody) } };
    }
    if (method === "GET" && (match = /^\/v2\/orders\/([^/]+)$/.exec(path))) {
      const order = orders.get(decodeURIComponent(match[1]));
      return order ? { status: 200, body: orderBody(order) } : error(404, 30018, "Order not found");
    }
    if (method === "GET" && (match = /^\/v2\/codes\/([^/]+)$/.exec(path))) {
      if (state.failCodeFetches > 0) {
        state.failCodeFetches -= 1;
        return { status: 503, body: { status: 503, message: "Service Unavailable" } };
      }
      const code = codes.get(decodeURIComponent(match[1]));
      return code ? { status: 200, body: code } : error(404, 50002, "Code details not found");
    }
    if (method === "GET" && path === "/v2/accounts/current") {
      const balance = money(state.balanceMinor);
      return {
        status: 200,
        body: {
          fullName: "Sim Shop",
          email: "sim@example.test",
          currentBalance: balance,
          currentCredit: 0,
          totalToUse: balance,
        },
      };
    }
    return error(404, 0, "No such route");
  }

  const server = await startSimServer(route);
  const authHash = createHash("sha256")
    .update(settings.clientId + settings.signature)
    .digest("hex");

  return {
    ...server,
    settings,
    state,
    orders,
    credentials: {
      clientId: settings.clientId,
      clientSecret: settings.clientSecret,
      signature: settings.signature,
    },
    addProduct(product: CwSimProduct) {
      products.set(product.productId, { ...product });
    },
    product: (id: string) => products.get(id),
    /** The next order calls meet these faults, one each, in order. */
    inject(...next: CwFault[]) {
      faults.push(...next);
    },
    /** Every token issued so far stops working, as if it had expired. */
    expireTokens() {
      for (const token of tokens.keys()) tokens.set(token, 0);
    },
    orderCount: () => orders.size,
    /** Assigns text keys to every pre-ordered code of the order. */
    fillPreorder(orderId: string) {
      for (const code of orders.get(orderId)?.products.flatMap((line) => line.codes) ?? []) {
        if (code.code !== null) continue;
        Object.assign(code, {
          codeType: "CODE_TEXT",
          status: "Text code",
          code: randomBytes(6).toString("hex").toUpperCase(),
        });
      }
    },
    /** A postback as CodesWholesale sends it, with the shared authHash in the body. */
    postback(target: string, body: Record<string, unknown>, hash = authHash) {
      return fetch(target, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ...body, authHash: hash }),
      });
    },
  };
}

export type CodesWholesaleSimulator = Awaited<ReturnType<typeof startCodesWholesaleSimulator>>;
