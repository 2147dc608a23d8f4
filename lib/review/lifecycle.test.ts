import { describe, expect, it } from "vitest";
import {
  canTransition,
  disagreements,
  holdsSlot,
  isExportable,
  ITEM_STATUSES,
  LIFECYCLE_EVENTS,
  roundEvent,
  roundOutcome,
  scoreAgainstGold,
  transition,
  TransitionError,
  type ItemStatus,
  type LifecycleEvent,
  type RoundReview,
} from "./lifecycle";

// The whole table, written out: every (status, event) pair and where it leads, or "-" when it is refused.
const TABLE: Record<ItemStatus, Record<LifecycleEvent, ItemStatus | "-">> = {
  pending: { review_submitted: "in_review", round_accepted: "approved", round_rejected: "rejected", round_disputed: "disputed", adjudicated: "-", sent_back: "-", reimported: "pending" },
  in_review: { review_submitted: "in_review", round_accepted: "approved", round_rejected: "rejected", round_disputed: "disputed", adjudicated: "-", sent_back: "-", reimported: "pending" },
  disputed: { review_submitted: "-", round_accepted: "-", round_rejected: "-", round_disputed: "-", adjudicated: "adjudicated", sent_back: "pending", reimported: "pending" },
  approved: { review_submitted: "-", round_accepted: "-", round_rejected: "-", round_disputed: "-", adjudicated: "-", sent_back: "pending", reimported: "pending" },
  rejected: { review_submitted: "-", round_accepted: "-", round_rejected: "-", round_disputed: "-", adjudicated: "-", sent_back: "pending", reimported: "pending" },
  adjudicated: { review_submitted: "-", round_accepted: "-", round_rejected: "-", round_disputed: "-", adjudicated: "-", sent_back: "pending", reimported: "pending" },
};

describe("transition table", () => {
  for (const from of ITEM_STATUSES) {
    for (const event of LIFECYCLE_EVENTS) {
      const expected = TABLE[from][event];
      it(`${from} --${event}--> ${expected}`, () => {
        if (expected === "-") {
          expect(canTransition(from, event)).toBe(false);
          expect(() => transition(from, event)).toThrow(TransitionError);
        } else {
          expect(canTransition(from, event)).toBe(true);
          expect(transition(from, event)).toBe(expected);
        }
      });
    }
  }

  it("says why adjudicating an item that is not disputed is refused", () => {
    expect(() => transition("approved", "adjudicated")).toThrow(/Only a disputed item can be adjudicated; this item is approved/);
  });
});

const r = (over: Partial<RoundReview> = {}): RoundReview => ({
  reviewId: Math.random().toString(36),
  decision: "accept",
  editHash: null,
  levels: [{ level: "L4/L5", decision: "accept", correctedLevel: null }],
  rubric: null,
  ...over,
});

