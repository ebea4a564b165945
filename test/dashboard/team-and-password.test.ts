// Settings' password and team forms of /dashboard over real HTTP against the real server and
// database: the current-password check under the sign-in limits, removing team members (their
// sessions end at once, never the last one, never another account's), and the add form's
// answer for emails that sign in elsewhere.
import { createOperator } from "@premiumcdkeys/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  dashboardGet,
  dashboardPost,
  pageCsrf,
  signInOverHttp,
} from "../support/dashboard-http.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
const PASSWORD = "a team member's long password";
const SETTINGS = "/dashboard/settings";

beforeAll(async () => {
  server = await startTestServer({ DASHBOARD: "true" });
});
afterAll(() => server?.close());

const prisma = () => server.platform.db.prisma;

/** A new account with operators of these emails (all with PASSWORD). */
async function teamOf(name: string, emails: string[]) {
  const account = await prisma().account.create({ data: { name } });
  const operators = [];
  for (const email of emails) {
    operators.push(
      await createOperator(prisma(), { accountId: account.id, email, password: PASSWORD }),
    );
  }
  return { account, operators };
}

/** Signs in and returns the session cookie with the Settings page's form token. */
async function signedIn(email: string) {
  const { session } = await signInOverHttp(server.url, email, PASSWORD);
  expect(session).toBeDefined();
  return { session: session!, csrf: await pageCsrf(server.url, SETTINGS, session!) };
}

function settingsPost(who: { session: string; csrf: string }, fields: Record<string, string>) {
  return dashboardPost(server.url, SETTINGS, who.session, { csrf: who.csrf, ...fields });
}

describe("changing the password", () => {
  it("checks the current password at most five times, however many guesses arrive at once", async () => {
    const { operators } = await teamOf("Password guesses", ["guessed@team.example"]);
    const stolen = await signedIn("guessed@team.example");
    const operatorId = operators[0].id;

    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, n) =>
        settingsPost(stolen, {
          intent: "change_password",
          current: `wrong current password ${n}`,
          next: "the attacker's new password",
        }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 400).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(5);
    expect(statuses.every((status) => status === 400 || status === 429)).toBe(true);

    // Racing requests may refuse each other before five are checked; the rest are checked
    // one by one, and then even the right current password is refused and nothing changes.
    const checked = statuses.filter((status) => status === 400).length;
    for (let n = checked; n < 5; n++) {
      const guess = { intent: "change_password", current: `late guess ${n}`, next: PASSWORD };
      expect((await settingsPost(stolen, guess)).status).toBe(400);
    }
    const stored = await prisma().operator.findUniqueOrThrow({ where: { id: operatorId } });
    const right = await settingsPost(stolen, {
      intent: "change_password",
      current: PASSWORD,
      next: "the attacker's new password",
    });
    expect(right.status).toBe(429);
    expect(await right.text()).toContain("Too many failed attempts");
    const after = await prisma().operator.findUniqueOrThrow({ where: { id: operatorId } });
    expect(after.passwordHash).toBe(stored.passwordHash);

    // The limit is the sign-in's own: the email cannot be signed in to either.
    expect((await signInOverHttp(server.url, "guessed@team.example", PASSWORD)).status).toBe(429);
  });

  it("changes it with the right current password, which counts as no failure", async () => {
    await teamOf("Password change", ["changer@team.example"]);
    const me = await signedIn("changer@team.example");
    const answer = await settingsPost(me, {
      intent: "change_password",
      current: PASSWORD,
      next: "a brand new long password",
    });
    expect(answer.status).toBe(200);
    const failures = await prisma().signInAttempt.count({
      where: { email: "changer@team.example", succeeded: false },
    });
    expect(failures).toBe(0);
  });
});

