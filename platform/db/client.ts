// The database client, created once per process by the composition root and passed down.
// Nothing imports a PrismaClient singleton.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client.ts";

export type Db = PrismaClient;
/** A transaction client: what services take when they must write inside a caller's transaction. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function createDb(url: string, poolSize: number): Db {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PrismaClient({ adapter });
}

export { Prisma } from "./generated/client.ts";
/** The agencies the database can hold (prisma enum Agency). */
export type { Agency } from "./generated/enums.ts";
