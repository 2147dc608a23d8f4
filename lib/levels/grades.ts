// Grading scales for structured per-level findings, as data: the UI builds its pickers from these tables, the
// validators accept only their values, and agreement statistics use `ordinal` and the option order.

import { z } from "zod";
import type { LevelKind } from "./levels";

export interface GradeOption<V extends string | number = string | number> {
  readonly value: V;
  /** Short text for a picker: "Pfirrmann III". */
  readonly label: string;
  /** The defining criteria, for a tooltip. */
  readonly description: string;
}

export interface GradeScale<V extends string | number = string | number> {
  readonly id: string;
  readonly name: string;
  readonly reference: string;
  /** Ordered categories (weighted kappa makes sense) or nominal ones. */
  readonly ordinal: boolean;
  /** The kind of level a grade is recorded at. */
  readonly levelKinds: readonly LevelKind[];
  /** In order, mildest first. */
  readonly options: readonly GradeOption<V>[];
}

function scale<const V extends string | number>(definition: GradeScale<V>): GradeScale<V> {
  return Object.freeze({ ...definition, options: Object.freeze(definition.options.map((o) => Object.freeze(o))) });
}

const pfirrmann = scale({
  id: "pfirrmann",
  name: "Disc degeneration (Pfirrmann)",
  reference: "Pfirrmann CW et al. Spine 2001;26(17):1873–1878",
  ordinal: true,
  levelKinds: ["disc"],
  options: [
    { value: 1, label: "Pfirrmann I", description: "Homogeneous, bright white on T2; clear nucleus/annulus distinction; normal disc height" },
    { value: 2, label: "Pfirrmann II", description: "Inhomogeneous with or without horizontal bands; clear nucleus/annulus distinction; normal height" },
    { value: 3, label: "Pfirrmann III", description: "Inhomogeneous, grey; unclear nucleus/annulus distinction; normal to slightly decreased height" },
    { value: 4, label: "Pfirrmann IV", description: "Inhomogeneous, grey to black; nucleus/annulus distinction lost; normal to moderately decreased height" },
    { value: 5, label: "Pfirrmann V", description: "Inhomogeneous, black; distinction lost; disc space collapsed" },
  ],
});

const modic = scale({
  id: "modic",
  name: "Endplate marrow changes (Modic)",
  reference: "Modic MT et al. Radiology 1988;166(1):193–199",
  ordinal: true,
  levelKinds: ["disc"],
  options: [
    { value: 0, label: "Modic 0", description: "No endplate signal change" },
    { value: 1, label: "Modic 1", description: "Marrow oedema/inflammation: low T1, high T2 signal" },
    { value: 2, label: "Modic 2", description: "Fatty marrow replacement: high T1, iso- to high T2 signal" },
    { value: 3, label: "Modic 3", description: "Subchondral sclerosis: low T1 and low T2 signal" },
  ],
});

const discContour = scale({
  id: "disc_contour",
  name: "Disc contour (lumbar disc nomenclature 2.0)",
  reference: "Fardon DF et al. Spine J 2014;14(11):2525–2545",
  // Morphological categories, not an ordered severity scale.
  ordinal: false,
  levelKinds: ["disc"],
  options: [
    { value: "bulge", label: "Bulge", description: "Disc tissue beyond the ring apophyses over more than 25% of the circumference" },
    { value: "protrusion", label: "Protrusion", description: "Focal displacement (< 25% of circumference); base wider than the displaced material in every plane" },
    { value: "extrusion", label: "Extrusion", description: "Displaced material wider than its base in at least one plane, or migrated cranially/caudally" },
    { value: "sequestration", label: "Sequestration", description: "Extruded fragment with no continuity with the parent disc" },
  ],
});

const centralCanalStenosis = scale({
  id: "central_canal_stenosis",
  name: "Central canal stenosis",
  reference: "RSNA 2024 Lumbar Spine Degenerative Classification grading (normal/mild, moderate, severe)",
  ordinal: true,
  levelKinds: ["disc"],
  options: [
    { value: "normal_mild", label: "Normal / mild", description: "No or mild narrowing; CSF preserved around the cauda equina" },
    { value: "moderate", label: "Moderate", description: "Narrowing with some CSF still visible between the nerve roots" },
    { value: "severe", label: "Severe", description: "Marked narrowing; no CSF separating the nerve roots (crowding)" },
  ],
});

const foraminalStenosis = scale({
  id: "foraminal_stenosis",
  name: "Foraminal stenosis (Lee)",
  reference: "Lee S et al. AJR 2010;194(4):1095–1098",
  ordinal: true,
  levelKinds: ["disc"],
  options: [
    { value: 0, label: "Lee 0", description: "Normal: perineural fat preserved around the exiting root" },
    { value: 1, label: "Lee 1", description: "Mild: perineural fat obliterated in two opposing directions (vertical or transverse)" },
    { value: 2, label: "Lee 2", description: "Moderate: perineural fat obliterated in all four directions, no change in root morphology" },
    { value: 3, label: "Lee 3", description: "Severe: nerve root collapse or morphological change" },
  ],
});

