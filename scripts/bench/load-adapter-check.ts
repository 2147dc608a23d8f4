// Shows how SQLite with the better-sqlite3 driver adapter handles a write made outside a transaction while another
// request's interactive transaction is open. The adapter has ONE connection: its mutex orders transactions
// among themselves, but a plain query runs at once on that connection, inside the open transaction, and is undone
// when that transaction rolls back. The app does such writes (Next item renewing the lease of a queued
// assignment, the heartbeat, rate-limit buckets), so under load they can vanish after answering 200.
// Usage: tsx --conditions=react-server scripts/bench/load-adapter-check.ts <a migrated SQLite file with items>
// Works on a copy of the file; prints what happened and one JSON line.
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/lib/db/generated/sqlite/client";

async function main() {
  const source = process.argv[2];
  if (!source) throw new Error("give a migrated SQLite database file");
  const dir = mkdtempSync(path.join(os.tmpdir(), "spinemed-adapter-"));
  const file = path.join(dir, "copy.db");
  copyFileSync(source, file);
  const c = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${file}`, timeout: 15_000 }) });
  try {
    const item = await c.item.findFirstOrThrow({ select: { id: true, subfield: true } });
    // Request A: a transaction that takes the item's row, waits (as handlers do between queries), then is refused.
    const a = c
      .$transaction(async (tx) => {
        await tx.item.updateMany({ where: { id: item.id }, data: { updatedAt: new Date() } });
        await new Promise((r) => setTimeout(r, 200));
        throw new Error("refused");
      })
      .catch((e: Error) => e.message);
    await new Promise((r) => setTimeout(r, 50));
    // Request B, meanwhile: a plain write, answered as done.
    const marker = "written-outside-the-transaction";
    await c.item.update({ where: { id: item.id }, data: { subfield: marker } });
    const dirty = (await c.item.findUniqueOrThrow({ where: { id: item.id }, select: { subfield: true } })).subfield === marker;
    await a;
    const after = await c.item.findUniqueOrThrow({ where: { id: item.id }, select: { subfield: true } });
    const lost = after.subfield !== marker;
    console.log(`plain write while another transaction was open: ${lost ? "LOST (rolled back with the other request's transaction)" : "kept"}`);
    console.log(`it was visible before the rollback: ${dirty}`);
    console.log(JSON.stringify({ lostOutsideWrite: lost }));
  } finally {
    await c.$disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