describe("removing a team member", () => {
  it("deletes the operator, ends their sessions at once and audits who did it", async () => {
    const { account, operators } = await teamOf("Removals", [
      "lead@removals.example",
      "leaver@removals.example",
    ]);
    const lead = await signedIn("lead@removals.example");
    const leaver = await signedIn("leaver@removals.example");
    expect((await dashboardGet(server.url, SETTINGS, leaver.session)).status).toBe(200);

    const answer = await settingsPost(lead, {
      intent: "remove_operator",
      operator: operators[1].id,
    });
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("leaver@removals.example was removed");

    const after = await dashboardGet(server.url, SETTINGS, leaver.session);
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/dashboard\/sign-in/);
    expect(await prisma().operator.count({ where: { id: operators[1].id } })).toBe(0);
    expect((await signInOverHttp(server.url, "leaver@removals.example", PASSWORD)).status).toBe(
      401,
    );
    const audit = await prisma().auditEntry.findFirstOrThrow({
      where: { accountId: account.id, action: "operator.removed" },
    });
    expect(audit).toMatchObject({
      actor: "operator:lead@removals.example",
      targetType: "operator",
      targetId: operators[1].id,
      details: { email: "leaver@removals.example" },
    });
  });

  it("refuses yourself, another account's operator and a post without its form token", async () => {
    const { operators } = await teamOf("Refusals", [
      "one@refusals.example",
      "two@refusals.example",
    ]);
    const { operators: others } = await teamOf("Elsewhere", [
      "a@elsewhere.example",
      "b@elsewhere.example",
    ]);
    const me = await signedIn("one@refusals.example");
    const before = await prisma().operator.count();
    const audit = await prisma().auditEntry.count({ where: { action: "operator.removed" } });

    const self = await settingsPost(me, { intent: "remove_operator", operator: operators[0].id });
    expect(self.status).toBe(409);
    expect(await self.text()).toContain("You cannot remove yourself");
    for (const operator of [others[1].id, "not-an-id", "00000000-0000-7000-8000-000000000000"]) {
      const answer = await settingsPost(me, { intent: "remove_operator", operator });
      expect(answer.status).toBe(404);
      expect(await answer.text()).not.toContain("b@elsewhere.example");
    }
    const unsigned = await dashboardPost(server.url, SETTINGS, me.session, {
      intent: "remove_operator",
      operator: operators[1].id,
    });
    expect(unsigned.status).toBe(403);

    expect(await prisma().operator.count()).toBe(before);
    expect(await prisma().auditEntry.count({ where: { action: "operator.removed" } })).toBe(audit);
  });

  it("never leaves an account without an operator, even when two remove each other at once", async () => {
    const { account, operators } = await teamOf("Mutual", [
      "first@mutual.example",
      "second@mutual.example",
    ]);
    const first = await signedIn("first@mutual.example");
    const second = await signedIn("second@mutual.example");

    const answers = await Promise.all([
      settingsPost(first, { intent: "remove_operator", operator: operators[1].id }),
      settingsPost(second, { intent: "remove_operator", operator: operators[0].id }),
    ]);
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(await prisma().operator.count({ where: { accountId: account.id } })).toBe(1);
  });
});

describe("adding a team member", () => {
  it("answers alike for an email of this account and one of another account", async () => {
    await teamOf("Adders", ["adder@adders.example"]);
    await teamOf("Secret customer", ["known@secret-customer.example"]);
    const me = await signedIn("adder@adders.example");
    const before = await prisma().operator.count();

    for (const email of ["adder@adders.example", "known@secret-customer.example"]) {
      const answer = await settingsPost(me, { intent: "add_operator", email, password: PASSWORD });
      expect(answer.status).toBe(400);
      const text = await answer.text();
      expect(text).toContain("This email cannot be added. Use another address.");
      expect(text).not.toContain("already signs in");
      expect(text).not.toContain("Secret customer");
    }
    expect(await prisma().operator.count()).toBe(before);

    const added = await settingsPost(me, {
      intent: "add_operator",
      email: "new@adders.example",
      password: PASSWORD,
    });
    expect(added.status).toBe(200);
    expect((await signInOverHttp(server.url, "new@adders.example", PASSWORD)).status).toBe(302);

    // The same new email twice at once: one is added, the other gets the same answer.
    const twice = await Promise.all(
      [1, 2].map(() =>
        settingsPost(me, {
          intent: "add_operator",
          email: "twin@adders.example",
          password: PASSWORD,
        }),
      ),
    );
    expect(twice.map((answer) => answer.status).sort()).toEqual([200, 400]);
    expect(await prisma().operator.count({ where: { email: "twin@adders.example" } })).toBe(1);
  });
});

describe("security headers", () => {
  const STANDALONE = {
    "cache-control": "no-store",
    "x-frame-options": "DENY",
    "content-security-policy": "frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
  };

  it("are on every /dashboard answer: pages, redirects, refusals and form posts", async () => {
    await teamOf("Headers", ["headers@headers.example"]);
    const me = await signedIn("headers@headers.example");
    const answers = [
      await fetch(`${server.url}/dashboard/sign-in`),
      await dashboardGet(server.url, "/dashboard", ""),
      await dashboardGet(server.url, SETTINGS, me.session),
      await dashboardGet(server.url, `${SETTINGS}?_data=routes%2Fdashboard.settings`, me.session),
      await dashboardGet(server.url, "/dashboard/orders/not-an-order", me.session),
      await dashboardPost(server.url, SETTINGS, me.session, { intent: "sandbox" }),
      await settingsPost(me, { intent: "create_key", name: "headers", permissions: "read" }),
    ];
    for (const answer of answers) {
      for (const [name, value] of Object.entries(STANDALONE)) {
        expect(answer.headers.get(name), `${name} of ${answer.url} (${answer.status})`).toBe(value);
      }
    }
  });
});
