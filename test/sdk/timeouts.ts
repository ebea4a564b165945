/**
 * Starting a server, placing orders through it and building the package take seconds on a quiet
 * machine and minutes on a shared, loaded one (load averages above 20 were seen on 2 cores):
 * these suites wait longer than the configured defaults before calling setup stuck.
 */
export const SETUP_TIMEOUT_MS = 300_000;

/** The TypeScript compiler run over a consumer of the built package. */
export const COMPILE_TIMEOUT_MS = 240_000;

/** One PHP test script against the server (the orders script takes about 10 s when quiet). */
export const PHP_SCRIPT_TIMEOUT_MS = 180_000;
