// The clinical taxonomy a reviewer picks from when they reject or edit an item or the claim at one level.
// Plain data (no server imports): the key-driven picker in the browser and the server-side schemas share it.
// Keys are stored in Review.reason / LevelDecision.reason and exported; never rename a key, only its label.

export const REASON_KEYS = [
  "wrong_level",
  "wrong_laterality",
  "hallucinated_finding",
  "wrong_measurement_or_grade",
  "not_answerable_from_image",
  "unsafe_or_outdated_recommendation",
  "poor_language",
  "duplicate",
] as const;
export type ReasonKey = (typeof REASON_KEYS)[number];

export interface ReasonInfo {
  id: ReasonKey;
  /** The one-letter shortcut in the picker (lower case; unique; none of 1–3, which pick the severity). */
  key: string;
  label: string;
  description: string;
}

export const REASONS: readonly ReasonInfo[] = Object.freeze([
  { id: "wrong_level", key: "l", label: "Wrong level", description: "The finding is at another vertebra or disc than stated." },
  { id: "wrong_laterality", key: "s", label: "Wrong laterality", description: "Left and right (or anterior/posterior) are confused." },
  { id: "hallucinated_finding", key: "h", label: "Hallucinated finding", description: "States something the image or source does not show." },
  { id: "wrong_measurement_or_grade", key: "m", label: "Wrong measurement or grade", description: "A size, angle or grade (Pfirrmann, Modic, Meyerding …) is wrong." },
  { id: "not_answerable_from_image", key: "n", label: "Not answerable from the image", description: "The question cannot be answered from the images given." },
  { id: "unsafe_or_outdated_recommendation", key: "u", label: "Unsafe or outdated recommendation", description: "Advice that could harm a patient or is no longer current practice." },
  { id: "poor_language", key: "p", label: "Poor language", description: "Unclear, ungrammatical or badly translated text." },
  { id: "duplicate", key: "d", label: "Duplicate", description: "The same item (or nearly) is already in the data set." },
] satisfies ReasonInfo[]);

export const SEVERITY_KEYS = ["minor", "major", "clinically_dangerous"] as const;
export type SeverityKey = (typeof SEVERITY_KEYS)[number];

export interface SeverityInfo {
  id: SeverityKey;
  label: string;
}

/** In increasing order: the picker maps keys 1–3 to this order. */
export const SEVERITIES: readonly SeverityInfo[] = Object.freeze([
  { id: "minor", label: "Minor" },
  { id: "major", label: "Major" },
  { id: "clinically_dangerous", label: "Clinically dangerous" },
] satisfies SeverityInfo[]);

const REASON_BY_ID = new Map<string, ReasonInfo>(REASONS.map((r) => [r.id, r]));
const REASON_BY_SHORTCUT = new Map<string, ReasonInfo>(REASONS.map((r) => [r.key, r]));
const SEVERITY_BY_ID = new Map<string, SeverityInfo>(SEVERITIES.map((s) => [s.id, s]));

export function isReasonKey(value: unknown): value is ReasonKey {
  return typeof value === "string" && REASON_BY_ID.has(value);
}

export function isSeverityKey(value: unknown): value is SeverityKey {
  return typeof value === "string" && SEVERITY_BY_ID.has(value);
}

/** The reason a pressed key selects (case-insensitive), if any. */
export function reasonForShortcut(key: string): ReasonInfo | undefined {
  return REASON_BY_SHORTCUT.get(key.toLowerCase());
}

/** The label to show for a stored reason; an unknown key (from an older taxonomy) is shown as stored. */
export function reasonLabel(id: string | null | undefined): string {
  if (!id) return "";
  return REASON_BY_ID.get(id)?.label ?? id;
}

export function severityLabel(id: string | null | undefined): string {
  if (!id) return "";
  return SEVERITY_BY_ID.get(id)?.label ?? id;
}
