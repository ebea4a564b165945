import type { Prisma, PrismaClient } from "../generated/prisma/client.ts";

/** Either the process's client or the client of an open transaction. */
export type Db = PrismaClient | Prisma.TransactionClient;

export type { PrismaClient, Prisma };
