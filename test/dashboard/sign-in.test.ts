// Attacks on the standalone dashboard's sign-in and sessions, over real HTTP against the real
// server and database: wrong passwords, throttling, expired sessions, forms without their CSRF
// token, another account's order by URL, and open redirects after sign-in.
import { createOperator } from "@premiumcdkeys/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardGet,
  dashboardPost,
  pageCsrf,
  signInOverHttp,
} from "../support/dashboard-http.ts";
import { shopifyOrder } from "../support/dashboard-orders.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let demoOrderId: string;
const OTHER = { email: "owner@other-shop.example", password: "another long password 42" };

beforeAll(async () => {
  server = await startTestServer({ DASHBOARD: "true" });
  const prisma = server.platform.db.prisma;
  const other = await prisma.account.create({ data: { name: "Another merchant" } });
  await createOperator(prisma, { accountId: other.id, ...OTHER });
  // A pending order (not paid), so "Process again" is refused and nothing is bought.
  demoOrderId = (await shopifyOrder(server, 2001)).id;
});
afterAll(() => server?.close());

const demoLogin = () => server.demo.dashboard!;
const prisma = () => server.platform.db.prisma;

describe("signing in", () => {
  it("stores only an scrypt hash of the password", async () => {
    const operator = await prisma().operator.findUniqueOrThrow({
      where: { email: demoLogin().email },
    });
    expect(operator.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(operator.passwordHash).not.toContain(demoLogin().password);
  });

  it("refuses a wrong password and an unknown email alike, with no session", async () => {
    const wrong = await signInOverHttp(server.url, demoLogin().email, "not the password at all");
    const unknown = await signInOverHttp(server.url, "nobody@example.com", "whatever password");
    for (const answer of [wrong, unknown]) {
      expect(answer.status).toBe(401);
      expect(answer.session).toBeUndefined();
    }
  });

  it("refuses a sign-in form without its CSRF token or with another one", async () => {
    for (const csrf of [null, "forged-token"]) {
      const answer = await signInOverHttp(server.url, OTHER.email, OTHER.password, { csrf });
      expect(answer.status).toBe(403);
      expect(answer.session).toBeUndefined();
    }
  });

  it("sends the operator on to their page, never to another site", async () => {
    const form = await signInOverHttp(server.url, OTHER.email, OTHER.password);
    expect(form.status).toBe(302);
    expect(form.location).toBe("/dashboard");
    expect(form.session).toMatch(/^pck_session=[\w-]{43}$/);
  });

  it("writes a successful sign-in to the account's audit log, and keeps every failed attempt", async () => {
    const operator = await prisma().operator.findUniqueOrThrow({ where: { email: OTHER.email } });
    const signedIn = () =>
      prisma().auditEntry.count({
        where: { accountId: operator.accountId, action: "operator.signed_in" },
      });
    const before = await signedIn();
    const failures = () =>
      prisma().signInAttempt.count({ where: { email: OTHER.email, succeeded: false } });
    const failedBefore = await failures();

    expect((await signInOverHttp(server.url, OTHER.email, "a wrong password here")).status).toBe(
      401,
    );
    expect(await failures()).toBe(failedBefore + 1);
    expect(await signedIn()).toBe(before);

    expect((await signInOverHttp(server.url, OTHER.email, OTHER.password)).status).toBe(302);
    const latest = await prisma().auditEntry.findFirstOrThrow({
      where: { accountId: operator.accountId, action: "operator.signed_in" },
      orderBy: { createdAt: "desc" },
    });
    expect(latest).toMatchObject({
      actor: `operator:${OTHER.email}`,
      targetType: "operator",
      targetId: operator.id,
    });
    expect(await signedIn()).toBe(before + 1);
  });

  it("writes a sign-out to the audit log before the session ends", async () => {
    const { session } = await signInOverHttp(server.url, OTHER.email, OTHER.password);
    const csrf = await pageCsrf(server.url, "/dashboard/orders", session!);
    const operator = await prisma().operator.findUniqueOrThrow({ where: { email: OTHER.email } });
    const before = await prisma().auditEntry.count({
      where: { accountId: operator.accountId, action: "operator.signed_out" },
    });
    const answer = await dashboardPost(server.url, "/dashboard/sign-out", session!, { csrf });
    expect(answer.status).toBe(302);
    expect(
      await prisma().auditEntry.count({
        where: { accountId: operator.accountId, action: "operator.signed_out" },
      }),
    ).toBe(before + 1);
    expect((await dashboardGet(server.url, "/dashboard/orders", session!)).status).toBe(302);
  });

  it("throttles an email after five failures, even when the right password comes next", async () => {
    const email = "throttled@other-shop.example";
    const account = await prisma().account.create({ data: { name: "Throttled" } });
    await createOperator(prisma(), { accountId: account.id, email, password: OTHER.password });
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await signInOverHttp(server.url, email, `wrong guess ${attempt}`)).status).toBe(401);
    }
    const right = await signInOverHttp(server.url, email, OTHER.password);
    expect(right.status).toBe(429);
    expect(right.session).toBeUndefined();
  });
});

