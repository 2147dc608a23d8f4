// The server the end-to-end tests run against: the production build on a fresh SQLite database in a
// temporary data folder, seeded with the demo data set. Removed again when the server stops.
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const port = process.env.E2E_PORT || "3100";
const dataDir = mkdtempSync(path.join(os.tmpdir(), "spinemed-e2e-"));
// Where this port's data folder is, for tests that prepare data with the command-line tools (import, assign).
const dataDirNote = path.join(os.tmpdir(), `spinemed-e2e-port-${port}.datadir`);
writeFileSync(dataDirNote, dataDir);
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  DEMO_MODE: "1",
  NEXTAUTH_URL: `http://127.0.0.1:${port}`,
  NEXTAUTH_SECRET: "e2e-secret-not-for-production",
  NEXT_TELEMETRY_DISABLED: "1",
  // Enough for the tests' deliberate wrong passwords, low enough to test the limit.
  LOGIN_MAX_ATTEMPTS: "4",
  LOGIN_MAX_ATTEMPTS_PER_IP: "1000",
  // The password of the PACS (Orthanc) that e2e/pacs.spec.ts starts: the endpoint names this variable.
  PACS_E2E_PASSWORD: "pacs-e2e-only-pw",
};
delete env.DATABASE_URL;

execFileSync("npx", ["tsx", "--conditions=react-server", "cli/seed-demo.ts"], { env, stdio: "inherit" });
// Real DICOM files from Debian's packages, for the viewer's end-to-end tests.
execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/e2e-real-dicom.ts"], { env, stdio: "inherit" });
// The viewer benchmark also wants a 512×512 DICOM series (its target is stated for that size).
if (process.env.BENCH_512) execFileSync("npx", ["tsx", "--conditions=react-server", "scripts/bench/fixture-512.ts"], { env, stdio: "inherit" });
// In this process's group: Playwright stops the whole group (npx, next-server) when the tests end.
const server = spawn("npx", ["next", "start", "-p", port, "-H", "127.0.0.1"], { env, stdio: "inherit" });
const stop = () => {
  server.kill("SIGTERM");
};
process.on("exit", () => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(dataDirNote, { force: true });
});
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(dataDirNote, { force: true });
  process.exit(code ?? 0);
});
