// The sign-in throttle under parallel requests, over real HTTP against the real server and
// database: however many guesses arrive at once, no more passwords are checked than the README
// states (5 per email, 20 per client address, within 15 minutes); the others get the page's
// refusal with 429. The tests share one client address (loopback), so they run in this order
// in a server of their own.
import { createOperator } from "@premiumcdkeys/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInOverHttp, type SignInAnswer } from "../support/dashboard-http.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
const OPERATOR = { email: "racer@parallel-shop.example", password: "the racer's long password" };

beforeAll(async () => {
  server = await startTestServer({ DASHBOARD: "true" });
  const prisma = server.platform.db.prisma;
  const account = await prisma.account.create({ data: { name: "Parallel guesses" } });
  await createOperator(prisma, { accountId: account.id, ...OPERATOR });
});
afterAll(() => server?.close());

const prisma = () => server.platform.db.prisma;

/** Sends every sign-in at the same moment. */
function signInAtOnce(attempts: { email: string; password: string }[]) {
  return Promise.all(
    attempts.map(({ email, password }) => signInOverHttp(server.url, email, password)),
  );
}

const checked = (answers: SignInAnswer[]) => answers.filter((a) => a.status === 401).length;
const refused = (answers: SignInAnswer[]) => answers.filter((a) => a.status === 429).length;

describe("parallel sign-ins", () => {
  it("check at most five passwords of one email, however many guesses arrive at once", async () => {
    const guesses = Array.from({ length: 12 }, (_, n) => ({
      email: OPERATOR.email,
      password: `parallel wrong guess ${n}`,
    }));
    const answers = await signInAtOnce(guesses);

    expect(checked(answers)).toBeLessThanOrEqual(5);
    expect(checked(answers) + refused(answers)).toBe(12);
    expect(refused(answers)).toBeGreaterThanOrEqual(7);
    for (const answer of answers) expect(answer.session).toBeUndefined();
    const failures = await prisma().signInAttempt.count({
      where: { email: OPERATOR.email, succeeded: false },
    });
    expect(failures).toBe(checked(answers));

    // Racing requests may refuse each other before five are checked; the rest are checked one
    // by one, and then the right password waits out the window like any other.
    for (let n = checked(answers); n < 5; n++) {
      const late = await signInOverHttp(server.url, OPERATOR.email, `late wrong guess ${n}`);
      expect(late.status).toBe(401);
    }
    const right = await signInOverHttp(server.url, OPERATOR.email, OPERATOR.password);
    expect(right.status).toBe(429);
    expect(right.session).toBeUndefined();
  });

  it("shows the page's refusal to every guess it does not check", async () => {
    const page = await fetchSignInPage(OPERATOR.email, "yet another wrong guess");
    expect(page.status).toBe(429);
    expect(await page.text()).toContain("Too many failed attempts. Wait 15 minutes");
  });

  it("check at most five passwords of an unknown email among forty at once", async () => {
    const email = "nobody@parallel-shop.example";
    const guesses = Array.from({ length: 40 }, (_, n) => ({ email, password: `guess ${n}` }));
    const answers = await signInAtOnce(guesses);

    expect(checked(answers)).toBeLessThanOrEqual(5);
    expect(refused(answers)).toBe(40 - checked(answers));
  });

  it("check at most twenty passwords from one client address, across emails", async () => {
    const earlier = await failuresFromThisAddress();
    const guesses = Array.from({ length: 40 }, (_, n) => ({
      email: `spray-${n}@parallel-shop.example`,
      password: "one common password",
    }));
    const answers = await signInAtOnce(guesses);

    expect(checked(answers)).toBeLessThanOrEqual(20 - earlier);
    expect(refused(answers)).toBe(40 - checked(answers));
    expect(await failuresFromThisAddress()).toBeLessThanOrEqual(20);
  });
});

/** A sign-in post whose page is returned as well as its status. */
async function fetchSignInPage(email: string, password: string) {
  const form = await fetch(`${server.url}/dashboard/sign-in`);
  const cookie = (form.headers.get("set-cookie") ?? "").split(";")[0];
  const csrf = (await form.text()).match(/name="csrf" value="([^"]+)"/)?.[1] ?? "";
  return fetch(`${server.url}/dashboard/sign-in`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf, email, password }),
  });
}

/** Failed checks recorded for the loopback address every test here signs in from. */
async function failuresFromThisAddress() {
  const one = await prisma().signInAttempt.findFirstOrThrow({ where: { ip: { not: null } } });
  return prisma().signInAttempt.count({ where: { ip: one.ip, succeeded: false } });
}
