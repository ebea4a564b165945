import { sameSecret } from "../http/constant-time.ts";
import { readAnswer } from "../http/read-answer.ts";
import {
  kgKeysSchema,
  kgOrderSchema,
  kgProductSchema,
  kgResultsSchema,
  type KgOrder,
  type KgProduct,
} from "./kinguin-schemas.ts";
import { imageKey, imageMimeType } from "../http/key-files.ts";
import {
  field,
  requestJson,
  textField,
  type JsonAnswer,
  type JsonRequest,
} from "../http/json-http.ts";
import { minorToDecimalText, toMinorUnits } from "../money.ts";
import type { ConnectionSettings } from "../connection-settings.ts";
import { parseJsonObject, unknownOutcome } from "../http/supplier-answers.ts";
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

export const KINGUIN_URLS = {
  live: "https://gateway.kinguin.net/esa/api",
  sandbox: "https://gateway.sandbox.kinguin.net/esa/api",
} as const;

export type KinguinCredentials = { apiKey: string; webhookSecret?: string };

const KEYS_PAGE = 100;
/** Keys of an order in stock usually follow within a moment of the order. */
const KEY_WAITS_MS = [0, 200, 500];

/** Kinguin eCommerce API (buyer side): `X-Api-Key`, products, orders, paged keys, balance. */
export class KinguinSupplier implements Supplier {
  readonly id = "kinguin";
  readonly #settings: ConnectionSettings;
  readonly #credentials: KinguinCredentials;

  constructor(settings: ConnectionSettings, credentials: KinguinCredentials) {
    this.#settings = settings;
    this.#credentials = credentials;
  }

  async getProduct(productId: string): Promise<SupplierProduct | undefined> {
    const answer = await this.#call({ path: `/v2/products/${encodeURIComponent(productId)}` });
    // Kinguin answers 404 for a product it sells but has no offer of right now.
    if (answer.status === 404) {
      throw new SupplierError("out_of_stock", "Kinguin has no offer of this product now", {
        status: 404,
        product_id: productId,
      });
    }
    this.#expectOk(answer);
    return this.#product(readAnswer(kgProductSchema, answer.body, this.id));
  }

