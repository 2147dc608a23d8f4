import "server-only";
// What a killed export leaves behind is cleaned up by the next one: a snapshot row still "building" whose builder
// process is gone becomes failed (never complete), and its temporary folder — and, had it got that far, its
// renamed folder and archive — are removed; so are temporary folders of dead builders in the destination folder.
import { existsSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";

const BUILDING = /^\..+\.building-(\d+)-[0-9a-f]+(\.tar)?$/;

/** Whether a process of this machine is alive (EPERM: it is, but not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as { code?: string }).code === "EPERM";
  }
}

export async function cleanUpLeftovers(dir: string): Promise<{ failed: number; removed: string[] }> {
  const removed: string[] = [];
  let failed = 0;
  const rows = await db().exportSnapshot.findMany({ where: { status: "building" }, select: { id: true, manifest: true, location: true } });
  for (const r of rows) {
    const b = (r.manifest as { building?: { pid?: number; tmp?: string; out?: string } } | null)?.building;
    if (!b?.pid || processAlive(b.pid)) continue;
    const marked = await db().exportSnapshot.updateMany({ where: { id: r.id, status: "building" }, data: { status: "failed", error: "The export stopped before it was complete (its process is gone); nothing of it was kept." } });
    if (marked.count === 0) continue;
    failed++;
    for (const p of [b.tmp, b.tmp && `${b.tmp}.tar`, b.out, b.out && `${b.out}.tar`]) {
      // Paths from the database, at run time: the build must not trace the project for them.
      if (p && existsSync(/*turbopackIgnore: true*/ p)) {
        rmSync(/*turbopackIgnore: true*/ p, { recursive: true, force: true });
        removed.push(p);
      }
    }
  }
  if (existsSync(/*turbopackIgnore: true*/ dir)) {
    for (const name of readdirSync(/*turbopackIgnore: true*/ dir)) {
      const m = BUILDING.exec(name);
      if (!m || processAlive(Number(m[1]))) continue;
      rmSync(/*turbopackIgnore: true*/ path.join(dir, name), { recursive: true, force: true });
      removed.push(path.join(dir, name));
    }
  }
  return { failed, removed };
}
