// App Bridge for browser tests of the embedded pages. The real script comes from Shopify's CDN,
// which these machines cannot reach, so a test answers that request with this stand-in. It does
// what our pages rely on, the way App Bridge documents it:
// - `shopify.idToken()` resolves to a fresh session token. The test mints it in Node with the
//   app secret (as Shopify's admin mints it outside the app's frame): the secret never reaches
//   the page.
// - `fetch` to the app's own origin carries `Authorization: Bearer <token>`, a new token per
//   request; an answer asking for a retry with a new token (Shopify's library sends
//   `X-Shopify-Retry-Invalid-Session-Request: 1`) is retried once. Remix's loader fetches and
//   form posts go through `fetch`, so they are authenticated the same way.
// - On Shopify's bounce page (`shopify-reload`), it reloads the app's page with a fresh
//   `id_token`, only if that page is on the app's origin.
// - `<ui-nav-menu>` shows nothing inside the frame (its links belong to the admin's menu);
//   `adminNavigate` plays the admin's menu, which App Bridge reports as `shopify:navigate`.
import type { Page } from "playwright-core";

export type AppBridgeOptions = {
  apiKey: string;
  shop: string;
  /** Called for every `idToken()`: the token the admin would hand out now. */
  mintToken: () => string;
};

const MINT_BINDING = "__standInMintIdToken";

/** Gives `page` the token minter; returns the script to answer App Bridge's CDN request with. */
export async function appBridgeStandIn(page: Page, options: AppBridgeOptions): Promise<string> {
  await page.exposeFunction(MINT_BINDING, () => options.mintToken());
  const config = JSON.stringify({ apiKey: options.apiKey, shop: options.shop });
  return `(${standIn.toString()})(${config}, ${JSON.stringify(MINT_BINDING)});`;
}

/** Clicks `label` in the admin's app menu: App Bridge tells the app with `shopify:navigate`. */
export async function adminNavigate(page: Page, label: string): Promise<void> {
  const dispatched = await page.evaluate((text) => {
    const links = [...document.querySelectorAll("ui-nav-menu a")];
    const link = links.find((candidate) => candidate.textContent?.trim() === text);
    link?.dispatchEvent(new CustomEvent("shopify:navigate", { bubbles: true }));
    return Boolean(link);
  }, label);
  if (!dispatched) throw new Error(`The app's menu has no entry "${label}"`);
}

/** Runs in the page, so it uses nothing from this module. */
function standIn(config: { apiKey: string; shop: string }, mintBinding: string) {
  // Loaded once per document, like the real script: a second copy must not wrap fetch again.
  if ((window as { shopify?: unknown }).shopify) return;
  const idToken = (window as unknown as Record<string, () => Promise<string>>)[mintBinding];
  const appOrigin = location.origin;
  const browserFetch = window.fetch.bind(window);

  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    if (new URL(request.url).origin !== appOrigin) return browserFetch(request);

    const send = async () => {
      const attempt = request.clone();
      attempt.headers.set("Authorization", `Bearer ${await idToken()}`);
      return browserFetch(attempt);
    };
    const answer = await send();
    if (answer.headers.get("X-Shopify-Retry-Invalid-Session-Request") !== "1") return answer;
    return send();
  };

  const reload = new URLSearchParams(location.search).get("shopify-reload");
  if (reload && new URL(reload, location.href).origin === appOrigin) {
    const target = new URL(reload, location.href);
    void idToken().then((token) => {
      target.searchParams.set("id_token", token);
      location.replace(target.href);
    });
  }

  customElements.define(
    "ui-nav-menu",
    class extends HTMLElement {
      connectedCallback() {
        if (!this.shadowRoot) this.attachShadow({ mode: "open" });
      }
    },
  );

  Object.assign(window, {
    shopify: {
      config,
      environment: { embedded: true, mobile: false, pos: false },
      idToken,
      loading: () => {},
      toast: { show: () => {} },
    },
  });
}
