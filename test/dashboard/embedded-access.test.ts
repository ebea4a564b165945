// Who the embedded pages answer, over real HTTP: the requests App Bridge would send (loader
// fetches and form posts with a Bearer session token, the admin's frame URL with an `id_token`),
// with the token missing, expired, forged, or issued for another merchant's shop. None of them
// gets anything of this shop, and a refused form post changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BROWSER_USER_AGENT,
  embeddedUrl,
  mintAdminSessionToken,
} from "../support/embedded-auth.ts";
import {
  OTHER_SHOP,
  SHOP,
  startEmbeddedDashboard,
  type EmbeddedDashboard,
} from "../support/embedded-dashboard.ts";

let world: EmbeddedDashboard;
beforeAll(async () => {
  world = await startEmbeddedDashboard();
});
afterAll(async () => {
  await world?.close();
});

/** What of this shop a page could show: its order numbers and its customers' emails. */
const OUR_DATA = ["#7001", "#7002", "ada.buyer@example.com", "grace.buyer@example.com"];

/** A Remix loader fetch or form post, as App Bridge sends it from the admin's frame. */
function appFetch(
  path: string,
  routeId: string,
  token: string | undefined,
  form?: Record<string, string>,
) {
  const headers: Record<string, string> = { "User-Agent": BROWSER_USER_AGENT };
  if (token) headers.Authorization = `Bearer ${token}`;
  return fetch(`${world.server.url}${path}?_data=${encodeURIComponent(routeId)}`, {
    method: form ? "POST" : "GET",
    body: form ? new URLSearchParams(form) : undefined,
    headers,
    redirect: "manual",
  });
}

async function expectNothingOfOurs(answer: Response) {
  const body = await answer.text();
  for (const text of OUR_DATA) expect(body).not.toContain(text);
}

const BAD_TOKENS = {
  "no token": () => undefined,
  "an expired token": () => mintAdminSessionToken(SHOP, { expiresIn: -120 }),
  "a token signed with another secret": () =>
    mintAdminSessionToken(SHOP, { secret: "not-the-app-secret-0123456789" }),
};

const PAGES = [
  { page: "Orders", path: "/app/orders", routeId: "routes/app.orders._index" },
  { page: "Overview", path: "/app/overview", routeId: "routes/app.overview" },
  { page: "an order", path: "/app/orders/{delivered}", routeId: "routes/app.orders.$orderId" },
];

describe("the embedded pages answer this shop's valid session token", () => {
  // The control for every refusal below: the same requests, with a good token, get through.
  it("with its order, and reveals its keys into the audit log", async () => {
    const path = `/app/orders/${world.deliveredOrderId}`;
    const routeId = "routes/app.orders.$orderId";
    const page = await appFetch(path, routeId, mintAdminSessionToken(SHOP, { userId: "88" }));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("ada.buyer@example.com");

    const reveal = await appFetch(path, routeId, mintAdminSessionToken(SHOP, { userId: "88" }), {
      intent: "reveal",
    });
    expect(reveal.status).toBe(200);
    expect((await reveal.json()).keys).toHaveLength(4);
    const audit = await world.server.platform.db.prisma.auditEntry.findMany({
      where: { targetId: world.deliveredOrderId },
    });
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ["order.keys_revealed", `shopify:${SHOP}:user:88`],
    ]);
  });
});

