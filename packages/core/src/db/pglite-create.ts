// Creates the embedded database in the data folder given as argument, then exits. Run as a
// child process: creating a database grows PGlite's WebAssembly memory by hundreds of megabytes
// that only the end of a process gives back. Runs under Node's own type stripping.
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PGLITE_OPTIONS } from "./pglite-options.ts";

const db = await PGlite.create(path.join(process.argv[2], "pglite"), PGLITE_OPTIONS);
await db.close();
