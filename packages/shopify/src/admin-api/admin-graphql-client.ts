/** The Admin API version every call of the app uses; shopify.app.toml names the same one. */
export const SHOPIFY_API_VERSION = "2026-10";

const TIMEOUT_MS = 15_000;

/** A failed Admin API call. `retryable` is false when asking again cannot help. */
export class AdminApiError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly status?: number,
  ) {
    super(message);
    this.name = "AdminApiError";
  }
}

export type AdminApiTarget = {
  /** The shop's myshopify.com domain. */
  shop: string;
  accessToken: string;
};

/**
 * The one way the app talks to a shop's GraphQL Admin API. `baseUrl` has a `{shop}` placeholder
 * ("https://{shop}" in production); tests point it at a local fake Admin API server.
 */
export class AdminGraphqlClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  /** Runs one operation and returns its `data`; top-level GraphQL errors throw. */
  async request<T>(
    target: AdminApiTarget,
    query: string,
    variables: Record<string, unknown> = {},
  ): Promise<T> {
    const url = `${this.baseUrl.replace("{shop}", target.shop)}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`;
    let response: Response;
    try {
      response = await this.fetchImpl(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Shopify-Access-Token": target.accessToken,
        },
        body: JSON.stringify({ query, variables }),
        redirect: "error",
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (error) {
      throw new AdminApiError(`Admin API unreachable: ${(error as Error).message}`, true);
    }

    if (response.status === 401 || response.status === 403 || response.status === 404) {
      throw new AdminApiError(`Admin API answered ${response.status}`, false, response.status);
    }
    if (!response.ok) {
      throw new AdminApiError(`Admin API answered ${response.status}`, true, response.status);
    }

    const body = (await response.json().catch(() => undefined)) as GraphqlBody<T> | undefined;
    if (!body) throw new AdminApiError("Admin API answered a body that is not JSON", true);
    if (body.errors?.length) {
      const throttled = body.errors.some((error) => error.extensions?.code === "THROTTLED");
      const message = body.errors.map((error) => error.message).join("; ");
      throw new AdminApiError(`Admin API errors: ${message}`.slice(0, 500), throttled);
    }
    if (!body.data) throw new AdminApiError("Admin API answered without data", true);
    return body.data;
  }
}

type GraphqlBody<T> = {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } }[];
};

/** Shopify's `userErrors` of a mutation, as one message; undefined when there are none. */
export function userErrorMessage(
  userErrors: { field?: string[] | null; message: string }[] | undefined,
): string | undefined {
  if (!userErrors?.length) return undefined;
  return userErrors
    .map((error) => (error.field?.length ? `${error.field.join(".")}: ` : "") + error.message)
    .join("; ");
}
