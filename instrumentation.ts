// Runs once when a server instance starts: the database schema is brought up to date before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { prepareDatabase, dbConfig } = await import("./lib/db/client");
  const { describeDb } = await import("./lib/db/config");
  try {
    await prepareDatabase();
    const { bootstrapAdminFromEnv } = await import("./lib/users/bootstrap");
    const admin = await bootstrapAdminFromEnv();
    if (admin) console.log(`SpineMed Review: created the first admin ${admin} from ADMIN_EMAIL`);
    console.log(`SpineMed Review: ${describeDb(dbConfig())} is ready`);
  } catch (e) {
    console.error(`SpineMed Review cannot start: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
