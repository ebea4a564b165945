import { defineConfig } from "prisma/config";

// The CLI is only used to generate the client; migrations run through prisma/tooling (see there).
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
