// Runs once when a server instance starts: the database schema is brought up to date before any request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // First, so every request from now on carries its socket address (lib/http/client-address).
    const { installPeerAddressHeader } = await import("./lib/http/peer");
    installPeerAddressHeader();
    const { trustedProxies } = await import("./lib/http/client-address");
    const { problems } = trustedProxies();
    if (problems.length) {
      for (const p of problems) console.error(`SpineMed Review cannot start: ${p}`);
      process.exit(1);
    }
    const { startInstance } = await import("./lib/startup");
    await startInstance();
  }
}
