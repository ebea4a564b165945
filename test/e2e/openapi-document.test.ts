import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "../../app/src/http/openapi/openapi-document.ts";
import { OPENAPI_FILE } from "../../app/src/http/openapi/openapi-routes.ts";
import { ROOT } from "../bench/child-process.ts";
import { isolatedEnv } from "../support/isolated-env.ts";
import { startTestServer, type TestServer } from "../support/test-server.ts";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

describe("the OpenAPI document", () => {
  it("is committed exactly as the code builds it (run `npm run openapi` after a change)", () => {
    const committed = JSON.parse(fs.readFileSync(OPENAPI_FILE, "utf8"));
    expect(committed).toEqual(JSON.parse(JSON.stringify(buildOpenApiDocument())));
    expect(committed.openapi).toBe("3.1.0");
  });

  it("is served at /api/v1/openapi.json without a key, byte for byte as committed", async () => {
    const response = await fetch(`${server.url}/api/v1/openapi.json`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(response.headers.get("x-ratelimit-limit")).toBe("60");
    expect(await response.text()).toBe(fs.readFileSync(OPENAPI_FILE, "utf8"));
  });

  it("passes `redocly lint`, with telemetry off and no network access", () => {
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pck-redocly-"));
    const networkLog = path.join(scratch, "network.log");
    const result = spawnSync(
      process.execPath,
      [
        "--import",
        path.join(ROOT, "test/support/no-network.mjs"),
        path.join(ROOT, "node_modules/@redocly/cli/bin/cli.js"),
        "lint",
        "--config",
        path.join(ROOT, "redocly.yaml"),
        OPENAPI_FILE,
      ],
      {
        cwd: ROOT,
        // Redocly's documented switches: no usage data, no update check against the registry.
        env: {
          ...isolatedEnv(),
          REDOCLY_TELEMETRY: "off",
          REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
          HOME: scratch,
          NO_NETWORK_LOG: networkLog,
        },
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    const output = `${result.stdout}\n${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output).toMatch(/valid/i);
    expect(output).not.toMatch(/warning/i);
    expect(fs.existsSync(networkLog) ? fs.readFileSync(networkLog, "utf8") : "").toBe("");
  });
});

describe("the rendered view at /api/v1/docs", () => {
  it("renders the document with Swagger UI served by our own server, from no CDN", async () => {
    const page = await fetch(`${server.url}/api/v1/docs`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(assets).toEqual([
      "/api/v1/docs/swagger-ui.css",
      "/api/v1/docs/swagger-ui-bundle.js",
      "/api/v1/docs/start.js",
    ]);
    for (const asset of assets) {
      const response = await fetch(server.url + asset);
      expect(response.status, asset).toBe(200);
    }
    const start = await (await fetch(`${server.url}/api/v1/docs/start.js`)).text();
    expect(start).toContain('url: "/api/v1/openapi.json"');
    expect(start).toContain("validatorUrl: null");

    const missing = await fetch(`${server.url}/api/v1/docs/..%2F..%2Fpackage.json`);
    expect(missing.status).toBe(404);
  });
});
