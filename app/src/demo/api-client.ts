/** The platform's v1 API as a client sees it, with the demo account's key. */
export type ApiClient = {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  delete(path: string): Promise<void>;
};

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    method: string,
    path: string,
  ) {
    super(`${method} ${path} answered ${status}: ${body.slice(0, 300)}`);
  }
}

export function apiClient(baseUrl: string, apiKey: string): ApiClient {
  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await send(method, path, body);
    const text = await response.text();
    if (!response.ok) throw new ApiCallError(response.status, text, method, path);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** The demo account is on Standard (60 a minute): a 429 waits for Retry-After and tries again. */
  async function send(method: string, path: string, body?: unknown): Promise<Response> {
    for (;;) {
      const response = await once(method, path, body);
      if (response.status !== 429) return response;
      await response.body?.cancel();
      const seconds = Math.min(60, Number(response.headers.get("retry-after")) || 1);
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    }
  }

  function once(method: string, path: string, body?: unknown) {
    return fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  }

  return {
    get: (path) => call("GET", path),
    post: (path, body) => call("POST", path, body),
    delete: (path) => call("DELETE", path),
  };
}

/** The fields of `GET /api/v1/orders/{id}` the demo shows. */
export type OrderDetail = {
  id: string;
  status: string;
  store_order_id: string;
  shop: { id: string; platform: string; domain: string };
  customer_email: string | null;
  currency: string;
  total: number;
  failure: { code: string; message: string | null; details: Record<string, unknown> } | null;
  lines: {
    name: string;
    quantity: number;
    unit_price: number;
    product: { id: string; name: string } | null;
    purchases: {
      id: string;
      unit: number;
      status: string;
      supplier: string | null;
      supplier_order_id: string | null;
      cost: number | null;
      currency: string | null;
      last_error: string | null;
    }[];
  }[];
  deliveries: { method: string; status: string; sent_at: string | null }[];
};

export type OrderSummary = { id: string; status: string; store_order_id: string; shop_id: string };

export type WebhookEndpointJson = { id: string; url: string; status: string; events: string[] };
