// `npm run demo`: build (when the sources changed), migrate the embedded SQLite database, seed the demo data,
// and serve the production build on http://localhost:3000 with the demo logins on the sign-in page.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const port = process.env.PORT || "3000";
const env = { ...process.env, DEMO_MODE: "1", NEXT_TELEMETRY_DISABLED: "1" };
if (!env.NEXTAUTH_URL) env.NEXTAUTH_URL = `http://localhost:${port}`;

function newestSource(dirs) {
  let newest = 0;
  const walk = (d) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === "node_modules" || e.name === "generated" || e.name.startsWith(".")) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  dirs.forEach(walk);
  for (const f of ["package.json", "next.config.js"]) if (existsSync(f)) newest = Math.max(newest, statSync(f).mtimeMs);
  return newest;
}

function step(label, cmd, args) {
  console.log(`\n▶ ${label}`);
  const r = spawnSync(cmd, args, { stdio: "inherit", env });
  if (r.status !== 0) {
    console.error(`✗ ${label} failed`);
    process.exit(r.status ?? 1);
  }
}

const buildId = ".next/BUILD_ID";
if (!existsSync(buildId) || statSync(buildId).mtimeMs < newestSource(["app", "components", "lib", "public"])) {
  step("building the app", "npx", ["next", "build"]);
} else console.log("▶ the build is up to date");

step("preparing the database and demo data", "npx", ["tsx", "--conditions=react-server", "cli/seed-demo.ts"]);

console.log(`\n▶ SpineMed Review on http://localhost:${port} (demo mode: the sign-in page lists the demo accounts). Ctrl+C stops it.\n`);
const server = spawn("npx", ["next", "start", "-p", port], { stdio: "inherit", env });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
