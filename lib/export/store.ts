import "server-only";
// Where the web page's snapshots are written: EXPORT_DIR, or <data dir>/exports. One folder (and its .tar) per
// snapshot name.
import path from "node:path";
import { dataDir } from "@/lib/db/config";

export function exportsDir(): string {
  return process.env.EXPORT_DIR ? path.resolve(process.env.EXPORT_DIR) : path.join(dataDir(), "exports");
}

/** A name the form proposes: snapshot-YYYYMMDD-HHMMSS (UTC). */
export function proposedName(now = new Date()): string {
  return `snapshot-${now.toISOString().replace(/[-:]/g, "").replace("T", "-").slice(0, 15)}`;
}
