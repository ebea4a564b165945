// Requests a browser's forms never send, over real HTTP against the real server: bodies that are
// not forms, NUL bytes in form and query values, unknown actions and posts to pages without
// one. Each is refused with a 4xx that says what was wrong, changes nothing, and leaves at most
// a one-line warning in the log, never a stack trace.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardGet,
  dashboardPost,
  pageCsrf,
  signInOverHttp,
} from "../support/dashboard-http.ts";
import { shopifyOrder } from "../support/dashboard-orders.ts";
import { startTestServer, waitFor, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let session: string;
let orderId: string;
const SERVER_WORDING = "Something went wrong on our side";

beforeAll(async () => {
  server = await startTestServer({ DASHBOARD: "true" });
  const login = server.demo.dashboard!;
  session = (await signInOverHttp(server.url, login.email, login.password)).session!;
  orderId = (await shopifyOrder(server, 3001)).id;
});
afterAll(() => server?.close());

/** The log lines written since `from` (a byte offset), parsed. */
function logSince(from: number): { level: number; msg: string; err?: unknown }[] {
  const text = fs.readFileSync(server.logFile, "utf8").slice(from);
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { level: number; msg: string; err?: unknown });
}

const logSize = () => fs.statSync(server.logFile).size;

function post(path: string, headers: Record<string, string>, body?: string) {
  return fetch(`${server.url}${path}`, { method: "POST", redirect: "manual", headers, body });
}

/** No error-level line and no stack trace among the lines logged since `from`. */
function expectQuietLog(from: number) {
  const lines = logSince(from);
  expect(lines.filter((line) => line.level >= 50)).toEqual([]);
  expect(JSON.stringify(lines)).not.toContain("stack");
  return lines;
}

