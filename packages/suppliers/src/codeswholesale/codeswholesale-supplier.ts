import { sha256Hex, sameSecret } from "../http/constant-time.ts";
import {
  field,
  requestJson,
  textField,
  type JsonAnswer,
  type JsonRequest,
} from "../http/json-http.ts";
import { minorToDecimalText, toMinorUnits } from "../money.ts";
import type { ConnectionSettings } from "../connection-settings.ts";
import {
  SupplierError,
  afterOrderPlaced,
  type CallbackHint,
  type IncomingCallback,
  type Money,
  type PlaceOrderRequest,
  type Supplier,
  type SupplierKey,
  type SupplierOrder,
  type SupplierProduct,
} from "../supplier.ts";
import { readAnswer } from "../http/read-answer.ts";
import { parseJsonObject, unknownOutcome } from "../http/supplier-answers.ts";
import { readCode } from "./cw-codes.ts";
import {
  cwCodeSchema,
  cwListSchema,
  cwOrderSchema,
  cwProductSchema,
  type CwOrder,
  type CwProduct,
} from "./cw-schemas.ts";
import { CwTokenCache, type CwCredentials } from "./cw-token.ts";

export const CODESWHOLESALE_URLS = {
  live: "https://api.codeswholesale.com",
  sandbox: "https://sandbox.codeswholesale.com",
} as const;

/** How far back a lost order is looked for in the order history. */
const HISTORY_DAYS = 30;

/** CodesWholesale API v2: OAuth2 client credentials, products, orders, codes, balance. */
export class CodesWholesaleSupplier implements Supplier {
  readonly id = "codeswholesale";
  readonly #settings: ConnectionSettings;
  readonly #credentials: CwCredentials;
  readonly #token: CwTokenCache;

  constructor(settings: ConnectionSettings, credentials: CwCredentials) {
    this.#settings = settings;
    this.#credentials = credentials;
    this.#token = new CwTokenCache(this.#http(), credentials);
  }

  async getProduct(productId: string): Promise<SupplierProduct | undefined> {
    const answer = await this.#call({ path: `/v2/products/${encodeURIComponent(productId)}` });
    if (answer.status === 404) return undefined;
    this.#expectOk(answer);
    return this.#product(readAnswer(cwProductSchema, answer.body, this.id));
  }

