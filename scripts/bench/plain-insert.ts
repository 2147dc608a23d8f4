// The yardstick for the import: the same rows inserted with plain prepared better-sqlite3 statements in one
// transaction, no validation, no hashing, no lookups. Prints the time spent in the inserts alone and in all.
import { newId } from "@/lib/ids";
import { createReadStream } from "node:fs";
import readline from "node:readline";
import Database from "better-sqlite3";
import { applyMigrations } from "@/lib/db/migrate";
import { IMAGE_POOL, instanceUid } from "./generate-items";

async function main() {
  const [file, dbFile] = process.argv.slice(2);
  await applyMigrations({ provider: "sqlite", url: `file:${dbFile}`, file: dbFile });
  const db = new Database(dbFile);
  db.pragma("synchronous = NORMAL");
  const iso = () => new Date().toISOString().replace("Z", "+00:00");
  // The same image pool as the import's run.
  db.exec("BEGIN");
  db.prepare(`INSERT INTO "Case" ("id","externalId","createdAt") VALUES ('pool','bench-image-pool',?)`).run(iso());
  db.prepare(`INSERT INTO "Series" ("id","caseId","seriesUid","modality","createdAt") VALUES ('pool-series','pool','pool','MR',?)`).run(iso());
  const imgStmt = db.prepare(`INSERT INTO "Image" ("id","seriesId","sha256","storageKey","format","sizeBytes","sopInstanceUid","frames","createdAt") VALUES (?,?,?,?,?,?,?,?,?)`);
  const bySop = new Map<string, string>();
  for (let n = 0; n < IMAGE_POOL; n++) {
    const id = newId();
    bySop.set(instanceUid(n), id);
    imgStmt.run(id, "pool-series", String(n), String(n), "dicom", 1, instanceUid(n), 1, iso());
  }
  db.exec("COMMIT");

  const item = db.prepare(`INSERT INTO "Item" ("id","externalId","taskType","language","modality","subfield","status","requiredReviews","caseId","sourceType","sourceReference","licence","currentVersionId","createdAt","updatedAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`);
  const version = db.prepare(`INSERT INTO "ItemVersion" ("id","itemId","number","kind","content","contentHash","generatorModel","generatorVersion","promptId","promptVersion","generationParams","createdAt") VALUES (?,?,?,?,?,?,?,?,?,?,?,?)`);
  const level = db.prepare(`INSERT INTO "ItemLevel" ("id","itemId","level","kind","rank") VALUES (?,?,?,?,?)`);
  const link = db.prepare(`INSERT INTO "ItemImage" ("itemId","imageId","position") VALUES (?,?,?)`);
  const caseStmt = db.prepare(`INSERT OR IGNORE INTO "Case" ("id","externalId","createdAt") VALUES (?,?,?)`);
  const caseIds = new Map<string, string>();

  let insertMs = 0;
  let items = 0;
  const t0 = performance.now();
  db.exec("BEGIN");
  type Line = Record<string, any>;
  let chunk: Line[] = [];
  const flush = () => {
    const now = iso();
    const rows = chunk.map((l) => ({ l, id: newId(), d: newId(), r: newId(), dc: JSON.stringify(l.draft.content), rc: JSON.stringify(l.revision.content) }));
    const s = performance.now();
    for (const { l, id, d, r, dc, rc } of rows) {
      let caseId: string | null = null;
      if (l.provenance.caseId) {
        caseId = caseIds.get(l.provenance.caseId) ?? null;
        if (!caseId) {
          caseId = newId();
          caseIds.set(l.provenance.caseId, caseId);
          caseStmt.run(caseId, l.provenance.caseId, now);
        }
      }
      item.run(id, l.externalId, l.taskType, l.language, l.modality, l.subfield, "pending", 1, caseId, l.provenance.sourceType, l.provenance.reference, l.provenance.licence, r, now, now);
      version.run(d, id, 1, "draft", dc, "-", l.draft.generator.model, l.draft.generator.modelVersion, l.draft.generator.promptId, l.draft.generator.promptVersion, JSON.stringify(l.draft.generator.params), now);
      version.run(r, id, 2, "revision", rc, "-", l.revision.generator.model, l.revision.generator.modelVersion, l.revision.generator.promptId, l.revision.generator.promptVersion, JSON.stringify(l.revision.generator.params), now);
      l.levels.forEach((lv: string, i: number) => level.run(newId(), id, lv, lv.includes("/") ? "disc" : "vertebra", i));
      l.images.forEach((ref: { instanceUid: string }, i: number) => link.run(id, bySop.get(ref.instanceUid), i));
    }
    insertMs += performance.now() - s;
    items += chunk.length;
    chunk = [];
  };
  for await (const text of readline.createInterface({ input: createReadStream(file, "utf8"), crlfDelay: Infinity })) {
    if (!text) continue;
    chunk.push(JSON.parse(text));
    if (chunk.length >= 1000) flush();
  }
  flush();
  const c = performance.now();
  db.exec("COMMIT");
  insertMs += performance.now() - c;
  const totalSeconds = (performance.now() - t0) / 1000;
  db.close();
  console.log(JSON.stringify({ items, insertSeconds: insertMs / 1000, totalSeconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
