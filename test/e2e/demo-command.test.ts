import { spawn } from "node:child_process";
import fs from "node:fs";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isolatedEnv } from "../support/isolated-env.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsxCli = path.join(root, "node_modules/tsx/dist/cli.mjs");

type DemoRun = { output: () => string; exited: Promise<number | null>; stop(): void };

/** `npm run demo` without npm in between, so SIGINT reaches the demo as Ctrl-C would. */
function startDemo(env: Record<string, string>): DemoRun {
  const child = spawn(process.execPath, [tsxCli, "app/src/cli/demo.ts"], {
    cwd: root,
    env: { ...isolatedEnv(), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { output: () => output, exited, stop: () => child.kill("SIGINT") };
}

async function waitForText(run: DemoRun, text: string, timeoutMs = 150_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (!run.output().includes(text)) {
    if (Date.now() > deadline)
      throw new Error(`No "${text}" in the demo's output:\n${run.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return run.output();
}

describe("npm run demo", () => {
  // Both runs share one data folder: the second one checks what a rerun does.
  let dataDir = "";
  beforeAll(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "pck-demo-"));
  });
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("delivers both fixture orders, verifies webhooks and stops cleanly on Ctrl-C", async () => {
    const run = startDemo({ DATA_DIR: dataDir, PORT: "0" });
    const output = await waitForText(run, "Serving until Ctrl-C.");

    expect(output).toContain("Shopify order #1042: delivered");
    expect(output).toContain("WooCommerce order #4321: delivered");
    expect(output).toContain("WooCommerce order #4322: failed, as intended");
    expect(output).toContain(
      "Demo complete: 2 orders delivered, 1 failed as intended; " +
        "8 webhooks received, all signatures verified",
    );
    expect(output).not.toMatch(/[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}/);
    expect(output).toContain('curl -s -H "Authorization: Bearer pck_test_');
    expect(output).toMatch(/Dashboard {4}http:\/\/[^ ]+\/dashboard/);
    expect(output).toContain("Sign in as   operator@keys-demo.example  password ");

    run.stop();
    expect(await run.exited).toBe(0);
    expect(run.output()).toContain("Stopped.");
  }, 180_000);

  it("makes new orders on a second run over the same data and reuses its endpoint", async () => {
    const run = startDemo({ DATA_DIR: dataDir, PORT: "0" });
    const output = await waitForText(run, "Serving until Ctrl-C.");

    expect(output).toContain("registered by an earlier run, reused");
    expect(output).toContain("Shopify order #1043: delivered");
    expect(output).toContain("WooCommerce order #4323: delivered");
    expect(output).toContain("Demo complete");

    run.stop();
    expect(await run.exited).toBe(0);
  }, 180_000);

  it("replaces, not adds to, the earlier endpoint when its receiver port is taken", async () => {
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-webhook.json"), "utf8"));
    const blocker = net.createServer();
    await new Promise<void>((resolve) =>
      blocker.listen(Number(new URL(saved.url).port), "127.0.0.1", resolve),
    );
    const run = startDemo({ DATA_DIR: dataDir, PORT: "0" });
    try {
      const output = await waitForText(run, "Serving until Ctrl-C.");
      expect(output).toContain("Demo complete");

      const base = output.match(/Dashboard {4}(http:\/\/[^ ]+)\/dashboard/)![1];
      const key = output.match(/Bearer (pck_test_[A-Za-z0-9_-]+)/)![1];
      const answer = await fetch(`${base}/api/v1/webhooks`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const { data } = (await answer.json()) as { data: { id: string }[] };
      const now = JSON.parse(fs.readFileSync(path.join(dataDir, "demo-webhook.json"), "utf8"));
      expect(now.endpoint_id).not.toBe(saved.endpoint_id);
      expect(data.map((endpoint) => endpoint.id)).toEqual([now.endpoint_id]);
    } finally {
      run.stop();
      await run.exited;
      blocker.close();
    }
  }, 180_000);

  it("says so and exits 1 when the port is taken", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as AddressInfo;

    // The port is checked before anything is written, so this folder is never created.
    const run = startDemo({ DATA_DIR: path.join(dataDir, "never-used"), PORT: String(port) });
    expect(await run.exited).toBe(1);
    expect(run.output()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    blocker.close();
  }, 30_000);
});
