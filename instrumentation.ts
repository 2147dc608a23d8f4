// Runs once when a server instance starts: the database schema is brought up to date before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { startInstance } = await import("./lib/startup");
    await startInstance();
  }
}
