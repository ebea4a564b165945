import { SupplierError } from "../supplier.ts";
import { field, requestJson, type JsonHttpOptions } from "../http/json-http.ts";

export type CwCredentials = { clientId: string; clientSecret: string; signature?: string };

/**
 * The OAuth2 client-credentials token of one CodesWholesale account, cached and fetched again a
 * minute before it expires (or half-way through a shorter life), and on demand after the API
 * answered `invalid_token`. Concurrent callers share one token request.
 */
export class CwTokenCache {
  #token: { value: string; renewAt: number } | undefined;
  #pending: Promise<string> | undefined;

  constructor(
    private readonly http: JsonHttpOptions,
    private readonly credentials: CwCredentials,
  ) {}

  async get(): Promise<string> {
    if (this.#token && Date.now() < this.#token.renewAt) return this.#token.value;
    this.#pending ??= this.#fetch().finally(() => (this.#pending = undefined));
    return this.#pending;
  }

  forget(): void {
    this.#token = undefined;
  }

  async #fetch(): Promise<string> {
    // Credentials go in the form body: the token endpoint does not read HTTP Basic auth.
    const answer = await requestJson(this.http, {
      method: "POST",
      path: "/oauth/token",
      form: {
        grant_type: "client_credentials",
        client_id: this.credentials.clientId,
        client_secret: this.credentials.clientSecret,
      },
    });
    // The standard shape, or the "wrapper" shape some clients have seen.
    const value = field(answer.body, "access_token") ?? field(answer.body, "value");
    const lifetime = Number(field(answer.body, "expires_in") ?? field(answer.body, "expiresIn"));
    if (answer.status !== 200 || typeof value !== "string") {
      throw new SupplierError("auth_failed", "CodesWholesale refused the client credentials", {
        status: answer.status,
        error: field(answer.body, "error") ?? null,
      });
    }
    const seconds = Number.isFinite(lifetime) && lifetime > 0 ? lifetime : 300;
    const margin = Math.min(60, seconds / 2);
    this.#token = { value, renewAt: Date.now() + (seconds - margin) * 1000 };
    return value;
  }
}
