// npm run db:migrate — applies pending migrations to the database DATABASE_URL names (the app also does this at start).
import { runCli } from "@/lib/cli/run";
import { dbConfig } from "@/lib/db/client";
import { describeDb } from "@/lib/db/config";

void runCli("db:migrate", async () => {
  console.log(`${describeDb(dbConfig())} is up to date`);
});
