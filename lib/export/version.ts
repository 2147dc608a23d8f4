// The app's name and version as the manifest states them (from package.json).
import { readFileSync } from "node:fs";
import path from "node:path";

export const APP_NAME = "spinemed-review";

let cached: string | undefined;

export function appVersion(): string {
  if (cached) return cached;
  try {
    cached = (JSON.parse(readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), "package.json"), "utf8")) as { version: string }).version;
  } catch {
    cached = "unknown";
  }
  return cached;
}
