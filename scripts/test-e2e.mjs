// `npm run test:e2e`: builds the app and runs the Playwright suite in Debian's Chromium.
import { spawnSync } from "node:child_process";
import { checkPrerequisites } from "./prerequisites.mjs";

const problems = await checkPrerequisites({ postgres: false, dicom: false });
if (problems.length) {
  for (const p of problems) console.error(`✗ ${p}`);
  process.exit(1);
}
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!process.argv.includes("--no-build")) {
  const b = spawnSync("npx", ["next", "build"], { stdio: "inherit", env });
  if (b.status !== 0) process.exit(b.status ?? 1);
}
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
const r = spawnSync("npx", ["playwright", "test", ...args], { stdio: "inherit", env });
process.exit(r.status ?? 1);