  async searchProducts(query: { text: string; limit?: number }): Promise<SupplierProduct[]> {
    const answer = await this.#call({
      path: "/v1/products",
      query: { name: query.text, limit: Math.min(query.limit ?? 25, 100), page: 1 },
    });
    this.#expectOk(answer);
    const { results } = readAnswer(kgResultsSchema(kgProductSchema), answer.body, this.id);
    return results.map((item) => this.#product(item));
  }

  async placeOrder(request: PlaceOrderRequest): Promise<SupplierOrder> {
    if (request.currency !== this.#settings.currency) {
      throw new SupplierError(
        "price_above_maximum",
        `This Kinguin account is billed in ${this.#settings.currency}, not ${request.currency}`,
      );
    }
    // No keyType: "text" is the only one allowed and it is refused for pre-orders; image keys
    // may come back and are handled.
    const answer = await this.#call({
      method: "POST",
      path: "/v2/order",
      json: {
        products: [
          {
            productId: request.productId,
            qty: 1,
            price: Number(minorToDecimalText(request.maxPriceMinor, request.currency)),
          },
        ],
        orderExternalId: request.reference,
      },
    });
    if (answer.status >= 500) throw unknownOutcome(this.id, answer.status);
    if (answer.status !== 201 && answer.status !== 200) throw this.#orderError(answer);
    return afterOrderPlaced(this.id, () => {
      const order = readAnswer(kgOrderSchema, answer.body, this.id);
      return this.#withKeys(order, request.reference, KEY_WAITS_MS);
    });
  }

  async findOrder(reference: string): Promise<SupplierOrder | undefined> {
    const answer = await this.#call({
      path: "/v1/order",
      query: { orderExternalId: reference, limit: 1 },
    });
    this.#expectOk(answer);
    const { results } = readAnswer(kgResultsSchema(kgOrderSchema), answer.body, this.id);
    const found = results.find((order) => order.orderExternalId === reference);
    return found ? this.getOrder(found.orderId) : undefined;
  }

  async getOrder(supplierOrderId: string): Promise<SupplierOrder | undefined> {
    const answer = await this.#call({ path: `/v1/order/${encodeURIComponent(supplierOrderId)}` });
    if (answer.status === 404) return undefined;
    this.#expectOk(answer);
    const order = readAnswer(kgOrderSchema, answer.body, this.id);
    return this.#withKeys(order, order.orderExternalId ?? supplierOrderId, [0]);
  }

  async getBalance(): Promise<Money> {
    const answer = await this.#call({ path: "/v1/balance" });
    this.#expectOk(answer);
    return {
      amountMinor: toMinorUnits(
        Number(field(answer.body, "balance") ?? 0),
        this.#settings.currency,
      ),
      currency: this.#settings.currency,
    };
  }

  /**
   * Webhooks carry the secret configured in the dashboard as-is in `X-Event-Secret` (no HMAC);
   * `X-Event-Name` says what changed.
   */
  parseCallback(callback: IncomingCallback): CallbackHint | undefined {
    if (!sameSecret(callback.headers["x-event-secret"], this.#credentials.webhookSecret)) {
      return undefined;
    }
    const body = parseJsonObject(callback.body);
    const event = callback.headers["x-event-name"];
    if (event === "order.status" || event === "order.complete") {
      return {
        kind: "order",
        supplierOrderId: typeof body.orderId === "string" ? body.orderId : undefined,
        reference: typeof body.orderExternalId === "string" ? body.orderExternalId : undefined,
      };
    }
    if (event === "product.update" && typeof body.productId === "string") {
      return { kind: "stock", productIds: [body.productId] };
    }
    return { kind: "other" };
  }

  async #call(request: JsonRequest): Promise<JsonAnswer> {
    const headers = { ...request.headers, "x-api-key": this.#credentials.apiKey };
    const answer = await requestJson(
      { supplier: this.id, baseUrl: this.#settings.baseUrl, timeoutMs: this.#settings.timeoutMs },
      { ...request, headers },
    );
    if (answer.status === 401 || answer.status === 403) {
      throw new SupplierError("auth_failed", "Kinguin refused the API key", {
        status: answer.status,
        kind: field(answer.body, "kind") ?? null,
      });
    }
    return answer;
  }

  #expectOk(answer: JsonAnswer): void {
    if (answer.status >= 200 && answer.status < 300) return;
    throw new SupplierError("unavailable", `Kinguin answered ${answer.status}`, {
      status: answer.status,
      kind: field(answer.body, "kind") ?? null,
    });
  }

  /** Error kinds of api/ErrorsCodes.md. */
  #orderError(answer: JsonAnswer): SupplierError {
    const kind = textField(answer.body, "kind");
    const detail = textField(answer.body, "detail", `answered ${answer.status}`);
    const details = { status: answer.status, kind };
    if (kind === "InsufficientBalance" || kind === "BalanceRequired") {
      return new SupplierError("balance_too_low", `Kinguin: ${detail}`, details);
    }
    // "No offer matches your criteria": no stock at or under our price.
    if (kind === "ProductUnavailable") {
      return new SupplierError("out_of_stock", `Kinguin: ${detail}`, details);
    }
    if (answer.status === 404) return new SupplierError("unknown_product", detail, details);
    return new SupplierError("unavailable", `Kinguin: ${detail}`, details);
  }

  #product(item: KgProduct): SupplierProduct {
    const currency = this.#settings.currency;
    return {
      id: item.productId,
      name: item.name ?? item.productId,
      priceMinor: toMinorUnits(Number(item.price ?? 0), currency),
      currency,
      stock: Math.max(0, Number(item.qty ?? 0)),
      keyKind: "text",
      preorder: item.isPreorder === true,
    };
  }

  /** The order with the keys delivered so far, asking again briefly while they are on the way. */
  async #withKeys(order: KgOrder, reference: string, waitsMs: number[]): Promise<SupplierOrder> {
    const quantity = order.totalQty ?? order.products?.[0]?.qty ?? 1;
    let keys: SupplierKey[] = [];
    for (const wait of waitsMs) {
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      keys = await this.#keys(order.orderId, reference);
      if (keys.length >= quantity) break;
    }
    const currency = this.#settings.currency;
    return {
      supplierOrderId: order.orderId,
      reference,
      productId: order.products?.[0]?.productId ?? "",
      priceMinor: toMinorUnits(Number(order.paymentPrice ?? order.totalPrice ?? 0), currency),
      currency,
      keys,
      pendingKeys: Math.max(0, quantity - keys.length),
      preorder: order.isPreorder === true,
    };
  }

  async #keys(orderId: string, reference: string): Promise<SupplierKey[]> {
    const keys: SupplierKey[] = [];
    for (let page = 1; ; page += 1) {
      const answer = await this.#call({
        path: `/v2/order/${encodeURIComponent(orderId)}/keys`,
        query: { page, limit: KEYS_PAGE },
      });
      // Keys are not there yet while the order is being prepared.
      if (answer.status === 404) return keys;
      this.#expectOk(answer);
      const batch = readAnswer(kgKeysSchema, answer.body, this.id);
      for (const key of batch) {
        if (!key.serial) continue;
        const type = key.type ?? "text/plain";
        keys.push(
          type.startsWith("image/")
            ? imageKey(key.serial, imageMimeType(type), reference)
            : { kind: "text", code: key.serial },
        );
      }
      if (batch.length < KEYS_PAGE) return keys;
    }
  }
}
