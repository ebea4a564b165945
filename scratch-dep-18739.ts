import { loadConfig, openDatabase, createLogger } from "@premiumcdkeys/core";
const db = await openDatabase(loadConfig({ DATA_DIR: process.argv[2] }), createLogger("silent"));
console.log(process.argv[3], "opened", db.url);
await db.prisma.$queryRaw`SELECT 1`;
if (process.argv[3] === "owner") await new Promise((r) => setTimeout(r, 15000));
await db.close();
process.exit(0);
