import "server-only";
// Shared start and finish of every CLI: prepare the database, print one clear line on failure, close cleanly.
import { disconnectDatabase, prepareDatabase } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { DatabaseConfigError } from "@/lib/db/config";
import { z } from "zod";

export async function runCli(name: string, main: () => Promise<number | void>): Promise<void> {
  let code = 0;
  try {
    await prepareDatabase();
    code = (await main()) ?? 0;
  } catch (e) {
    code = 1;
    if (e instanceof z.ZodError) {
      console.error(`${name}: ${e.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; ")}`);
    } else if (e instanceof AppError || e instanceof DatabaseConfigError) {
      console.error(`${name}: ${e.message}`);
    } else {
      console.error(`${name}: ${e instanceof Error ? e.message : String(e)}`);
      if (process.env.DEBUG) console.error(e);
    }
  } finally {
    await disconnectDatabase().catch(() => {});
  }
  process.exitCode = code;
  // Give stdout a moment to drain, then leave even if a driver keeps a handle open.
  setTimeout(() => process.exit(code), 200).unref();
}
