import "server-only";
// Part of a review campaign played out by the demo users, through the same domain functions the pages call
// (submitReview, which decides the round, and adjudicate), so every status, version, audit event and derived
// table is what real work leaves behind. Afterwards some items are approved as they stood, some approved with edits,
// some rejected (one as clinically dangerous), one was reviewed by both reviewers in agreement, and one
// disagreement was adjudicated with a level correction: the first export already has data in every format.
// Items the end-to-end tests and the quick start use (each reviewer's first items, the adjudication and gold
// examples) are left untouched, and most items stay pending. Idempotent: a step already done is skipped.
import { adjudicate } from "@/lib/adjudication/adjudicate";
import type { AdjudicateInput } from "@/lib/adjudication/schemas";
import { db } from "@/lib/db/client";
import { submitReview, type Actor } from "@/lib/review";
import { RUBRIC_DIMENSIONS, type RubricScores } from "@/lib/review/rubric";
import type { SubmitReviewInput } from "@/lib/review/schemas";
import { DEMO_ACCOUNTS } from "./accounts";

type Who = "reviewer1" | "reviewer2";
type Content = Record<string, unknown>;

interface ReviewStep {
  item: string;
  by: Who;
  decision: "accept" | "edit" | "reject";
  reason?: SubmitReviewInput["reason"];
  severity?: SubmitReviewInput["severity"];
  comment?: string;
  /** Changes the current text (an edit); gets a copy of the content under review. */
  edit?: (c: Content) => void;
  /** Per-level decisions other than accept. */
  levels?: Record<string, Omit<SubmitReviewInput["levels"][number], "level">>;
  /** Report rubric, 1–5 for every dimension (the same score unless listed). */
  rubric?: { all: number } & Partial<RubricScores>;
}

const append = (field: string, text: string) => (c: Content) => {
  c[field] = `${String(c[field])} ${text}`;
};

const appendTurn = (index: number, text: string) => (c: Content) => {
  const turns = c.turns as { role: string; text: string }[];
  turns[index].text = `${turns[index].text}${text}`;
};

const appendSection = (section: string, text: string) => (c: Content) => {
  const sections = c.sections as Record<string, unknown>;
  sections[section] = `${String(sections[section])}${text}`;
};

/** The demo campaign, in the order it is played. */
export const CAMPAIGN_REVIEWS: ReviewStep[] = [
  { item: "demo-mcq-003", by: "reviewer1", decision: "accept" },
  { item: "demo-mcq-005", by: "reviewer1", decision: "accept" },
  {
    item: "demo-mcq-006",
    by: "reviewer1",
    decision: "edit",
    reason: "poor_language",
    severity: "minor",
    comment: "The explanation now names the level in the answer's own words.",
    edit: append("explanation", "Always confirm the level by counting from C2 on the sagittal localiser."),
  },
  { item: "demo-mcq-007", by: "reviewer1", decision: "accept" },
  { item: "demo-mcq-012", by: "reviewer1", decision: "accept" },
  {
    item: "demo-mcq-009",
    by: "reviewer1",
    decision: "reject",
    reason: "wrong_measurement_or_grade",
    severity: "major",
    comment: "The grade boundaries in the options overlap, so two answers can be defended.",
    levels: { L1: { decision: "reject", reason: "wrong_measurement_or_grade", severity: "major" } },
  },
  {
    item: "demo-oqa-001",
    by: "reviewer1",
    decision: "edit",
    reason: "poor_language",
    severity: "minor",
    edit: append("answer", "Review the patient again if symptoms have not improved after six weeks."),
  },
  { item: "demo-oqa-003", by: "reviewer1", decision: "accept" },
  {
    item: "demo-oqa-006",
    by: "reviewer1",
    decision: "reject",
    reason: "duplicate",
    severity: "minor",
    comment: "Nearly the same question as another spondylodiscitis item of this batch.",
  },
  { item: "demo-con-001", by: "reviewer1", decision: "accept" },
  {
    item: "demo-con-003",
    by: "reviewer1",
    decision: "edit",
    reason: "poor_language",
    severity: "minor",
    edit: appendTurn(1, "如症状加重，请及时复诊。"),
  },
  { item: "demo-rep-002", by: "reviewer1", decision: "accept", rubric: { all: 4, diagnosis: 5 } },
  {
    item: "demo-rep-005",
    by: "reviewer1",
    decision: "edit",
    reason: "poor_language",
    severity: "minor",
    edit: appendSection("riskPrognosis", "如出现下肢无力或大小便障碍，需立即就诊。"),
    rubric: { all: 4, patient_guidance: 3 },
  },
  {
    item: "demo-rep-006",
    by: "reviewer1",
    decision: "reject",
    reason: "unsafe_or_outdated_recommendation",
    severity: "clinically_dangerous",
    comment: "Mobilising before the neurological examination and CT of an unstable burst fracture could harm the patient.",
    rubric: { all: 2, evidence_based_treatment: 1, technical_feasibility: 1 },
  },
  // Two reviews that agree: approved by the agreement rule.
  { item: "demo-rep-004", by: "reviewer1", decision: "accept", rubric: { all: 4 } },
  { item: "demo-rep-004", by: "reviewer2", decision: "accept", rubric: { all: 4, coverage: 5 } },
  // Two reviews that disagree on a level: disputed, then adjudicated (below).
  { item: "demo-mcq-004", by: "reviewer1", decision: "accept" },
  {
    item: "demo-mcq-004",
    by: "reviewer2",
    decision: "edit",
    reason: "wrong_level",
    severity: "minor",
    comment: "The explanation turns on the L5/S1 segment, not on the S1 vertebra.",
    levels: { S1: { decision: "edit", correctedLevel: "L5/S1", comment: "the segment the explanation is about" } },
  },
];

