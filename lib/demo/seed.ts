import "server-only";
// The demo data set: demo accounts, synthetic spine images (real DICOM and PNG files with true landmarks) and
// 40 items over the four task types, imported through the ordinary import, then assigned to the demo reviewers,
// who play out part of a campaign (lib/demo/campaign). Idempotent: running it again changes nothing.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { db } from "@/lib/db/client";
import { dataDir } from "@/lib/db/config";
import { runImport, type ImportReport } from "@/lib/import/run";
import { createUser } from "@/lib/users/service";
import { DEMO_ACCOUNTS } from "./accounts";
import { playDemoCampaign, type CampaignReport } from "./campaign";
import { writeDemoImages } from "./images";
import { demoItems } from "./items";

export interface SeedReport {
  usersCreated: number;
  import: ImportReport;
  assignmentsCreated: number;
  campaign: CampaignReport;
}

export async function seedDemoUsers(): Promise<number> {
  let created = 0;
  for (const a of DEMO_ACCOUNTS) {
    const exists = await db().user.findUnique({ where: { email: a.email }, select: { id: true } });
    if (exists) continue;
    await createUser({ email: a.email, name: a.name, role: a.role, password: a.password }, null);
    created++;
  }
  return created;
}

const LEASE_DAYS = 14;

/** Every demo item to the first reviewer; items that need two reviews also to the second. */
async function assignDemoItems(): Promise<number> {
  const reviewers = await db().user.findMany({ where: { email: { in: DEMO_ACCOUNTS.filter((a) => a.role === "reviewer").map((a) => a.email) } }, orderBy: { email: "asc" } });
  const found = await db().item.findMany({ where: { externalId: { startsWith: "demo-" }, stagedBatchId: null }, select: { id: true, externalId: true, modality: true, requiredReviews: true } });
  // The queue opens on an MR item with several levels, then the other image items, then text-only ones.
  const first = ["demo-oqa-002", "demo-mcq-002"];
  const rank = (i: (typeof found)[number]) => (first.includes(i.externalId) ? first.indexOf(i.externalId) : i.modality ? 10 : 20);
  const items = found.sort((a, b) => rank(a) - rank(b) || a.externalId.localeCompare(b.externalId));
  const dueAt = new Date(Date.now() + LEASE_DAYS * 24 * 3600 * 1000);
  let created = 0;
  for (const [r, reviewer] of reviewers.entries()) {
    const mine = r === 0 ? items : items.filter((i) => i.requiredReviews > 1);
    for (const [position, item] of mine.entries()) {
      const exists = await db().assignment.findUnique({ where: { itemId_userId_kind: { itemId: item.id, userId: reviewer.id, kind: "review" } } });
      if (exists) continue;
      // Each assignment holds one of the item's review slots (the same conditional claim as everywhere).
      const ok = await db().$transaction(async (tx) => {
        const slot = await tx.item.updateMany({ where: { id: item.id, openSlots: { gt: 0 } }, data: { openSlots: { decrement: 1 } } });
        if (slot.count !== 1) return false;
        await tx.assignment.create({ data: { itemId: item.id, userId: reviewer.id, position, dueAt } });
        return true;
      });
      if (ok) created++;
    }
  }
  return created;
}

export async function seedDemo(log: (line: string) => void = console.log): Promise<SeedReport> {
  const usersCreated = await seedDemoUsers();
  log(`demo accounts: ${usersCreated} created, ${DEMO_ACCOUNTS.length - usersCreated} already there`);

  const root = path.join(dataDir(), "demo-source");
  const images = writeDemoImages(path.join(root, "images"));
  const itemsFile = path.join(root, "items.jsonl");
  mkdirSync(root, { recursive: true });
  const items = demoItems({ mr: images.mr, xray: images.xray, mrCaseId: images.mrCaseId, xrayCaseId: images.xrayCaseId });
  writeFileSync(itemsFile, items.map((i) => JSON.stringify(i)).join("\n") + "\n");
  const admin = await db().user.findUnique({ where: { email: DEMO_ACCOUNTS.find((a) => a.role === "admin")!.email } });
  const report = await runImport({ itemsFile, imagesDir: images.root, policy: "refuse", dryRun: false, skipInvalid: false, actorId: admin?.id ?? null });
  if (report.status === "refused") {
    throw new Error(`the demo data did not import: ${report.errors.slice(0, 3).map((e) => `line ${e.line} ${e.path}: ${e.message}`).join("; ")}`);
  }
  log(`demo items: ${report.counts.created} created, ${report.counts.unchanged} already there; images: ${report.counts.images.newRows} new, ${report.counts.landmarks} landmarks`);
  const assignmentsCreated = await assignDemoItems();
  log(`demo assignments: ${assignmentsCreated} created`);
  const campaign = await playDemoCampaign();
  log(`demo campaign: ${campaign.reviews} reviews and ${campaign.adjudications} adjudication played (already played ones are skipped)`);
  return { usersCreated, import: report, assignmentsCreated, campaign };
}
