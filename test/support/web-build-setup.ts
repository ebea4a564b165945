// Vitest global setup: builds the Remix app once (when its sources changed) before any test
// file starts a server that mounts it, so no two test files build at the same time.
import { ensureWebBuild } from "../../app/src/web/web-build.ts";

export default function setup() {
  ensureWebBuild((line) => console.log(line));
}
