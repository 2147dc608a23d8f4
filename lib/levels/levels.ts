// The controlled vocabulary of vertebral levels. Every place that stores, compares or shows a level goes through
// here, so "L4-5" typed by a reviewer, "l4_l5" from an LLM and "L4/L5" in the database are the same level.

export type LevelKind = "vertebra" | "disc";
export type Region = "C" | "T" | "L" | "S" | "Co";
/** Extra vertebrae of transitional anatomy: a thirteenth thoracic or a sixth lumbar vertebra. */
export type TransitionalVertebra = "T13" | "L6";

export interface LevelInfo {
  /** The one spelling stored and shown: "L4/L5", "C7", "S1", "Co". */
  readonly canonical: string;
  readonly kind: LevelKind;
  /** Cranio-caudal sort key (an integer); a disc sorts between its two vertebrae. */
  readonly rank: number;
  /** A disc belongs to the region of its upper vertebra (C7/T1 → C, L5/S1 → L). */
  readonly region: Region;
  /** True for T13, L6 and the discs next to them. */
  readonly transitional: boolean;
  /** The vertebra itself, or a disc's upper and lower vertebra (to highlight both on an image). */
  readonly vertebrae: readonly string[];
}

export type ParseLevelResult = { ok: true; level: LevelInfo } | { ok: false; error: string };

