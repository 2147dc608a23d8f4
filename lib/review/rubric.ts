// The SpineBench rubric for report items: ten dimensions, each scored 1–5, in five sections.
// Plain data and arithmetic (no server imports): the rubric form shows the total live and the server stores it.

export const RUBRIC_DIMENSIONS = [
  "imaging_report",
  "diagnosis",
  "patient_guidance",
  "evidence_based_treatment",
  "technical_feasibility",
  "risk_prognosis",
  "coverage",
  "relevance",
  "granularity",
  "interpretability",
] as const;
export type RubricDimension = (typeof RUBRIC_DIMENSIONS)[number];

export type RubricScores = Record<RubricDimension, number>;

export const RUBRIC_MIN = 1;
export const RUBRIC_MAX = 5;

export interface RubricSection {
  id: "imaging" | "diagnosis" | "treatment" | "risk" | "quality";
  label: string;
  dimensions: readonly { id: RubricDimension; label: string }[];
}

export const RUBRIC_SECTIONS: readonly RubricSection[] = Object.freeze([
  { id: "imaging", label: "Imaging", dimensions: [{ id: "imaging_report", label: "Imaging report" }] },
  { id: "diagnosis", label: "Diagnosis", dimensions: [{ id: "diagnosis", label: "Diagnosis" }] },
  {
    id: "treatment",
    label: "Treatment",
    dimensions: [
      { id: "patient_guidance", label: "Patient guidance" },
      { id: "evidence_based_treatment", label: "Evidence-based treatment" },
      { id: "technical_feasibility", label: "Technical feasibility" },
    ],
  },
  { id: "risk", label: "Risk and prognosis", dimensions: [{ id: "risk_prognosis", label: "Risk and prognosis" }] },
  {
    id: "quality",
    label: "Report quality",
    dimensions: [
      { id: "coverage", label: "Coverage" },
      { id: "relevance", label: "Relevance" },
      { id: "granularity", label: "Granularity" },
      { id: "interpretability", label: "Interpretability" },
    ],
  },
] satisfies RubricSection[]);

export const RUBRIC_LABELS: Readonly<Record<RubricDimension, string>> = Object.freeze(
  Object.fromEntries(RUBRIC_SECTIONS.flatMap((s) => s.dimensions.map((d) => [d.id, d.label]))) as Record<RubricDimension, string>,
);

export function isRubricScore(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= RUBRIC_MIN && (value as number) <= RUBRIC_MAX;
}

/** The dimensions without a valid 1–5 score, in rubric order. */
export function missingDimensions(scores: Partial<Record<string, unknown>>): RubricDimension[] {
  return RUBRIC_DIMENSIONS.filter((d) => !isRubricScore(scores[d]));
}

/**
 * The SpineBench total, 0–100.
 *
 * Each section's mean score (1–5) is normalised to 0–1 as (mean − 1) / 4, so a section scored all 1 adds nothing
 * and one scored all 5 adds its full share; the five sections weigh the same whatever their number of
 * dimensions (the one imaging dimension counts as much as the four quality ones together). The sum of the five
 * normalised means (0–5) times 20 is the total (0–100). Normalising first is what makes "all 1" mean 0 rather
 * than 20 × 5 = 100 on a raw 1–5 mean.
 *
 * Throws RangeError when a dimension is missing or not an integer 1–5: a partial rubric has no total.
 */
export function rubricTotal(scores: RubricScores): number {
  const missing = missingDimensions(scores);
  if (missing.length > 0) throw new RangeError(`rubric incomplete: score ${missing.join(", ")} from 1 to 5`);
  let sum = 0;
  for (const section of RUBRIC_SECTIONS) {
    const mean = section.dimensions.reduce((acc, d) => acc + scores[d.id], 0) / section.dimensions.length;
    sum += (mean - RUBRIC_MIN) / (RUBRIC_MAX - RUBRIC_MIN);
  }
  // Rounded to 4 decimals so the stored Float and a recomputation agree exactly (thirds do not terminate).
  return Math.round(20 * sum * 10_000) / 10_000;
}
