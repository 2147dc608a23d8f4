// The adjudication screen's choices, as plain data: for each level, which review's outcome is taken (or the
// adjudicator's own); for the text, which review's text it starts from. Pure (browser and tests); the body it builds
// is checked again by adjudicateSchema and the service.
import type { AdjudicateInput } from "./schemas";

export type Decision = "accept" | "edit" | "reject";
export const OWN = "own";

export interface LevelOutcome {
  decision: Decision;
  correctedLevel: string | null;
  reason: string | null;
  severity: string | null;
  comment: string | null;
}

/** A level's final outcome and where it came from: a review's id, or OWN. */
export type LevelChoice = LevelOutcome & { from: string };

export interface ChoiceReview {
  id: string;
  levels: ({ level: string } & LevelOutcome)[];
}

/** What a review decided on a level; a level it did not mention stands accepted (as the agreement rule reads it). */
export function outcomeOf(review: ChoiceReview, level: string): LevelOutcome {
  const l = review.levels.find((x) => x.level === level);
  return l
    ? { decision: l.decision, correctedLevel: l.correctedLevel, reason: l.reason, severity: l.severity, comment: l.comment }
    : { decision: "accept", correctedLevel: null, reason: null, severity: null, comment: null };
}

const sameOutcome = (a: LevelOutcome, b: LevelOutcome) => a.decision === b.decision && (a.correctedLevel ?? null) === (b.correctedLevel ?? null);

/** Levels the reviews agree on start with that outcome (taken from the first review); the others wait for a choice. */
export function initialChoices(levels: string[], reviews: ChoiceReview[]): Record<string, LevelChoice | null> {
  return Object.fromEntries(
    levels.map((level) => {
      if (reviews.length === 0) return [level, null];
      const first = outcomeOf(reviews[0], level);
      const agreed = reviews.every((r) => sameOutcome(outcomeOf(r, level), first));
      return [level, agreed ? { ...first, from: reviews[0].id } : null];
    }),
  );
}

/** True when the reviews differ on the level (the screen marks the row). */
export function levelDisputed(level: string, reviews: ChoiceReview[]): boolean {
  if (reviews.length < 2) return false;
  const first = outcomeOf(reviews[0], level);
  return reviews.some((r) => !sameOutcome(outcomeOf(r, level), first));
}

/** A final decision of accept is only possible without a text change or a level correction: those make it an edit. */
export function acceptAllowed(choices: Record<string, LevelChoice | null>, textChanged: boolean): boolean {
  return !textChanged && !Object.values(choices).some((c) => c?.correctedLevel);
}

export interface FinalChoice {
  baseVersionId: string;
  decision: Decision;
  reason: string;
  severity?: string | null;
  comment?: string | null;
  levels: string[];
  choices: Record<string, LevelChoice | null>;
  /** The final text, when it differs from the version under review. */
  content?: unknown;
  textFrom?: string | null;
}

/** The request body; throws with a sentence for the adjudicator when a level has no outcome yet. */
export function buildAdjudication(f: FinalChoice): AdjudicateInput {
  const open = f.levels.filter((l) => !f.choices[l]);
  if (open.length) throw new Error(`Choose an outcome for ${open.join(", ")}: take a review's, or write your own.`);
  return {
    baseVersionId: f.baseVersionId,
    decision: f.decision,
    reason: f.reason,
    severity: (f.severity || undefined) as AdjudicateInput["severity"],
    comment: f.comment || undefined,
    levels: f.levels.map((level) => {
      const c = f.choices[level]!;
      return {
        level,
        decision: c.decision,
        correctedLevel: c.correctedLevel ?? undefined,
        reason: (c.reason ?? undefined) as never,
        severity: (c.severity ?? undefined) as never,
        comment: c.comment ?? undefined,
      };
    }),
    content: f.decision === "reject" ? undefined : f.content,
    textFrom: f.textFrom ?? undefined,
    sources: Object.fromEntries(f.levels.map((l) => [l, f.choices[l]!.from])),
  };
}
