// A small campaign for the export tests, played out through the ordinary import, review and adjudication:
// approved items (accepted and edited, text and on a PNG X-ray with landmarks), a rejected item, a disputed item
// adjudicated with a level correction (L4/L5 → L5/S1), an item still pending, and text items spread over cases.
import path from "node:path";
import { expect } from "vitest";
import { adjudicate } from "@/lib/adjudication/adjudicate";
import { runImport } from "@/lib/import/run";
import { submitReview, type Actor } from "@/lib/review";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { db } from "@/lib/db/client";
import { demoFolder, jsonl, line, tempDir } from "./import-fixtures";
import { unique } from "./setup";

export const EDITED_ANSWER = "The far-lateral extrusion compresses the exiting L5 root at L5/S1: anterior thigh pain is not expected.";

async function user(role: Actor["role"]): Promise<Actor> {
  const u = await db().user.create({ data: { email: `${unique(role)}@example.org`, name: `Dr ${role}`, role, passwordHash: "x" } });
  return { id: u.id, role };
}

async function assign(itemId: string, userId: string, kind: "review" | "adjudication" = "review") {
  await db().assignment.create({ data: { itemId, userId, kind, dueAt: new Date(Date.now() + 86_400_000) } });
}

async function loaded(externalId: string) {
  return db().item.findUniqueOrThrow({ where: { externalId }, include: { versions: { orderBy: { number: "asc" } }, levels: { orderBy: { rank: "asc" } } } });
}

type Loaded = Awaited<ReturnType<typeof loaded>>;

const base = (it: Loaded, extra: Partial<SubmitReviewInput> = {}): SubmitReviewInput => ({
  baseVersionId: it.currentVersionId!,
  decision: "accept",
  levels: it.levels.map((l) => ({ level: l.level, decision: "accept" })),
  timeSpentMs: 20_000,
  ...extra,
});

export interface Campaign {
  prefix: string;
  reviewers: Actor[];
  adjudicator: Actor;
  ids: { mcq: string; report: string; adjudicated: string; edited: string; rejected: string; pending: string; cases: string[] };
  imagesRoot: string;
  batchId: string;
}

export async function playCampaign(): Promise<Campaign> {
  const images = demoFolder();
  const png = images.xray[1];
  const prefix = unique("exp");
  const onPng = (l: Record<string, any>) => {
    l.images = [{ path: png }];
    l.modality = "XR";
    l.provenance.caseId = images.xrayCaseId;
  };
  const ids = {
    mcq: `${prefix}-mcq`,
    report: `${prefix}-report`,
    adjudicated: `${prefix}-adj`,
    edited: `${prefix}-edited`,
    rejected: `${prefix}-rejected`,
    pending: `${prefix}-pending`,
    cases: Array.from({ length: 12 }, (_, i) => `${prefix}-case-${i}`),
  };
  const lines = [
    line("mcq", ids.mcq, (l) => {
      onPng(l);
      l.requiredReviews = 1;
      l.levels = ["L4/L5"];
    }),
    line("report", ids.report, (l) => {
      onPng(l);
      l.requiredReviews = 1;
    }),
    line("open_qa", ids.adjudicated, (l) => {
      onPng(l);
      l.requiredReviews = 2;
      l.levels = ["L3/L4", "L4/L5"];
    }),
    line("open_qa", ids.edited, (l) => {
      l.requiredReviews = 1;
    }),
    line("consultation", ids.rejected, (l) => {
      l.requiredReviews = 1;
    }),
    line("open_qa", ids.pending, (l) => {
      l.requiredReviews = 1;
    }),
    ...ids.cases.map((id, i) =>
      line("open_qa", id, (l) => {
        l.requiredReviews = 1;
        l.provenance.caseId = `${prefix}-patient-${i % 4}`;
        l.provenance.sourceType = "hospital_case";
        l.provenance.reference = `${prefix} archive case ${i % 4}`;
        l.revision.content.question = `${l.revision.content.question} (${i})`;
      }),
    ),
  ];
  const file = jsonl(tempDir(), "items.jsonl", lines);
  const report = await runImport({ itemsFile: file, imagesDir: images.root, landmarksFile: path.join(images.root, "landmarks.jsonl"), policy: "refuse", dryRun: false, skipInvalid: false, actorId: null });
  expect(report.errors).toEqual([]);

  const [a, b] = [await user("reviewer"), await user("reviewer")];
  const adjudicator = await user("adjudicator");

  const accept = async (externalId: string, extra: (it: Loaded) => Partial<SubmitReviewInput> = () => ({})) => {
    const it = await loaded(externalId);
    await assign(it.id, a.id);
    const r = await submitReview(it.id, base(it, extra(it)), a);
    return r;
  };
  expect((await accept(ids.mcq)).item.status).toBe("approved");
  const rubric = { imaging_report: 4, diagnosis: 5, patient_guidance: 4, evidence_based_treatment: 4, technical_feasibility: 3, risk_prognosis: 4, coverage: 4, relevance: 5, granularity: 3, interpretability: 4 };
  expect((await accept(ids.report, () => ({ rubric }))).item.status).toBe("approved");
  expect(
    (
      await accept(ids.edited, (it) => ({
        decision: "edit",
        reason: "wrong_measurement_or_grade",
        severity: "minor",
        editedContent: { ...(it.versions[it.versions.length - 1].content as object), answer: EDITED_ANSWER },
      }))
    ).item.status,
  ).toBe("approved");
  expect(
    (
      await accept(ids.rejected, (it) => ({
        decision: "reject",
        reason: "unsafe_or_outdated_recommendation",
        severity: "clinically_dangerous",
        levels: it.levels.map((l) => ({ level: l.level, decision: "reject", reason: "unsafe_or_outdated_recommendation", severity: "clinically_dangerous" })),
      }))
    ).item.status,
  ).toBe("rejected");
  for (const id of ids.cases) expect((await accept(id)).item.status).toBe("approved");

  // The disagreement: one reviewer moves L4/L5 to L5/S1, the other accepts; the adjudicator takes the correction.
  const adj = await loaded(ids.adjudicated);
  await assign(adj.id, a.id);
  await assign(adj.id, b.id);
  await submitReview(
    adj.id,
    base(adj, {
      decision: "edit",
      reason: "wrong_level",
      severity: "major",
      levels: [
        { level: "L3/L4", decision: "accept" },
        { level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", reason: "wrong_level", severity: "major" },
      ],
    }),
    a,
  );
  const rb = await submitReview(adj.id, base(adj), b);
  expect(rb.item.status).toBe("disputed");
  await assign(adj.id, adjudicator.id, "adjudication");
  const done = await adjudicate(
    adj.id,
    {
      baseVersionId: adj.currentVersionId!,
      decision: "edit",
      reason: "wrong_level",
      severity: "major",
      levels: [
        { level: "L3/L4", decision: "accept" },
        { level: "L4/L5", decision: "edit", correctedLevel: "L5/S1", reason: "wrong_level", severity: "major" },
      ],
    },
    adjudicator,
  );
  expect(done.item.levels.map((l) => l.level)).toEqual(["L3/L4", "L5/S1"]);
  return { prefix, reviewers: [a, b], adjudicator, ids, imagesRoot: images.root, batchId: report.batchId! };
}