describe("agreement rule", () => {
  it("waits for the required number of reviews", () => {
    expect(roundOutcome([r()], 2)).toEqual({ kind: "incomplete", reviews: 1, required: 2 });
    expect(roundEvent(roundOutcome([r()], 2))).toBe("review_submitted");
  });

  it("one review decides an item that needs one", () => {
    expect(roundOutcome([r()], 1)).toEqual({ kind: "accepted", decision: "accept", editHash: null });
    expect(roundOutcome([r({ decision: "reject" })], 1)).toEqual({ kind: "rejected" });
  });

  it("agreeing accepts and agreeing rejects", () => {
    expect(roundOutcome([r(), r()], 2).kind).toBe("accepted");
    expect(roundOutcome([r({ decision: "reject" }), r({ decision: "reject" })], 2).kind).toBe("rejected");
  });

  it("different item decisions disagree", () => {
    const d = disagreements([r(), r({ decision: "reject" })]);
    expect(d).toContainEqual({ kind: "decision", values: ["accept", "reject"] });
  });

  it("different level decisions or correction targets disagree", () => {
    const moved = r({ decision: "edit", editHash: null, levels: [{ level: "L4/L5", decision: "edit", correctedLevel: "L5/S1" }] });
    const movedElsewhere = r({ decision: "edit", editHash: null, levels: [{ level: "L4/L5", decision: "edit", correctedLevel: "L3/L4" }] });
    expect(roundOutcome([moved, movedElsewhere], 2)).toMatchObject({ kind: "disputed", disagreements: [{ kind: "level", level: "L4/L5" }] });
    expect(roundOutcome([moved, { ...moved, reviewId: "b" }], 2).kind).toBe("accepted");
  });

  it("two edits whose texts differ disagree; the same edit agrees", () => {
    const a = r({ decision: "edit", editHash: "h1" });
    expect(roundOutcome([a, r({ decision: "edit", editHash: "h2" })], 2)).toMatchObject({ kind: "disputed", disagreements: [{ kind: "edit" }] });
    expect(roundOutcome([a, r({ decision: "edit", editHash: "h1" })], 2)).toEqual({ kind: "accepted", decision: "edit", editHash: "h1" });
  });

  it("rubric scores beyond the tolerance disagree", () => {
    const a = r({ rubric: { imaging_report: 4, diagnosis: 3 } });
    expect(disagreements([a, r({ rubric: { imaging_report: 5, diagnosis: 3 } })])).toEqual([]);
    expect(disagreements([a, r({ rubric: { imaging_report: 2, diagnosis: 3 } })])).toEqual([{ kind: "rubric", dimension: "imaging_report", values: [4, 2], tolerance: 1 }]);
  });
});

describe("leases and export", () => {
  const now = new Date("2026-12-01T12:00:00Z");
  it("an assigned slot holds until its due date; a pool slot only while its working lease lasts", () => {
    const soon = new Date(now.getTime() + 60_000);
    const past = new Date(now.getTime() - 60_000);
    expect(holdsSlot({ status: "assigned", origin: "assigned", dueAt: soon, workLeaseExpiresAt: past }, now)).toBe(true);
    expect(holdsSlot({ status: "assigned", origin: "assigned", dueAt: past, workLeaseExpiresAt: null }, now)).toBe(false);
    expect(holdsSlot({ status: "assigned", origin: "pool", dueAt: soon, workLeaseExpiresAt: past }, now)).toBe(false);
    expect(holdsSlot({ status: "assigned", origin: "pool", dueAt: soon, workLeaseExpiresAt: soon }, now)).toBe(true);
    expect(holdsSlot({ status: "done", origin: "pool", dueAt: past, workLeaseExpiresAt: past }, now)).toBe(true);
    expect(holdsSlot({ status: "released", origin: "assigned", dueAt: soon, workLeaseExpiresAt: soon }, now)).toBe(false);
  });

  it("exports approved items and adjudicated items that were not rejected", () => {
    expect(isExportable("approved", "accept")).toBe(true);
    expect(isExportable("adjudicated", "edit")).toBe(true);
    expect(isExportable("adjudicated", "reject")).toBe(false);
    expect(isExportable("disputed", null)).toBe(false);
    expect(isExportable("rejected", "reject")).toBe(false);
  });
});

describe("gold scoring", () => {
  const gold = { decision: "accept" as const, levels: { "L4/L5": { decision: "edit" as const, correctedLevel: "L5/S1" }, "L5/S1": { decision: "accept" as const } } };
  it("counts an edit as keeping the item and checks each level's correction", () => {
    const right = { decision: "edit" as const, levels: [{ level: "L4/L5", decision: "edit" as const, correctedLevel: "L5/S1" }, { level: "L5/S1", decision: "accept" as const, correctedLevel: null }] };
    expect(scoreAgainstGold(gold, right)).toEqual({ itemCorrect: true, levelsCorrect: 2, levelsTotal: 2, correct: true });
    const wrongLevel = { ...right, levels: [{ level: "L4/L5", decision: "accept" as const, correctedLevel: null }, right.levels[1]] };
    expect(scoreAgainstGold(gold, wrongLevel)).toEqual({ itemCorrect: true, levelsCorrect: 1, levelsTotal: 2, correct: false });
    expect(scoreAgainstGold(gold, { decision: "reject", levels: right.levels }).correct).toBe(false);
  });
});
