// Applies the migrations to the database URL given as argument and prints the names applied,
// as JSON. Run as a child process: the schema engine's WebAssembly memory, hundreds of megabytes
// once a migration has run, is only given back when a process ends. Node type-strips this file.
import { applyMigrations } from "./migrations.ts";

const applied = await applyMigrations(process.argv[2]);
process.stdout.write(JSON.stringify(applied));
// The engine keeps the event loop busy for a while after its work is done.
process.exit(0);
