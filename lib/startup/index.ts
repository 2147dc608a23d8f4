import "server-only";
// Start-up of a server instance: migrate, create the first admin from the environment if asked to.
// A failure here stops the instance with one line that says what to fix.
import { checkSignIn } from "@/lib/auth/startup-check";
import { dbConfig, prepareDatabase } from "@/lib/db/client";
import { describeDb } from "@/lib/db/config";
import { recoverAbandonedImports } from "@/lib/import/batches";
import { bootstrapAdminFromEnv } from "@/lib/users/bootstrap";

export async function startInstance(): Promise<void> {
  try {
    // Before the database: a sign-in set-up that cannot work is a one-line fix, reported first.
    await checkSignIn();
    await prepareDatabase();
    const admin = await bootstrapAdminFromEnv();
    if (admin) console.log(`SpineMed Review: created the first admin ${admin} from ADMIN_EMAIL`);
    console.log(`SpineMed Review: ${describeDb(dbConfig())} is ready`);
  } catch (e) {
    console.error(`SpineMed Review cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
  // An import killed mid-way left staged rows and files that no one sees: remove them (never fatal to the start).
  try {
    for (const r of await recoverAbandonedImports()) console.log(`SpineMed Review: ${r.reason}`);
  } catch (e) {
    console.error(`SpineMed Review: could not remove the leftovers of a stopped import: ${e instanceof Error ? e.message : String(e)}`);
  }
}
