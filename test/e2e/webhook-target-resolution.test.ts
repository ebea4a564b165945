import fs from "node:fs";
import { isIP } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiClient } from "../support/api-client.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  // Private targets refused, as in production.
  server = await startTestServer({ WEBHOOK_ALLOW_PRIVATE_TARGETS: "false" });
  api = apiClient(server.url, server.demo.api_key);
});
afterAll(() => server?.close());

/**
 * A name other than `localhost` that this machine's /etc/hosts maps to a loopback address (the
 * machine's own name usually is): the literal check cannot know it, only a lookup can, and the
 * lookup is answered from the file, never by a DNS server.
 */
function loopbackAliasFromHostsFile(): string | undefined {
  const lines = fs.readFileSync("/etc/hosts", "utf8").split("\n");
  for (const line of lines) {
    const [address, ...names] = line.replace(/#.*/, "").trim().split(/\s+/);
    if (!address || !isIP(address) || !/^(127\.|::1$)/.test(address)) continue;
    const alias = names.find((name) => !/(^|\.)localhost(\.|$)/i.test(name) && !isIP(name));
    if (alias) return alias;
  }
  return undefined;
}

const alias = loopbackAliasFromHostsFile();
const prisma = () => server.platform.db.prisma;

function expectPrivateTargetRefused(answer: Awaited<ReturnType<typeof api>>) {
  expect(answer.status).toBe(400);
  expect(answer.body.error).toEqual({
    code: "VALIDATION_ERROR",
    message: "private target refused",
    details: { fields: [{ field: "url", message: "private target refused" }] },
  });
}

describe("webhook URLs whose host name resolves to a private address", () => {
  it("refuses localhost at creation and changes nothing", async () => {
    const before = await prisma().webhookEndpoint.count();
    const answer = await api("POST", "/webhooks", {
      body: { url: "http://localhost:9/h", events: ["order.created"] },
    });
    expectPrivateTargetRefused(answer);
    expect(await prisma().webhookEndpoint.count()).toBe(before);
  });

  it.skipIf(!alias)(
    "refuses a hosts-file alias of loopback at creation and at update",
    async () => {
      const before = await prisma().webhookEndpoint.count();
      const created = await api("POST", "/webhooks", {
        body: { url: `http://${alias}:9/h`, events: ["order.created"] },
      });
      expectPrivateTargetRefused(created);
      expect(await prisma().webhookEndpoint.count()).toBe(before);

      // An endpoint on a public address (never contacted here), then moved to the alias.
      const publicUrl = "https://93.184.215.14/h";
      const endpoint = await api("POST", "/webhooks", {
        body: { url: publicUrl, events: ["order.created"] },
      });
      expect(endpoint.status).toBe(201);
      const moved = await api("PATCH", `/webhooks/${endpoint.body.data.id}`, {
        body: { url: `http://${alias}/h` },
      });
      expectPrivateTargetRefused(moved);
      const moveToLocalhost = await api("PATCH", `/webhooks/${endpoint.body.data.id}`, {
        body: { url: "http://localhost/h" },
      });
      expectPrivateTargetRefused(moveToLocalhost);
      expect((await api("GET", `/webhooks/${endpoint.body.data.id}`)).body.data.url).toBe(
        publicUrl,
      );
    },
  );
});
