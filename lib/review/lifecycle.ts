// The item lifecycle, in one place: the statuses, every transition between them, the agreement rule that decides
// a review round, and the lease policy (the assignment's due date and the working lease). Import, assignments,
// review, adjudication, the dashboard and the export ask this module; none of them restates a status list.
// Pure: no database, so the whole table is unit-tested.

export const ITEM_STATUSES = ["pending", "in_review", "disputed", "approved", "rejected", "adjudicated"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const DECISIONS = ["accept", "edit", "reject"] as const;
export type Decision = (typeof DECISIONS)[number];

/** What happens to an item. Each event is allowed from some statuses and leads to one status. */
export const LIFECYCLE_EVENTS = [
  "review_submitted", // a review of the round is in, more are required
  "round_accepted", // the round's reviews agree: accept (or the same edit)
  "round_rejected", // the round's reviews agree: reject
  "round_disputed", // the round's reviews disagree
  "adjudicated", // an adjudicator recorded the final decision of a disputed item
  "sent_back", // an admin or adjudicator returned a decided item to review, with a note
  "reimported", // a re-import brought a changed text: a new round on the new version
] as const;
export type LifecycleEvent = (typeof LIFECYCLE_EVENTS)[number];

const REVIEWABLE = ["pending", "in_review"] as const satisfies readonly ItemStatus[];
const DECIDED = ["approved", "rejected", "disputed", "adjudicated"] as const satisfies readonly ItemStatus[];

/** The transition table: event → (allowed from, leads to). */
export const TRANSITIONS: Record<LifecycleEvent, { from: readonly ItemStatus[]; to: ItemStatus }> = {
  review_submitted: { from: REVIEWABLE, to: "in_review" },
  round_accepted: { from: REVIEWABLE, to: "approved" },
  round_rejected: { from: REVIEWABLE, to: "rejected" },
  round_disputed: { from: REVIEWABLE, to: "disputed" },
  adjudicated: { from: ["disputed"], to: "adjudicated" },
  sent_back: { from: DECIDED, to: "pending" },
  reimported: { from: ITEM_STATUSES, to: "pending" },
};

export class TransitionError extends Error {
  constructor(
    readonly from: ItemStatus,
    readonly event: LifecycleEvent,
  ) {
    super(transitionRefusal(from, event));
  }
}

function transitionRefusal(from: ItemStatus, event: LifecycleEvent): string {
  switch (event) {
    case "adjudicated":
      return `Only a disputed item can be adjudicated; this item is ${statusLabel(from)}.`;
    case "sent_back":
      return `Only a decided item can be sent back to review; this item is ${statusLabel(from)}.`;
    default:
      return `This item is ${statusLabel(from)}: it takes no more reviews in this round.`;
  }
}

/** Whether the event may happen to an item in this status. */
export function canTransition(from: ItemStatus, event: LifecycleEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/** The status after the event; throws TransitionError (with a sentence for the user) when it is not allowed. */
export function transition(from: ItemStatus, event: LifecycleEvent): ItemStatus {
  if (!canTransition(from, event)) throw new TransitionError(from, event);
  return TRANSITIONS[event].to;
}

/** Statuses in which an item takes reviews (and hands out review slots). */
export function isReviewable(status: ItemStatus): boolean {
  return (REVIEWABLE as readonly ItemStatus[]).includes(status);
}
export const REVIEWABLE_STATUSES: readonly ItemStatus[] = REVIEWABLE;

/** Statuses of a decided item: it can be sent back. */
export function isDecided(status: ItemStatus): boolean {
  return (DECIDED as readonly ItemStatus[]).includes(status);
}
export const DECIDED_STATUSES: readonly ItemStatus[] = DECIDED;

/** Final statuses whose outcome is settled (no adjudication pending). */
export const FINAL_STATUSES: readonly ItemStatus[] = ["approved", "rejected", "adjudicated"];

/**
 * What the export takes: approved items, and adjudicated items whose final decision accepts them. An adjudicated
 * rejection is final too, but it is a negative (KTO), not training text.
 */
export function isExportable(status: ItemStatus, finalDecision: Decision | null): boolean {
  if (status === "approved") return true;
  return status === "adjudicated" && finalDecision !== null && finalDecision !== "reject";
}
export const EXPORTABLE_STATUSES: readonly ItemStatus[] = ["approved", "adjudicated"];

/** Until this status, a reviewer never sees another reviewer's decisions, edits or comments (blinding). */
export function othersReviewsVisible(status: ItemStatus): boolean {
  return isDecided(status);
}

export function statusLabel(s: ItemStatus): string {
  return s === "in_review" ? "in review" : s;
}

// ---------------------------------------------------------------------------------------------------------------
// The agreement rule.

export interface LevelVerdict {
  level: string;
  decision: Decision;
  correctedLevel: string | null;
}

/** A round's review, as far as agreement is concerned. */
export interface RoundReview {
  reviewId: string;
  decision: Decision;
  /** Content hash of the reviewer's edited text, when they edited it. */
  editHash: string | null;
  levels: LevelVerdict[];
  rubric: Record<string, number> | null;
}

export type Disagreement =
  | { kind: "decision"; values: Decision[] }
  | { kind: "level"; level: string; values: { decision: Decision; correctedLevel: string | null }[] }
  | { kind: "edit"; hashes: (string | null)[] }
  | { kind: "rubric"; dimension: string; values: number[]; tolerance: number };

/** Rubric scores (1–5) that differ by more than this count as a disagreement. */
export const RUBRIC_TOLERANCE = 1;

export type RoundOutcome =
  | { kind: "incomplete"; reviews: number; required: number }
  | { kind: "accepted"; decision: "accept" | "edit"; editHash: string | null }
  | { kind: "rejected" }
  | { kind: "disputed"; disagreements: Disagreement[] };

/** The disagreements among a round's reviews; empty when they agree. */
export function disagreements(reviews: RoundReview[], tolerance = RUBRIC_TOLERANCE): Disagreement[] {
  if (reviews.length < 2) return [];
  const out: Disagreement[] = [];
  const decisions = reviews.map((r) => r.decision);
  if (new Set(decisions).size > 1) out.push({ kind: "decision", values: decisions });

  const levels = new Set(reviews.flatMap((r) => r.levels.map((l) => l.level)));
  for (const level of [...levels].sort()) {
    const values = reviews.map((r) => {
      const l = r.levels.find((x) => x.level === level);
      // A level a review did not mention counts as accepted where it stands (the workspace always sends every level).
      return { decision: l?.decision ?? ("accept" as Decision), correctedLevel: l?.correctedLevel ?? null };
    });
    const keys = new Set(values.map((v) => `${v.decision}|${v.correctedLevel ?? ""}`));
    if (keys.size > 1) out.push({ kind: "level", level, values });
  }

  // Two edits whose texts differ, or an edit against no edit, are a disagreement: no edit is dropped unseen.
  const hashes = reviews.map((r) => r.editHash);
  if (new Set(hashes).size > 1) out.push({ kind: "edit", hashes });

  const scored = reviews.filter((r) => r.rubric);
  if (scored.length >= 2) {
    const dims = new Set(scored.flatMap((r) => Object.keys(r.rubric!)));
    for (const d of [...dims].sort()) {
      const values = scored.map((r) => r.rubric![d]).filter((v): v is number => typeof v === "number");
      if (values.length >= 2 && Math.max(...values) - Math.min(...values) > tolerance) {
        out.push({ kind: "rubric", dimension: d, values, tolerance });
      }
    }
  }
  return out;
}

/** How a round ends once its reviews are in: incomplete, agreed (accept/edit or reject), or disputed. */
export function roundOutcome(reviews: RoundReview[], required: number, tolerance = RUBRIC_TOLERANCE): RoundOutcome {
  const need = Math.max(1, required);
  if (reviews.length < need) return { kind: "incomplete", reviews: reviews.length, required: need };
  const found = disagreements(reviews, tolerance);
  if (found.length) return { kind: "disputed", disagreements: found };
  const decision = reviews[0].decision;
  if (decision === "reject") return { kind: "rejected" };
  return { kind: "accepted", decision, editHash: reviews[0].editHash };
}

/** The lifecycle event a round outcome is. */
export function roundEvent(outcome: RoundOutcome): LifecycleEvent {
  switch (outcome.kind) {
    case "incomplete":
      return "review_submitted";
    case "accepted":
      return "round_accepted";
    case "rejected":
      return "round_rejected";
    case "disputed":
      return "round_disputed";
  }
}

/** One line per disagreement, for the adjudicator and the audit trail. */
export function describeDisagreement(d: Disagreement): string {
  switch (d.kind) {
    case "decision":
      return `item decisions differ: ${d.values.join(" / ")}`;
    case "level":
      return `${d.level}: ${d.values.map((v) => (v.correctedLevel ? `${v.decision} → ${v.correctedLevel}` : v.decision)).join(" / ")}`;
    case "edit":
      return d.hashes.every((h) => h) ? "the edited texts differ" : "one review edited the text, another did not";
    case "rubric":
      return `rubric ${d.dimension}: ${d.values.join(" / ")} (more than ${d.tolerance} apart)`;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Leases. An assignment is due in days; the working lease is the short lock while the item is open, renewed by the
// workspace's heartbeat. A pool assignment (from Next item) lives only as long as its working lease.

export const WORK_LEASE_MS = 30 * 60 * 1000;
export const HEARTBEAT_INTERVAL_MS = 60 * 1000;
export const DEFAULT_DUE_DAYS = 14;
export const MAX_REQUIRED_REVIEWS = 5;

export function workLeaseUntil(now: Date): Date {
  return new Date(now.getTime() + WORK_LEASE_MS);
}

export function dueAfterDays(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 24 * 3600 * 1000);
}

export interface LeaseState {
  status: "assigned" | "done" | "released";
  origin: "assigned" | "pool";
  dueAt: Date;
  workLeaseExpiresAt: Date | null;
}

/**
 * Whether the assignment still holds its review slot: a live, not finished assignment that is not past due and,
 * for a pool pull, whose working lease has not run out.
 */
export function holdsSlot(a: LeaseState, now: Date): boolean {
  if (a.status !== "assigned") return a.status === "done";
  if (a.origin === "pool") return a.workLeaseExpiresAt !== null && a.workLeaseExpiresAt > now;
  return a.dueAt > now;
}

/** Whether someone has the item open right now (a working lease that has not run out). */
export function isWorking(a: LeaseState, now: Date): boolean {
  return a.status === "assigned" && a.workLeaseExpiresAt !== null && a.workLeaseExpiresAt > now;
}

// ---------------------------------------------------------------------------------------------------------------
// Gold items.

export interface GoldExpectation {
  decision: Decision;
  levels: Record<string, { decision: Decision; correctedLevel?: string | null }>;
}

/**
 * How a review matches a gold item's expected outcome. Edit counts as accept for the item decision (both keep the
 * item); a level is right when its decision and correction target match.
 */
export function scoreAgainstGold(gold: GoldExpectation, review: { decision: Decision; levels: LevelVerdict[] }) {
  const keep = (d: Decision) => (d === "reject" ? "reject" : "accept");
  const itemCorrect = keep(gold.decision) === keep(review.decision);
  let levelsCorrect = 0;
  const levels = Object.entries(gold.levels);
  for (const [level, expected] of levels) {
    const got = review.levels.find((l) => l.level === level);
    const decision = got?.decision ?? "accept";
    if (keep(decision) === keep(expected.decision) && (got?.correctedLevel ?? null) === (expected.correctedLevel ?? null)) levelsCorrect++;
  }
  return { itemCorrect, levelsCorrect, levelsTotal: levels.length, correct: itemCorrect && levelsCorrect === levels.length };
}
