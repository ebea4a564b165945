// `npm run openapi`: writes the OpenAPI document built from app/src/http/openapi to the
// committed openapi/openapi.json, which the server serves and the tests check.
import fs from "node:fs";
import { buildOpenApiDocument } from "../http/openapi/openapi-document.ts";
import { OPENAPI_FILE } from "../http/openapi/openapi-routes.ts";

fs.writeFileSync(OPENAPI_FILE, JSON.stringify(buildOpenApiDocument(), null, 2) + "\n");
console.log(`wrote ${OPENAPI_FILE}`);
