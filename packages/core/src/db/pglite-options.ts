import type { PGliteOptions } from "@electric-sql/pglite";

/**
 * How the embedded database is opened, by the process that creates its folder and by the
 * thread that serves it. PostgreSQL's default 128 MB of buffers would more than double the
 * process's memory for tables that an embedded installation keeps small.
 */
export const PGLITE_OPTIONS: PGliteOptions = { postgresqlconf: "shared_buffers = 16MB\n" };
