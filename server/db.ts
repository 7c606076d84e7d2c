import "server-only";
import { databaseOptionsFromEnv, openDatabase, type Database, type DatabaseHandle } from "@/db/client";

// One handle per server process; kept on globalThis so dev hot reloads do not open PGlite twice.
const globalForDb = globalThis as unknown as { __hubDb?: Promise<DatabaseHandle> };

export async function getDb(): Promise<Database> {
  globalForDb.__hubDb ??= openDatabase(databaseOptionsFromEnv());
  return (await globalForDb.__hubDb).db;
}
