import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, runTs, waitUntilUp, type TsChild } from "../bench/child-process.ts";
import { apiClient } from "../support/api-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

// Two server processes over one database: this test process, and `npm start` in a child
// process that reaches the same embedded PGlite through its loopback socket (as `npm run
// worker` does). The limit must hold across both.
let first: TestServer;
let second: TsChild;
let secondUrl: string;

beforeAll(async () => {
  first = await startTestServer();
  const port = await freePort();
  secondUrl = `http://127.0.0.1:${port}`;
  second = runTs(
    "app/src/cli/start.ts",
    { DATA_DIR: first.dataDir, PORT: String(port), RUN_WORKER: "false", LOG_LEVEL: "info" },
    path.join(first.dataDir, "second-server.log"),
  );
  await waitUntilUp(`${secondUrl}/healthz`, second);
});
afterAll(async () => {
  await second?.stop();
  await first?.close();
});

async function setTier(tier: string, rateLimitPerMinute: number | null = null) {
  await first.platform.db.prisma.account.update({
    where: { id: first.demo.account_id },
    data: { tier, rateLimitPerMinute },
  });
}

/** Waits for a fresh minute when the current one is nearly over, so one window holds the test. */
async function startOfAMinute() {
  const intoMinute = (Date.now() / 1000) % 60;
  if (intoMinute > 40)
    await new Promise((resolve) => setTimeout(resolve, (61 - intoMinute) * 1000));
}

describe("tier limits held in the database", () => {
  it("lets 60 requests a minute through on Standard, across two server processes", async () => {
    await setTier("standard");
    await startOfAMinute();
    const apis = [
      apiClient(first.url, first.demo.api_key),
      apiClient(secondUrl, first.demo.api_key),
    ];

    const answers = [];
    for (let index = 0; index < 80; index++) {
      answers.push(await apis[index % 2]("GET", "/orders?limit=1"));
    }
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(60);
    expect(statuses.slice(60)).toEqual(Array(20).fill(429));

    const remaining = answers.map((answer) => Number(answer.headers.get("x-ratelimit-remaining")));
    expect(remaining.slice(0, 60)).toEqual(Array.from({ length: 60 }, (_, i) => 59 - i));
    for (const answer of answers) expect(answer.headers.get("x-ratelimit-limit")).toBe("60");

    const limited = answers[79];
    expect(limited.body.error.code).toBe("RATE_LIMITED");
    const retryAfter = Number(limited.headers.get("retry-after"));
    const reset = Number(limited.headers.get("x-ratelimit-reset"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(reset % 60).toBe(0);
    expect(Math.abs(reset - Date.now() / 1000 - retryAfter)).toBeLessThanOrEqual(2);
  });

  it.each([
    ["business", null, "300"],
    ["enterprise", 1234, "1234"],
  ])("announces the %s limit", async (tier, custom, limit) => {
    await setTier(tier, custom);
    const answer = await apiClient(secondUrl, first.demo.api_key)("GET", "/suppliers");
    expect(answer.status).toBe(200);
    expect(answer.headers.get("x-ratelimit-limit")).toBe(limit);
  });

  it("counts requests without a valid key per address, with the headers on the 401", async () => {
    const anonymous = apiClient(first.url, "");
    const answer = await anonymous("GET", "/orders", { key: null });
    expect(answer.status).toBe(401);
    expect(answer.headers.get("x-ratelimit-limit")).toBe("60");
    const rows = await first.platform.db.prisma.rateLimitWindow.findMany({
      where: { subject: { startsWith: "address:" } },
    });
    expect(rows.length).toBeGreaterThan(0);
  });
});
