import fs from "node:fs";
import path from "node:path";
import type { SeenRequest } from "./scripted-server.ts";

type Parameter = { in: string; name: string };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
};
type Schema = { $ref?: string; properties?: Record<string, unknown> };
type Document = { paths: Record<string, Record<string, Operation | Parameter[]>> };

const document = JSON.parse(
  fs.readFileSync(path.resolve(import.meta.dirname, "../../openapi/openapi.json"), "utf8"),
) as Document;

function resolve<T>(value: T): T {
  const ref = (value as { $ref?: string }).$ref;
  if (!ref) return value;
  return ref
    .split("/")
    .slice(1)
    .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], document) as T;
}

const operations = Object.entries(document.paths).flatMap(([template, item]) =>
  Object.entries(item)
    .filter(([method]) => method !== "parameters")
    .map(([method, operation]) => ({
      name: `${method.toUpperCase()} ${template}`,
      method: method.toUpperCase(),
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`),
      operation: operation as Operation,
    })),
);

/**
 * Checks requests a client sent against the committed OpenAPI document: each one is a
 * documented operation, with documented query parameters, headers and body fields only.
 * Answers the problems found and the operations no request used.
 */
export function compareWithDocument(requests: SeenRequest[]) {
  const problems: string[] = [];
  const used = new Set<string>();

  for (const request of requests) {
    const url = new URL(request.url, "http://client.test");
    const apiPath = url.pathname.replace(/^\/api\/v1/, "");
    const match = operations.find((o) => o.method === request.method && o.pattern.test(apiPath));
    if (!match) {
      problems.push(`undocumented: ${request.method} ${apiPath}`);
      continue;
    }
    used.add(match.name);

    const parameters = (match.operation.parameters ?? []).map(resolve);
    const documented = (place: string) =>
      parameters.filter((p) => p.in === place).map((p) => p.name.toLowerCase());
    for (const name of url.searchParams.keys()) {
      if (!documented("query").includes(name)) problems.push(`${match.name}: query ${name}`);
    }
    if (request.headers["idempotency-key"] && !documented("header").includes("idempotency-key")) {
      problems.push(`${match.name}: header Idempotency-Key`);
    }
    if (request.body) {
      const schema = resolve(
        match.operation.requestBody?.content["application/json"]?.schema ?? {},
      );
      const fields = Object.keys(schema.properties ?? {});
      for (const field of Object.keys(JSON.parse(request.body) as object)) {
        if (!fields.includes(field)) problems.push(`${match.name}: body field ${field}`);
      }
    }
  }

  const unused = operations
    .map((o) => o.name)
    .filter((name) => !used.has(name) && name !== "GET /openapi.json");
  return { problems, unused };
}
