// Chromium for the dashboard's browser tests: one browser per test file, every request off
// loopback refused (App Bridge's CDN script answered by a stand-in where a test asks for it),
// axe-core injected from the npm package, and a screenshot per page kept under test-artifacts/.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
];

/** Kept after the run (git-ignored): one PNG per page visited. */
export const ARTIFACTS_DIR = path.resolve("test-artifacts/dashboard");

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_FLAGS });
}

/**
 * Refuses every request that leaves loopback and records it; `appBridge` answers Shopify's CDN
 * script with a stand-in, because these machines cannot reach Shopify.
 */
export async function keepOnLoopback(page: Page, appBridge?: string): Promise<string[]> {
  const refused: string[] = [];
  await page.route(
    (url) => !["127.0.0.1", "localhost"].includes(url.hostname),
    async (route) => {
      const url = new URL(route.request().url());
      if (
        appBridge &&
        url.hostname === "cdn.shopify.com" &&
        url.pathname.endsWith("app-bridge.js")
      ) {
        return route.fulfill({ contentType: "text/javascript", body: appBridge });
      }
      refused.push(url.origin + url.pathname);
      return route.abort();
    },
  );
  return refused;
}

const AXE_SOURCE = fs.readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

type AxeViolation = {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
};

/** axe-core's WCAG 2 A and AA rules on the page; returns the serious and critical findings. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (...args: unknown[]) => Promise<unknown> } })
      .axe;
    const result = (await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    })) as { violations: AxeViolation[] };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((node) => node.target.join(" ")).join(", "),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes}`);
}

/** A full-page screenshot kept as a test artifact; returns its path. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const file = path.join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