export class LevelError extends Error {
  constructor(
    message: string,
    readonly input: unknown,
  ) {
    super(message);
    this.name = "LevelError";
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The vocabulary, built once.

interface VertebraDef {
  name: string;
  region: Region;
  transitional: boolean;
}

function range(region: Region, from: number, to: number): VertebraDef[] {
  const out: VertebraDef[] = [];
  for (let n = from; n <= to; n++) out.push({ name: `${region}${n}`, region, transitional: false });
  return out;
}

// Full cranio-caudal sequence including the transitional vertebrae; ranks step by 10 so discs fit in between.
const VERTEBRA_SEQUENCE: readonly VertebraDef[] = [
  ...range("C", 1, 7),
  ...range("T", 1, 12),
  { name: "T13", region: "T", transitional: true },
  ...range("L", 1, 5),
  { name: "L6", region: "L", transitional: true },
  { name: "S1", region: "S", transitional: false },
  { name: "Co", region: "Co", transitional: false },
];

const BY_CANONICAL = new Map<string, LevelInfo>();

function addLevel(info: LevelInfo): void {
  BY_CANONICAL.set(info.canonical, Object.freeze(info));
}

VERTEBRA_SEQUENCE.forEach((v, i) => {
  addLevel({
    canonical: v.name,
    kind: "vertebra",
    rank: i * 10,
    region: v.region,
    transitional: v.transitional,
    vertebrae: Object.freeze([v.name]),
  });
});

function addDisc(upper: string, lower: string, rankOffset: number): void {
  const u = BY_CANONICAL.get(upper)!;
  const l = BY_CANONICAL.get(lower)!;
  addLevel({
    canonical: `${upper}/${lower}`,
    kind: "disc",
    rank: u.rank + rankOffset,
    region: u.region,
    transitional: u.transitional || l.transitional,
    vertebrae: Object.freeze([upper, lower]),
  });
}

// Discs next to a transitional vertebra sit at +5. The ordinary T12/L1 and L5/S1 skip over the transitional
// slot, so they get +4: still directly below their upper vertebra, and no two levels share a rank.
for (let i = 0; i + 1 < VERTEBRA_SEQUENCE.length; i++) {
  const upper = VERTEBRA_SEQUENCE[i];
  const lower = VERTEBRA_SEQUENCE[i + 1];
  // The sacrococcygeal joint is not a disc level clinicians grade; the vocabulary stops at L5/S1 (L6/S1).
  if (lower.region === "Co") continue;
  addDisc(upper.name, lower.name, 5);
}
addDisc("T12", "L1", 4);
addDisc("L5", "S1", 4);

/** Every level in cranio-caudal order; transitional ones are included and carry `transitional: true`. */
export const ALL_LEVELS: readonly LevelInfo[] = Object.freeze([...BY_CANONICAL.values()].sort((a, b) => a.rank - b.rank));

/** The levels of ordinary anatomy, in cranio-caudal order (the default list for pickers). */
export const STANDARD_LEVELS: readonly LevelInfo[] = Object.freeze(ALL_LEVELS.filter((l) => !l.transitional));

// ---------------------------------------------------------------------------------------------------------------
// Parsing.

const VERTEBRA_TOKEN = "(?:coccyx|sacrum|co1?|[ctls]\\d{1,2})";
// Hyphen, slash, underscore, the Unicode dashes (U+2010–U+2015) and the minus sign; NFKC already folded
// full-width forms (Ｌ４／Ｌ５) to ASCII.
const SEPARATOR = "\\s*[-/_\\u2010-\\u2015\\u2212]\\s*|\\s+";
// The second vertebra may be written out (L4/L5, L4L5, c7t1) or as a bare number after a separator (L4-5, L4/5);
// "L45" is not read as L4/L5, it is the (invalid) vertebra L45.
const LEVEL_PATTERN = new RegExp(
  `^(${VERTEBRA_TOKEN})(?:(?:${SEPARATOR})?(${VERTEBRA_TOKEN})|(?:${SEPARATOR})(\\d{1,2}))?$`,
);

const REGION_LIMITS: Record<"C" | "T" | "L" | "S", string> = {
  C: "cervical vertebrae are C1–C7",
  T: "thoracic vertebrae are T1–T12 (T13 only as a transitional vertebra)",
  L: "lumbar vertebrae are L1–L5 (L6 only as a transitional vertebra)",
  S: "the sacrum is the single level S1 in this vocabulary",
};

const UNRECOGNISED_HINT =
  "write a vertebra (e.g. L5, C7, S1, Co) or a disc between two adjacent vertebrae (e.g. C5/C6, L4/L5, L5/S1)";

function quote(value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return JSON.stringify(shown);
}

type TokenResult = { ok: true; name: string } | { ok: false; reason: string };

function resolveToken(token: string): TokenResult {
  if (token === "sacrum") return { ok: true, name: "S1" };
  if (token === "coccyx" || token === "co" || token === "co1") return { ok: true, name: "Co" };
  const region = token[0].toUpperCase() as "C" | "T" | "L" | "S";
  const number = Number(token.slice(1));
  const name = `${region}${number}`;
  if (BY_CANONICAL.has(name)) return { ok: true, name };
  // C8 is the classic slip: there are eight cervical nerve roots but seven cervical vertebrae.
  const aside = name === "C8" ? " (C8 is a nerve root)" : "";
  return { ok: false, reason: `${name} is not a vertebra${aside}; ${REGION_LIMITS[region]}` };
}

const cache = new Map<string, ParseLevelResult>();
const CACHE_LIMIT = 10_000;

/** Reads one level in any accepted spelling; the error message names the value and says what is wrong. */
export function parseLevel(input: string): ParseLevelResult {
  if (typeof input !== "string") return { ok: false, error: `Level must be a string, got ${typeof input}` };
  const cached = cache.get(input);
  if (cached) return cached;
  const result = parseUncached(input);
  // Imports repeat the same few hundred spellings hundreds of thousands of times; the cap keeps adversarial
  // input from growing the map without bound.
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(input, result);
  return result;
}

function fail(error: string): ParseLevelResult {
  return Object.freeze({ ok: false as const, error });
}

function parseUncached(input: string): ParseLevelResult {
  const trimmed = input.normalize("NFKC").trim();
  if (trimmed === "") return fail("Level is empty");
  const m = LEVEL_PATTERN.exec(trimmed.toLowerCase());
  if (!m) return fail(`Unrecognised level ${quote(trimmed)}: ${UNRECOGNISED_HINT}`);

  const first = resolveToken(m[1]);
  if (!first.ok) return fail(`Unknown level ${quote(trimmed)}: ${first.reason}`);

  let secondToken = m[2];
  if (secondToken === undefined && m[3] !== undefined) {
    // "L4-5": the bare number takes the region letter of the first vertebra.
    if (first.name === "S1" || first.name === "Co") {
      return fail(`Unrecognised level ${quote(trimmed)}: ${UNRECOGNISED_HINT}`);
    }
    secondToken = first.name[0].toLowerCase() + m[3];
  }
  if (secondToken === undefined) {
    return Object.freeze({ ok: true as const, level: BY_CANONICAL.get(first.name)! });
  }

  const second = resolveToken(secondToken);
  if (!second.ok) return fail(`Unknown level ${quote(trimmed)}: ${second.reason}`);
  return resolveDisc(trimmed, first.name, second.name);
}

function resolveDisc(shown: string, upper: string, lower: string): ParseLevelResult {
  if (upper === lower) return fail(`Invalid level ${quote(shown)}: a disc level joins two different vertebrae`);
  const disc = BY_CANONICAL.get(`${upper}/${lower}`);
  if (disc) return Object.freeze({ ok: true as const, level: disc });

  const upperRank = BY_CANONICAL.get(upper)!.rank;
  const lowerRank = BY_CANONICAL.get(lower)!.rank;
  if (upperRank > lowerRank) {
    const swapped = BY_CANONICAL.get(`${lower}/${upper}`);
    return fail(
      `Invalid level ${quote(shown)}: the vertebrae are in reverse order (write the upper vertebra first)` +
        (swapped ? `; did you mean ${swapped.canonical}?` : `, and ${lower} and ${upper} are not adjacent`),
    );
  }
  if (upper === "S1" && lower === "Co") {
    return fail(`Invalid level ${quote(shown)}: the sacrococcygeal junction is not a disc level in this vocabulary`);
  }
  return fail(
    `Invalid level ${quote(shown)}: ${upper} and ${lower} are not adjacent vertebrae; ` +
      `a disc level joins two adjacent vertebrae (e.g. L3/L4, L4/L5)`,
  );
}

/** The canonical spelling of a level; throws LevelError (with the same message parseLevel gives) when invalid. */
export function normaliseLevel(input: string): string {
  const result = parseLevel(input);
  if (!result.ok) throw new LevelError(result.error, input);
  return result.level.canonical;
}

/** True when `value` is already a canonical level ("L4/L5", not "L4-5"). */
export function isCanonicalLevel(value: string): boolean {
  return BY_CANONICAL.has(value);
}

/** The vocabulary entry for a level in any accepted spelling; throws LevelError when invalid. */
export function levelInfo(input: string): LevelInfo {
  const result = parseLevel(input);
  if (!result.ok) throw new LevelError(result.error, input);
  return result.level;
}

function infoOrNull(value: string | LevelInfo): LevelInfo | null {
  if (typeof value !== "string") return value;
  const result = parseLevel(value);
  return result.ok ? result.level : null;
}

/**
 * Cranio-caudal order for Array.prototype.sort. Accepts any spelling; values that are not levels sort after
 * every valid level (among themselves by string), so a bad value never throws inside a sort.
 */
export function compareLevels(a: string | LevelInfo, b: string | LevelInfo): number {
  const la = infoOrNull(a);
  const lb = infoOrNull(b);
  if (la && lb) return la.rank - lb.rank;
  if (la) return -1;
  if (lb) return 1;
  const sa = a as string;
  const sb = b as string;
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/**
 * The levels of one spine, in order: ordinary anatomy plus the given transitional vertebrae, with the discs that
 * anatomy actually has (a spine with L6 has L5/L6 and L6/S1, and no L5/S1).
 */
export function levelsForAnatomy(transitionalVertebrae: readonly TransitionalVertebra[] = []): readonly LevelInfo[] {
  const present = new Set<string>(transitionalVertebrae);
  const vertebrae = VERTEBRA_SEQUENCE.filter((v) => !v.transitional || present.has(v.name)).map((v) => v.name);
  const out: LevelInfo[] = [];
  for (let i = 0; i < vertebrae.length; i++) {
    out.push(BY_CANONICAL.get(vertebrae[i])!);
    const disc = i + 1 < vertebrae.length ? BY_CANONICAL.get(`${vertebrae[i]}/${vertebrae[i + 1]}`) : undefined;
    if (disc) out.push(disc);
  }
  return out;
}

function impliedTransitional(level: LevelInfo): TransitionalVertebra[] {
  return level.vertebrae.filter((v): v is TransitionalVertebra => v === "T13" || v === "L6");
}

export interface LevelsNearOptions {
  /**
   * Transitional vertebrae this spine has. Defaults to the ones the level itself implies (L5/L6 → L6), so the
   * neighbours of L5/L6 are L4/L5 and L6/S1, and the neighbours of L4/L5 are L3/L4 and L5/S1.
   */
  transitionalVertebrae?: readonly TransitionalVertebra[];
}

/**
 * Up to `n` levels of the same kind on each side of `level`, in cranio-caudal order, without the level itself:
 * the candidates when a reviewer moves a claim ("this is L5/S1, not L4/L5").
 */
export function levelsNear(level: string, n: number, options: LevelsNearOptions = {}): string[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`levelsNear: n must be a non-negative integer, got ${n}`);
  const info = levelInfo(level);
  const anatomy = new Set<TransitionalVertebra>([
    ...(options.transitionalVertebrae ?? []),
    ...impliedTransitional(info),
  ]);
  const sameKind = levelsForAnatomy([...anatomy]).filter((l) => l.kind === info.kind);
  // Split by rank rather than by position: the level may not belong to the given anatomy (T12/L1 in a spine
  // with T13) and still has neighbours.
  const above = sameKind.filter((l) => l.rank < info.rank);
  const below = sameKind.filter((l) => l.rank > info.rank);
  return [...above.slice(Math.max(0, above.length - n)), ...below.slice(0, n)].map((l) => l.canonical);
}