describe("sessions", () => {
  it("sets an http-only, Secure, SameSite cookie with an expiry, scoped to /dashboard", async () => {
    const form = await fetch(`${server.url}/dashboard/sign-in`);
    const formCookie = form.headers.get("set-cookie")!.split(";")[0];
    const csrf = (await form.text()).match(/name="csrf" value="([^"]+)"/)![1];
    const answer = await fetch(`${server.url}/dashboard/sign-in`, {
      method: "POST",
      redirect: "manual",
      headers: { cookie: formCookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, email: OTHER.email, password: OTHER.password }),
    });
    const cookie = answer.headers.get("set-cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/dashboard/);
    const expires = new Date(cookie.match(/Expires=([^;]+)/)![1]).getTime();
    expect(expires - Date.now()).toBeGreaterThan(7 * 3600_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(8 * 3600_000 + 1000);
  });

  it("sends an expired session back to the sign-in page and clears its cookie", async () => {
    const { session } = await signInOverHttp(server.url, OTHER.email, OTHER.password);
    expect((await dashboardGet(server.url, "/dashboard/orders", session!)).status).toBe(200);
    const operator = await prisma().operator.findUniqueOrThrow({ where: { email: OTHER.email } });
    await prisma().operatorSession.updateMany({
      where: { operatorId: operator.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const answer = await dashboardGet(server.url, "/dashboard/orders", session!);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("location")).toBe("/dashboard/sign-in?next=%2Fdashboard%2Forders");
    expect(answer.headers.get("set-cookie")).toMatch(/pck_session=;.*Max-Age=0/);
  });

  it("refuses a forged or missing session cookie", async () => {
    for (const cookie of ["", "pck_session=forged"]) {
      const answer = await dashboardGet(server.url, "/dashboard", cookie);
      expect(answer.status).toBe(302);
      expect(answer.headers.get("location")).toMatch(/^\/dashboard\/sign-in/);
    }
  });
});

describe("forms and other accounts' data", () => {
  it("refuses a form post without the session's CSRF token and changes nothing", async () => {
    const { session } = await signInOverHttp(server.url, demoLogin().email, demoLogin().password);
    const path = `/dashboard/orders/${demoOrderId}`;
    const before = await prisma().auditEntry.count();
    const forms: Record<string, string>[] = [
      { intent: "reveal" },
      { intent: "reveal", csrf: "forged" },
    ];
    for (const fields of forms) {
      const answer = await dashboardPost(server.url, path, session!, fields);
      expect(answer.status).toBe(403);
      expect(await answer.text()).not.toContain("•");
    }
    expect(await prisma().auditEntry.count()).toBe(before);

    // With the page's own token the same post is accepted (and written to the audit log).
    const csrf = await pageCsrf(server.url, path, session!);
    const accepted = await dashboardPost(server.url, path, session!, { intent: "process", csrf });
    expect(accepted.status).toBe(200);
    expect(await prisma().auditEntry.count()).toBe(before + 1);
  });

  it("answers 404 to another account's order by URL, and to ids that are no order", async () => {
    const { session } = await signInOverHttp(server.url, OTHER.email, OTHER.password);
    const path = `/dashboard/orders/${demoOrderId}`;
    expect((await dashboardGet(server.url, path, session!)).status).toBe(404);
    const csrf = await pageCsrf(server.url, "/dashboard/orders", session!);
    const post = await dashboardPost(server.url, path, session!, { intent: "reveal", csrf });
    expect(post.status).toBe(404);
    for (const id of ["not-a-uuid", "00000000-0000-7000-8000-000000000000"]) {
      expect((await dashboardGet(server.url, `/dashboard/orders/${id}`, session!)).status).toBe(
        404,
      );
    }
    const html = await (await dashboardGet(server.url, path, session!)).text();
    expect(html).not.toContain("ada.buyer@example.com");
    expect(html).toContain("There is nothing here, or it belongs to another account.");
    expect(html).not.toMatch(/at \w+ \(|node_modules|prisma/i);
  });
});