describe("a post that is not a form", () => {
  it.each([
    ["application/json", '{"intent":"sandbox","on":"false"}'],
    ["text/plain", "intent=sandbox&on=false"],
  ])("to a signed-in page, as %s, is answered 415 and changes nothing", async (type, body) => {
    const before = logSize();

    const page = await post("/dashboard/settings", { cookie: session, "content-type": type }, body);
    const data = await post(
      "/dashboard/settings?_data=routes%2Fdashboard.settings",
      { cookie: session, "content-type": type },
      body,
    );

    expect(page.status).toBe(415);
    const html = await page.text();
    expect(html).toContain("Send the form as application/x-www-form-urlencoded");
    expect(html).not.toContain(SERVER_WORDING);
    expect(data.status).toBe(415);
    expect(await data.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
    const account = await server.platform.db.prisma.account.findFirstOrThrow();
    expect(account.sandboxMode).toBe(true);
    // The logger writes asynchronously: wait for both lines, so none spills into the next test.
    const refused = () =>
      expectQuietLog(before).filter((line) => line.msg === "dashboard post refused");
    await waitFor(() => refused().length >= 2, 10_000, "two warning lines");
    expect(refused()).toHaveLength(2);
  });

  it.each([
    ["/dashboard/sign-in", "routes/dashboard_.sign-in"],
    ["/dashboard/sign-out", "routes/dashboard.sign-out"],
  ])("without a body, to %s and signed out, is answered 415", async (path, routeId) => {
    const before = logSize();

    const answer = await post(path, {});
    const data = await post(`${path}?_data=${encodeURIComponent(routeId)}`, {});

    expect(answer.status).toBe(415);
    expect(await answer.text()).not.toContain(SERVER_WORDING);
    expect(data.status).toBe(415);
    expect(await data.json()).toMatchObject({ error: { code: "UNSUPPORTED_MEDIA_TYPE" } });
    expectQuietLog(before);
  });

  it("without a body, to the sign-in page, shows what was wrong and the way back", async () => {
    const answer = await post("/dashboard/sign-in", {});

    expect(answer.status).toBe(415);
    const html = await answer.text();
    expect(html).toContain("Send the form as");
    expect(html).toContain('href="/dashboard/sign-in"');
  });
});

describe("a NUL byte", () => {
  it("in a form value is refused with 400, and no API key is created", async () => {
    const csrf = await pageCsrf(server.url, "/dashboard/settings", session);
    const keys = await server.platform.db.prisma.apiKey.count();
    const before = logSize();

    const answer = await dashboardPost(server.url, "/dashboard/settings", session, {
      csrf,
      intent: "create_key",
      name: "nul\0name",
      permissions: "read",
    });

    expect(answer.status).toBe(400);
    expect(await answer.text()).toContain("The field name contains a NUL character");
    expect(await server.platform.db.prisma.apiKey.count()).toBe(keys);
    expectQuietLog(before);
  });

  it("in a query value is refused with 400, as a page and as Remix data", async () => {
    const before = logSize();

    const page = await dashboardGet(server.url, "/dashboard/orders?q=%00", session);
    const data = await dashboardGet(
      server.url,
      "/dashboard/orders?q=a%00&_data=routes%2Fdashboard.orders._index",
      session,
    );

    expect(page.status).toBe(400);
    expect(await page.text()).toContain("The query value q contains a NUL character");
    expect(data.status).toBe(400);
    expect(await data.json()).toEqual({
      error: {
        code: "VALIDATION_ERROR",
        message: "The query value q contains a NUL character",
        details: { field: "q" },
      },
    });
    expectQuietLog(before);
  });
});

describe("a client's mistake", () => {
  it.each<Record<string, string>>([{ intent: "bogus" }, {}])(
    "on an order page (%j) shows what was wrong, not a server error",
    async (fields) => {
      const csrf = await pageCsrf(server.url, `/dashboard/orders/${orderId}`, session);

      const answer = await dashboardPost(server.url, `/dashboard/orders/${orderId}`, session, {
        csrf,
        ...fields,
      });

      expect(answer.status).toBe(400);
      const html = await answer.text();
      expect(html).toContain("The form asked for no known action");
      expect(html).not.toContain(SERVER_WORDING);
    },
  );

  it("posting to a page without an action is answered 405 and said so", async () => {
    const before = logSize();
    const csrf = await pageCsrf(server.url, "/dashboard/orders", session);

    const answer = await dashboardPost(server.url, "/dashboard/orders", session, { csrf });

    expect(answer.status).toBe(405);
    const html = await answer.text();
    expect(html).toContain("This page does not take form posts");
    expect(html).not.toContain(SERVER_WORDING);
    expectQuietLog(before);
  });
});

describe("numbers typed in forms", () => {
  it.each(["0x10", "1e3", "5.0"])(
    "a default low-stock threshold of %j is refused inline and nothing changes",
    async (typed) => {
      const prisma = server.platform.db.prisma;
      const before = await prisma.account.findFirstOrThrow();
      const csrf = await pageCsrf(server.url, "/dashboard/settings", session);

      const answer = await dashboardPost(server.url, "/dashboard/settings", session, {
        csrf,
        intent: "low_stock_default",
        low_stock_threshold: typed,
      });

      expect(answer.status).toBe(200);
      expect(await answer.text()).toContain("A whole number from 0 to 1000000, in digits 0-9");
      const after = await prisma.account.findFirstOrThrow();
      expect(after.lowStockThreshold).toBe(before.lowStockThreshold);
    },
  );

  it("a supplier priority takes a leading minus but not hexadecimal or exponents", async () => {
    const prisma = server.platform.db.prisma;
    const account = await prisma.account.findFirstOrThrow();
    const connection = await prisma.supplierConnection.create({
      data: { accountId: account.id, supplier: "kinguin", environment: "sandbox" },
    });
    const setPriority = async (priority: string) => {
      const csrf = await pageCsrf(server.url, "/dashboard/suppliers", session);
      const answer = await dashboardPost(server.url, "/dashboard/suppliers", session, {
        csrf,
        intent: "priority",
        connection: connection.id,
        priority,
      });
      const row = await prisma.supplierConnection.findUniqueOrThrow({
        where: { id: connection.id },
      });
      return { html: await answer.text(), priority: row.priority };
    };

    expect((await setPriority("-5")).priority).toBe(-5);
    for (const typed of ["0x10", "1e3", "-0x1"]) {
      const refused = await setPriority(typed);
      expect(refused.priority).toBe(-5);
      expect(refused.html).toContain("A whole number from -1000 to 1000, in digits 0-9");
    }
  });
});

describe("counts in words", () => {
  it("say one attempt and one order in the singular", async () => {
    const orderPage = await (
      await dashboardGet(server.url, `/dashboard/orders/${orderId}`, session)
    ).text();
    const list = await (
      await dashboardGet(server.url, "/dashboard/orders?q=%233001", session)
    ).text();

    expect(orderPage).toMatch(/1 attempt,/);
    expect(orderPage).not.toContain("1 attempts");
    expect(list).toContain("1 order, page 1 of 1");
  });
});

describe("a product's maximum cost", () => {
  it("is read in the product's own currency, whatever currency the form names", async () => {
    const prisma = server.platform.db.prisma;
    const account = await prisma.account.findFirstOrThrow();
    const product = await prisma.product.create({
      data: { accountId: account.id, name: "Priced in euros", currency: "EUR" },
    });
    const save = async (fields: Record<string, string>) => {
      const csrf = await pageCsrf(server.url, "/dashboard/products", session);
      const answer = await dashboardPost(server.url, "/dashboard/products", session, {
        csrf,
        intent: "limits",
        product: product.id,
        low_stock_threshold: "",
        ...fields,
      });
      const row = await prisma.product.findUniqueOrThrow({ where: { id: product.id } });
      return { html: await answer.text(), maxCostMinor: row.maxCostMinor };
    };

    expect((await save({ currency: "BHD", max_cost: "10" })).maxCostMinor).toBe(1000);
    expect((await save({ currency: "<b>", max_cost: "12.5" })).maxCostMinor).toBe(1250);
    const refused = await save({ max_cost: "12.505" });
    expect(refused.maxCostMinor).toBe(1250);
    expect(refused.html).toContain("EUR amounts have at most 2 decimals");
  });
});
