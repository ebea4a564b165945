// Builds dist/esm (ES modules) and dist/cjs (CommonJS), each with its type declarations, from
// the same sources with the TypeScript compiler alone. A package.json in each folder tells Node
// (and TypeScript) which module format the .js and .d.ts files in it are.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";

const packageDir = path.dirname(path.dirname(new URL(import.meta.url).pathname));
const dist = path.join(packageDir, "dist");
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");

fs.rmSync(dist, { recursive: true, force: true });

const builds = [
  { folder: "esm", type: "module", flags: [] },
  {
    folder: "cjs",
    type: "commonjs",
    flags: ["--module", "CommonJS", "--moduleResolution", "Node10"],
  },
];
for (const build of builds) {
  const outDir = path.join(dist, build.folder);
  execFileSync(
    process.execPath,
    [tsc, "-p", path.join(packageDir, "tsconfig.build.json"), "--outDir", outDir, ...build.flags],
    { stdio: "inherit" },
  );
  fs.writeFileSync(path.join(outDir, "package.json"), JSON.stringify({ type: build.type }) + "\n");
  rewriteDeclarationImports(outDir);
}

// tsc rewrites "./x.ts" to "./x.js" in JavaScript only; declarations get the same so that any
// TypeScript version and module resolution reads them.
function rewriteDeclarationImports(folder) {
  for (const entry of fs.readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !entry.name.endsWith(".d.ts")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.replace(/(from\s+"\.{1,2}\/[^"]+)\.ts"/g, '$1.js"'));
  }
}