/** The adjudicated disagreement: the second reviewer's level correction is taken, the text stands. */
export const CAMPAIGN_ADJUDICATION = {
  item: "demo-mcq-004",
  reason: "Ravi is right: the lordosis explanation is about including the L5/S1 segment, so the claim belongs there.",
  levels: { L1: { decision: "accept" as const }, S1: { decision: "edit" as const, correctedLevel: "L5/S1" } },
};

export interface CampaignReport {
  reviews: number;
  adjudications: number;
}

async function actors(): Promise<Record<Who | "adjudicator", Actor>> {
  const find = async (role: "reviewer" | "adjudicator", n: number): Promise<Actor> => {
    const email = DEMO_ACCOUNTS.filter((a) => a.role === role)[n].email;
    const u = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
    return { id: u.id, role: u.role };
  };
  return { reviewer1: await find("reviewer", 0), reviewer2: await find("reviewer", 1), adjudicator: await find("adjudicator", 0) };
}

async function itemOf(externalId: string) {
  return db().item.findUniqueOrThrow({
    where: { externalId },
    select: { id: true, status: true, currentVersionId: true, levels: { select: { level: true }, orderBy: { rank: "asc" } } },
  });
}

function rubricOf(r: ReviewStep["rubric"]): RubricScores | undefined {
  if (!r) return undefined;
  const { all, ...some } = r;
  return Object.fromEntries(RUBRIC_DIMENSIONS.map((d) => [d, some[d] ?? all])) as RubricScores;
}

async function playReview(step: ReviewStep, actor: Actor): Promise<boolean> {
  const item = await itemOf(step.item);
  const done = await db().review.count({ where: { itemId: item.id, reviewerId: actor.id, isAdjudication: false } });
  if (done > 0) return false;
  const version = await db().itemVersion.findUniqueOrThrow({ where: { id: item.currentVersionId! }, select: { content: true } });
  let editedContent: Content | undefined;
  if (step.edit) {
    editedContent = structuredClone(version.content) as Content;
    step.edit(editedContent);
  }
  await submitReview(
    item.id,
    {
      baseVersionId: item.currentVersionId!,
      decision: step.decision,
      reason: step.reason,
      severity: step.severity,
      comment: step.comment,
      levels: item.levels.map((l) => ({ level: l.level, decision: "accept" as const, ...step.levels?.[l.level] })),
      editedContent,
      rubric: rubricOf(step.rubric),
      timeSpentMs: 95_000,
    },
    actor,
  );
  return true;
}

async function playAdjudication(adjudicator: Actor): Promise<boolean> {
  const a = CAMPAIGN_ADJUDICATION;
  const item = await itemOf(a.item);
  if (item.status !== "disputed") return false;
  const reviews = await db().review.findMany({ where: { itemId: item.id, isAdjudication: false }, select: { id: true, reviewerId: true } });
  const corrector = (await actors()).reviewer2.id;
  const source = reviews.find((r) => r.reviewerId === corrector)?.id ?? "own";
  const input: AdjudicateInput = {
    baseVersionId: item.currentVersionId!,
    decision: "edit",
    reason: a.reason,
    levels: item.levels.map((l) => ({ level: l.level, ...a.levels[l.level as keyof typeof a.levels] })),
    sources: Object.fromEntries(item.levels.map((l) => [l.level, l.level === "S1" ? source : "own"])),
  };
  await adjudicate(item.id, input, adjudicator);
  return true;
}

export async function playDemoCampaign(): Promise<CampaignReport> {
  const who = await actors();
  let reviews = 0;
  for (const step of CAMPAIGN_REVIEWS) if (await playReview(step, who[step.by])) reviews++;
  const adjudications = (await playAdjudication(who.adjudicator)) ? 1 : 0;
  return { reviews, adjudications };
}