  async searchProducts(query: { text: string; limit?: number }): Promise<SupplierProduct[]> {
    const answer = await this.#call({ path: "/v2/products" });
    this.#expectOk(answer);
    const needle = query.text.toLowerCase();
    const { items } = readAnswer(cwListSchema(cwProductSchema), answer.body, this.id);
    return items
      .filter((item) => (item.name ?? "").toLowerCase().includes(needle))
      .slice(0, query.limit ?? 25)
      .map((item) => this.#product(item));
  }

  async placeOrder(request: PlaceOrderRequest): Promise<SupplierOrder> {
    this.#expectCurrency(request.currency);
    const answer = await this.#call({
      method: "POST",
      path: "/v2/orders",
      json: {
        orderId: request.reference,
        allowPreOrder: true,
        // The price the server validates against its current price.
        products: [
          {
            productId: request.productId,
            quantity: 1,
            price: Number(minorToDecimalText(request.maxPriceMinor, request.currency)),
          },
        ],
      },
    });
    if (answer.status >= 500) throw unknownOutcome(this.id, answer.status);
    if (answer.status !== 200 && answer.status !== 201) throw this.#businessError(answer, request);
    return afterOrderPlaced(this.id, () =>
      this.#order(readAnswer(cwOrderSchema, answer.body, this.id), request.reference),
    );
  }

  async findOrder(reference: string): Promise<SupplierOrder | undefined> {
    const day = 24 * 3600 * 1000;
    const date = (time: number) => new Date(time).toISOString().slice(0, 10);
    const answer = await this.#call({
      path: "/v2/orders",
      query: { startFrom: date(Date.now() - HISTORY_DAYS * day), endOn: date(Date.now() + day) },
    });
    this.#expectOk(answer);
    const { items } = readAnswer(cwListSchema(cwOrderSchema), answer.body, this.id);
    const match = items.find((item) => item.clientOrderId === reference);
    return match ? this.getOrder(match.orderId, reference) : undefined;
  }

  async getOrder(supplierOrderId: string, reference?: string): Promise<SupplierOrder | undefined> {
    const answer = await this.#call({ path: `/v2/orders/${encodeURIComponent(supplierOrderId)}` });
    if (answer.status === 404) return undefined;
    this.#expectOk(answer);
    const order = readAnswer(cwOrderSchema, answer.body, this.id);
    return this.#order(order, reference ?? order.clientOrderId ?? supplierOrderId);
  }

  async getBalance(): Promise<Money> {
    const answer = await this.#call({ path: "/v2/accounts/current" });
    this.#expectOk(answer);
    const total = field(answer.body, "totalToUse") ?? field(answer.body, "currentBalance");
    return {
      amountMinor: toMinorUnits(Number(total ?? 0), this.#settings.currency),
      currency: this.#settings.currency,
    };
  }

  /**
   * Postbacks carry `authHash` = SHA-256 of client id + client signature in the body, the same
   * for every postback; it proves only that the sender knows it, so the result is a hint.
   */
  parseCallback(callback: IncomingCallback): CallbackHint | undefined {
    const body = parseJsonObject(callback.body);
    if (
      !sameSecret(
        typeof body.authHash === "string" ? body.authHash : "",
        codesWholesaleAuthHash(this.#credentials),
      )
    ) {
      return undefined;
    }
    if (body.type === "PREORDER" && typeof body.orderId === "string") {
      return { kind: "order", supplierOrderId: body.orderId };
    }
    if (body.type === "STOCK" && Array.isArray(body.products)) {
      const ids = (body.products as { productId?: unknown }[]).map((item) => item.productId);
      return { kind: "stock", productIds: ids.filter((id) => typeof id === "string") };
    }
    if (typeof body.productId === "string") return { kind: "stock", productIds: [body.productId] };
    return { kind: "other" };
  }

  #http() {
    const { baseUrl, timeoutMs } = this.#settings;
    return { supplier: this.id, baseUrl, timeoutMs };
  }

  /** An authenticated call; a token the API calls invalid is fetched again, once. */
  async #call(request: JsonRequest): Promise<JsonAnswer> {
    const send = async () => {
      const token = await this.#token.get();
      const headers = { ...request.headers, authorization: `Bearer ${token}` };
      return requestJson(this.#http(), { ...request, headers });
    };
    let answer = await send();
    if (answer.status === 401) {
      this.#token.forget();
      answer = await send();
    }
    if (answer.status === 401) {
      throw new SupplierError("auth_failed", "CodesWholesale refused our access token", {
        status: 401,
        error: field(answer.body, "error") ?? null,
      });
    }
    return answer;
  }

  #expectOk(answer: JsonAnswer): void {
    if (answer.status >= 200 && answer.status < 300) return;
    throw new SupplierError("unavailable", `CodesWholesale answered ${answer.status}`, {
      status: answer.status,
      supplier_code: field(answer.body, "code") ?? null,
    });
  }

  #expectCurrency(currency: string): void {
    if (currency !== this.#settings.currency) {
      throw new SupplierError(
        "price_above_maximum",
        `This CodesWholesale account is billed in ${this.#settings.currency}, not ${currency}`,
        { currency: this.#settings.currency },
      );
    }
  }

  /** Error codes documented by the SDK and seen in the wild (reference/suppliers.md 1.8). */
  #businessError(answer: JsonAnswer, request: PlaceOrderRequest): SupplierError {
    const code = Number(field(answer.body, "code"));
    const details = { status: answer.status, supplier_code: Number.isFinite(code) ? code : null };
    const message = textField(answer.body, "message", `answered ${answer.status}`);
    if (code === 10002) return new SupplierError("balance_too_low", message, details);
    if (code === 310003) return new SupplierError("out_of_stock", message, details);
    if (code === 20001 || answer.status === 404) {
      return new SupplierError("unknown_product", message, details);
    }
    // Assumption: how the server refuses a `price` below its current price is not documented.
    if (/price/i.test(message)) {
      return new SupplierError("price_above_maximum", message, {
        ...details,
        max_price_minor: request.maxPriceMinor,
      });
    }
    return new SupplierError("unavailable", `CodesWholesale: ${message}`, details);
  }

  #product(item: CwProduct): SupplierProduct {
    const currency = this.#settings.currency;
    const tiers = (item.prices ?? [])
      .map((tier) => ({
        fromQuantity: tier.from ?? 1,
        priceMinor: toMinorUnits(tier.value, currency),
      }))
      .sort((a, b) => a.fromQuantity - b.fromQuantity);
    const release = item.releaseDate ? Date.parse(item.releaseDate) : NaN;
    return {
      id: item.productId,
      name: item.name ?? item.productId,
      priceMinor: tiers[0]?.priceMinor ?? 0,
      currency,
      stock: Math.max(0, Number(item.quantity ?? 0)),
      keyKind: "text",
      tiers,
      preorder: Number.isFinite(release) && release > Date.now(),
    };
  }

  /** Reads an order's codes, fetching image binaries the order left out. */
  async #order(order: CwOrder, reference: string): Promise<SupplierOrder> {
    const line = order.products?.[0];
    const keys: SupplierKey[] = [];
    let pending = 0;
    for (const code of line?.codes ?? []) {
      let read = readCode(code, reference);
      if (read.state === "image_without_data") read = await this.#fetchCode(read.codeId, reference);
      if (read.state === "ready") keys.push(read.key);
      else pending += 1;
    }
    const currency = this.#settings.currency;
    return {
      supplierOrderId: order.orderId,
      reference,
      productId: line?.productId ?? "",
      priceMinor: toMinorUnits(Number(line?.unitPrice ?? order.totalPrice ?? 0), currency),
      currency,
      keys,
      pendingKeys: pending,
      // CodesWholesale leaves a code without value only for pre-orders.
      preorder: pending > 0,
    };
  }

  async #fetchCode(codeId: string, reference: string) {
    const answer = await this.#call({ path: `/v2/codes/${encodeURIComponent(codeId)}` });
    // 404 / 50002: the image binary is not there yet; the key stays pending.
    if (answer.status === 404) return { state: "pending" } as const;
    this.#expectOk(answer);
    const read = readCode(readAnswer(cwCodeSchema, answer.body, this.id), reference);
    return read.state === "image_without_data" ? ({ state: "pending" } as const) : read;
  }
}

/** What CodesWholesale puts in every postback's `authHash`. */
export function codesWholesaleAuthHash(credentials: CwCredentials): string | undefined {
  return credentials.signature
    ? sha256Hex(credentials.clientId + credentials.signature)
    : undefined;
}