const spondylolisthesis = scale({
  id: "spondylolisthesis",
  name: "Spondylolisthesis (Meyerding)",
  reference: "Meyerding HW. Surg Gynecol Obstet 1932;54:371–377",
  ordinal: true,
  // Graded at the slipping vertebra (L4) or at the segment (L4/L5); both are written.
  levelKinds: ["vertebra", "disc"],
  options: [
    { value: 1, label: "Meyerding I", description: "Slip of up to 25% of the vertebral body width" },
    { value: 2, label: "Meyerding II", description: "Slip of 26–50%" },
    { value: 3, label: "Meyerding III", description: "Slip of 51–75%" },
    { value: 4, label: "Meyerding IV", description: "Slip of 76–100%" },
    { value: 5, label: "Meyerding V", description: "Spondyloptosis: slip beyond 100%" },
  ],
});

const fracture = scale({
  id: "fracture",
  name: "Vertebral fracture (Genant semiquantitative)",
  reference: "Genant HK et al. J Bone Miner Res 1993;8(9):1137–1148",
  ordinal: true,
  levelKinds: ["vertebra"],
  options: [
    { value: 0, label: "Genant 0", description: "Normal: no vertebral height loss" },
    { value: 1, label: "Genant 1", description: "Mild: about 20–25% height loss" },
    { value: 2, label: "Genant 2", description: "Moderate: about 25–40% height loss" },
    { value: 3, label: "Genant 3", description: "Severe: more than 40% height loss" },
  ],
});

export const GRADE_SCALES = Object.freeze({
  pfirrmann,
  modic,
  disc_contour: discContour,
  central_canal_stenosis: centralCanalStenosis,
  foraminal_stenosis: foraminalStenosis,
  spondylolisthesis,
  fracture,
});

export type GradeScaleId = keyof typeof GRADE_SCALES;
export const GRADE_SCALE_IDS = Object.freeze(Object.keys(GRADE_SCALES) as GradeScaleId[]);
export type GradeValue<S extends GradeScaleId> = (typeof GRADE_SCALES)[S]["options"][number]["value"];

export type ParseGradeResult<S extends GradeScaleId> =
  | { ok: true; value: GradeValue<S>; option: GradeOption<GradeValue<S>> }
  | { ok: false; error: string };

const ROMAN_NUMERALS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4, v: 5 };

function scaleOf(id: GradeScaleId): GradeScale {
  const s = (GRADE_SCALES as Record<string, GradeScale | undefined>)[id];
  if (!s) throw new RangeError(`Unknown grading scale "${String(id)}": expected one of ${GRADE_SCALE_IDS.join(", ")}`);
  return s;
}

function describe(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/**
 * Reads a grade leniently: the value itself, a number written as text ("3"), a Roman numeral or prefixed form
 * ("III", "Grade III", "Meyerding II"), or a category in any case with spaces, hyphens or slashes
 * ("Normal/Mild" → normal_mild). Anything else is refused with the allowed values in the message.
 */
export function parseGrade<S extends GradeScaleId>(scaleId: S, input: unknown): ParseGradeResult<S> {
  const s = scaleOf(scaleId);
  const candidate = coerce(s, input);
  const option = s.options.find((o) => o.value === candidate);
  if (option) return { ok: true, value: option.value as GradeValue<S>, option: option as GradeOption<GradeValue<S>> };
  const allowed = s.options.map((o) => (typeof o.value === "string" ? o.value : String(o.value))).join(", ");
  return { ok: false, error: `Invalid ${s.name} grade ${describe(input)}: expected one of ${allowed}` };
}

function coerce(s: GradeScale, input: unknown): unknown {
  if (typeof input !== "string") return input;
  const numeric = typeof s.options[0].value === "number";
  let text = input.normalize("NFKC").trim().toLowerCase();
  if (numeric) {
    // Drop a leading word ("grade", "type", "Meyerding", "Lee") so "Grade III" and "Modic 2" read as numbers.
    text = text.replace(/^[a-z]+\s+(?=\S)/, "");
    if (/^\d+$/.test(text)) return Number(text);
    return ROMAN_NUMERALS[text] ?? input;
  }
  return text.replace(/[\s/\-]+/g, "_");
}

/** Strict check: the exact stored value (3, "normal_mild"), not a lenient spelling. */
export function isGrade<S extends GradeScaleId>(scaleId: S, value: unknown): value is GradeValue<S> {
  return scaleOf(scaleId).options.some((o) => o.value === value);
}

/** The picker label of a stored value ("Pfirrmann III"); throws RangeError for a value not on the scale. */
export function gradeLabel<S extends GradeScaleId>(scaleId: S, value: GradeValue<S>): string {
  const option = scaleOf(scaleId).options.find((o) => o.value === value);
  if (!option) throw new RangeError(`${describe(value)} is not a ${scaleOf(scaleId).name} grade`);
  return option.label;
}

/** Position of a value in the scale's order (0 = mildest), for ordinal statistics; -1 when not on the scale. */
export function gradeIndex<S extends GradeScaleId>(scaleId: S, value: GradeValue<S>): number {
  return scaleOf(scaleId).options.findIndex((o) => o.value === value);
}

// One zod schema per scale, built once, for request and import validation.
const GRADE_SCHEMAS = Object.fromEntries(
  GRADE_SCALE_IDS.map((id) => {
    const values = GRADE_SCALES[id].options.map((o) => o.value) as [string | number, ...(string | number)[]];
    return [id, z.literal(values, { error: `expected a ${GRADE_SCALES[id].name} grade: one of ${values.join(", ")}` })];
  }),
) as unknown as { [S in GradeScaleId]: z.ZodType<GradeValue<S>> };

export function gradeSchema<S extends GradeScaleId>(scaleId: S): z.ZodType<GradeValue<S>> {
  scaleOf(scaleId);
  return GRADE_SCHEMAS[scaleId];
}
