import "server-only";
// Start-up of a server instance: migrate, create the first admin from the environment if asked to.
// A failure here stops the instance with one line that says what to fix.
import { dbConfig, prepareDatabase } from "@/lib/db/client";
import { describeDb } from "@/lib/db/config";
import { bootstrapAdminFromEnv } from "@/lib/users/bootstrap";

export async function startInstance(): Promise<void> {
  try {
    await prepareDatabase();
    const admin = await bootstrapAdminFromEnv();
    if (admin) console.log(`SpineMed Review: created the first admin ${admin} from ADMIN_EMAIL`);
    console.log(`SpineMed Review: ${describeDb(dbConfig())} is ready`);
  } catch (e) {
    console.error(`SpineMed Review cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