describe("the embedded pages refuse a request without this shop's valid session token", () => {
  it.each(Object.keys(BAD_TOKENS).flatMap((token) => PAGES.map((page) => ({ ...page, token }))))(
    "$page's data with $token",
    async ({ path, routeId, token }) => {
      const mint = BAD_TOKENS[token as keyof typeof BAD_TOKENS];
      const answer = await appFetch(
        path.replace("{delivered}", world.deliveredOrderId),
        routeId,
        mint(),
      );

      if (token === "no token") {
        // Neither a token nor the admin's shop and host: Shopify's library sends it to log in.
        expect(answer.status).toBe(204);
        expect(answer.headers.get("x-remix-redirect")).toBe("/auth/login");
      } else {
        // App Bridge retries once with a new token when asked to.
        expect(answer.status).toBe(401);
        expect(answer.headers.get("x-shopify-retry-invalid-session-request")).toBe("1");
      }
      await expectNothingOfOurs(answer);
    },
  );

  it.each(Object.keys(BAD_TOKENS))("refuses a reveal of keys posted with %s", async (token) => {
    const prisma = world.server.platform.db.prisma;
    const audit = await prisma.auditEntry.count();
    const accessLog = await prisma.keyAccessLog.count();

    const mint = BAD_TOKENS[token as keyof typeof BAD_TOKENS];
    const path = `/app/orders/${world.deliveredOrderId}`;
    const answer = await appFetch(path, "routes/app.orders.$orderId", mint(), {
      intent: "reveal",
    });
    expect(answer.status).toBe(token === "no token" ? 204 : 401);
    await expectNothingOfOurs(answer);
    expect(await prisma.auditEntry.count()).toBe(audit);
    expect(await prisma.keyAccessLog.count()).toBe(accessLog);
  });

  it("sends the admin's frame without an id_token, or with an expired one, to the bounce page", async () => {
    const expired = mintAdminSessionToken(SHOP, { expiresIn: -120 });
    for (const idToken of [null, expired]) {
      const url = embeddedUrl(
        world.server.url,
        SHOP,
        `/app/orders/${world.deliveredOrderId}`,
        idToken,
      );
      const answer = await fetch(url, {
        headers: { "User-Agent": BROWSER_USER_AGENT },
        redirect: "manual",
      });
      expect(answer.status).toBe(302);
      const location = new URL(answer.headers.get("location")!, world.server.url);
      expect(location.pathname).toBe("/auth/session-token");
      // The page App Bridge reloads with a fresh token: the same one, on the app's own URL.
      const reload = new URL(location.searchParams.get("shopify-reload")!);
      expect(reload.origin).toBe(world.server.url);
      expect(reload.pathname).toBe(`/app/orders/${world.deliveredOrderId}`);
      expect(reload.searchParams.has("id_token")).toBe(false);
      await expectNothingOfOurs(answer);
    }
  });
});

describe("a session token of another merchant's shop sees only that shop", () => {
  const theirToken = () => mintAdminSessionToken(OTHER_SHOP);

  it("lists that shop's orders and none of ours", async () => {
    const answer = await appFetch("/app/orders", "routes/app.orders._index", theirToken());
    expect(answer.status).toBe(200);
    const text = await answer.clone().text();
    expect(text).toContain("#8001");
    await expectNothingOfOurs(answer);
  });

  it("answers 404 for our order, in the contract's envelope", async () => {
    const path = `/app/orders/${world.deliveredOrderId}`;
    const answer = await appFetch(path, "routes/app.orders.$orderId", theirToken());
    expect(answer.status).toBe(404);
    expect(await answer.json()).toEqual({
      error: { code: "ORDER_NOT_FOUND", message: "No such order", details: {} },
    });
  });

  it.each(["process", "reveal"])(
    "answers 404 to %s posted for our order, changing nothing",
    async (intent) => {
      const prisma = world.server.platform.db.prisma;
      const audit = await prisma.auditEntry.count();
      const jobs = await prisma.job.count();

      const path = `/app/orders/${world.failedOrderId}`;
      const answer = await appFetch(path, "routes/app.orders.$orderId", theirToken(), { intent });
      expect(answer.status).toBe(404);
      await expectNothingOfOurs(answer);
      const order = await prisma.order.findUniqueOrThrow({ where: { id: world.failedOrderId } });
      expect(order.status).toBe("failed");
      expect(await prisma.auditEntry.count()).toBe(audit);
      expect(await prisma.job.count()).toBe(jobs);
    },
  );

  it("and our shop's token answers 404 for that shop's order", async () => {
    const path = `/app/orders/${world.otherOrderId}`;
    const answer = await appFetch(path, "routes/app.orders.$orderId", mintAdminSessionToken(SHOP));
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain("other.buyer@example.com");
  });
});

describe("the embedded pages' headers", () => {
  it("keep pages and data out of caches, yet let the Shopify admin frame them", async () => {
    const token = mintAdminSessionToken(SHOP);
    const page = await fetch(embeddedUrl(world.server.url, SHOP, "/app/orders"), {
      headers: { "User-Agent": BROWSER_USER_AGENT },
      redirect: "manual",
    });
    const data = await appFetch("/app/orders", "routes/app.orders._index", token);
    const refused = await appFetch("/app/orders", "routes/app.orders._index", undefined);
    expect(page.status).toBe(200);
    expect(data.status).toBe(200);

    for (const answer of [page, data, refused]) {
      expect(answer.headers.get("cache-control")).toBe("no-store");
      expect(answer.headers.get("x-content-type-options")).toBe("nosniff");
      expect(answer.headers.get("x-frame-options")).toBeNull();
    }
    // Shopify's library names the shop's admin as the page's only allowed frame.
    const policy = page.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("frame-ancestors");
    expect(policy).toContain(SHOP);
    expect(policy).not.toContain("'none'");
  });

  it("leave /dashboard unframeable on the same server, Shopify's headers overridden", async () => {
    const page = await fetch(`${world.server.url}/dashboard/sign-in`);
    expect(page.headers.get("content-security-policy")).toBe("frame-ancestors 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("cache-control")).toBe("no-store");
  });
});
