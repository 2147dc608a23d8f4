// Castellvi classification of lumbosacral transitional vertebrae (Castellvi et al., Spine 1984;9:493–495).
// It travels with a level so that "L6" or "sacralised L5" is never a bare word in an item.

import { parseLevel } from "./levels";

/**
 * Type I (dysplastic transverse process ≥ 19 mm) may carry its side (Ia unilateral, Ib bilateral) or not;
 * types II and III must, because the side is what distinguishes them clinically (a unilateral pseudarthrosis is
 * the typical Bertolotti pain generator). Type IV is by definition mixed (II on one side, III on the other).
 */
export const CASTELLVI_TYPES = ["I", "Ia", "Ib", "IIa", "IIb", "IIIa", "IIIb", "IV"] as const;
export type CastellviType = (typeof CASTELLVI_TYPES)[number];

export interface CastellviInfo {
  readonly type: CastellviType;
  /** For pickers: "Castellvi IIa". */
  readonly label: string;
  readonly description: string;
  readonly laterality: "unilateral" | "bilateral" | "mixed" | null;
}

export const CASTELLVI: Readonly<Record<CastellviType, CastellviInfo>> = Object.freeze({
  I: info("I", "Dysplastic transverse process (craniocaudal height ≥ 19 mm), no articulation with the sacrum", null),
  Ia: info("Ia", "Dysplastic transverse process (≥ 19 mm), unilateral", "unilateral"),
  Ib: info("Ib", "Dysplastic transverse process (≥ 19 mm), bilateral", "bilateral"),
  IIa: info("IIa", "Incomplete lumbarisation/sacralisation: enlarged transverse process with a pseudarthrosis to the sacrum, unilateral", "unilateral"),
  IIb: info("IIb", "Incomplete lumbarisation/sacralisation: enlarged transverse processes with pseudarthroses to the sacrum, bilateral", "bilateral"),
  IIIa: info("IIIa", "Complete lumbarisation/sacralisation: osseous fusion of the transverse process with the sacrum, unilateral", "unilateral"),
  IIIb: info("IIIb", "Complete lumbarisation/sacralisation: osseous fusion of the transverse processes with the sacrum, bilateral", "bilateral"),
  IV: info("IV", "Mixed: type IIa on one side and type IIIa on the other", "mixed"),
});

function info(type: CastellviType, description: string, laterality: CastellviInfo["laterality"]): CastellviInfo {
  return Object.freeze({ type, label: `Castellvi ${type}`, description, laterality });
}

export type ParseCastellviResult = { ok: true; type: CastellviType; info: CastellviInfo } | { ok: false; error: string };

const ROMAN: Record<string, string> = { "1": "I", "2": "II", "3": "III", "4": "IV", i: "I", ii: "II", iii: "III", iv: "IV" };
// Optional "Castellvi"/"type" words, a Roman or Arabic numeral, an optional side letter; spaces, dots and hyphens
// between the parts are what people type ("type II-a", "castellvi 3b", "IIIb").
const CASTELLVI_PATTERN = /^(?:castellvi\s*)?(?:type\s*)?(iv|iii|ii|i|[1-4])[\s.\-]*([ab])?$/;

/** Reads a Castellvi type in the usual spellings ("IIa", "2a", "Type II-A", "castellvi IIIb"). */
export function parseCastellvi(input: string): ParseCastellviResult {
  if (typeof input !== "string") return { ok: false, error: `Castellvi type must be a string, got ${typeof input}` };
  const trimmed = input.normalize("NFKC").trim();
  if (trimmed === "") return { ok: false, error: "Castellvi type is empty" };
  const m = CASTELLVI_PATTERN.exec(trimmed.toLowerCase());
  const shown = JSON.stringify(trimmed.length > 40 ? `${trimmed.slice(0, 40)}…` : trimmed);
  if (!m) {
    return { ok: false, error: `Unknown Castellvi type ${shown}: expected one of ${CASTELLVI_TYPES.join(", ")}` };
  }
  const numeral = ROMAN[m[1]];
  const side = m[2] ?? "";
  if ((numeral === "II" || numeral === "III") && side === "") {
    return {
      ok: false,
      error: `Castellvi type ${shown} needs a side: ${numeral}a (unilateral) or ${numeral}b (bilateral)`,
    };
  }
  if (numeral === "IV" && side !== "") {
    return { ok: false, error: `Castellvi type ${shown} does not exist: type IV (mixed) has no a/b subtype` };
  }
  const type = `${numeral}${side}` as CastellviType;
  return { ok: true, type, info: CASTELLVI[type] };
}

/** The canonical Castellvi type; throws RangeError with parseCastellvi's message when invalid. */
export function normaliseCastellvi(input: string): CastellviType {
  const result = parseCastellvi(input);
  if (!result.ok) throw new RangeError(result.error);
  return result.type;
}

export function isCastellviType(value: unknown): value is CastellviType {
  return typeof value === "string" && (CASTELLVI_TYPES as readonly string[]).includes(value);
}

/** Levels a transitional vertebra can be: the last lumbar-type vertebra (L5 or L6), a lumbarised S1, their discs. */
export const CASTELLVI_LEVELS: readonly string[] = Object.freeze(["L5", "L5/L6", "L6", "L5/S1", "L6/S1", "S1"]);

/** Null when a Castellvi grade may be attached to this level, otherwise the reason it may not. */
export function castellviLevelError(level: string): string | null {
  const parsed = parseLevel(level);
  if (!parsed.ok) return parsed.error;
  if (CASTELLVI_LEVELS.includes(parsed.level.canonical)) return null;
  return (
    `Castellvi classification describes a lumbosacral transitional vertebra: ` +
    `use it on ${CASTELLVI_LEVELS.join(", ")}, not on ${parsed.level.canonical}`
  );
}
