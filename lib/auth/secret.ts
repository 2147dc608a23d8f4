import "server-only";
// The key that signs session tokens. NEXTAUTH_SECRET wins; otherwise a random key is made once and kept in the
// data folder (fine for one instance; several instances must share NEXTAUTH_SECRET).
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/config";

let cached: string | undefined;

export function authSecret(): string {
  if (process.env.NEXTAUTH_SECRET) return process.env.NEXTAUTH_SECRET;
  if (cached) return cached;
  const file = path.join(dataDir(), "auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
    } catch (e) {
      if ((e as { code?: string }).code !== "EEXIST") throw e; // another process made it first
    }
  }
  cached = readFileSync(file, "utf8").trim();
  return cached;
}
