// The de-identification gate: find and strip patient-identifying content in DICOM files, following the whole of
// DICOM PS3.15 Annex E Table E.1-1 (the Basic Application Level Confidentiality Profile with the Clean Descriptors,
// Retain Longitudinal Temporal Information Full Dates and Retain Patient Characteristics options; the table, the
// options and how combined actions are read are in deid/profile.ts).
//
// Decisions (the profile leaves some open; these are ours):
// - Every attribute of Table E.1-1 is handled at any depth of sequences: X removed, Z emptied, D given a dummy value
//   of its VR, U (UIDs) replaced through the caller's uidMap (same input UID, same output: files of one study stay
//   grouped and references between them intact), K kept, C (descriptors) kept only when the descriptor check
//   (deid/descriptors.ts) finds nothing identifying in it.
// - A value that is empty, only padding or only person-name delimiters ("^", "="), or one of a few unmistakable
//   placeholders ("ANONYMOUS", "ANONYMIZED", "REMOVED", …, and the dummy values this gate writes) is not PHI.
// - Dates and times are kept unshifted (Retain Longitudinal Full Dates): follow-up questions depend on them.
//   PatientBirthDate is emptied, and LongitudinalTemporalInformationModified = UNMODIFIED says so. A date inside a
//   descriptor that is not one of the file's own dates is treated as a possible date of birth.
// - Descriptors (StudyDescription, SeriesDescription, ProtocolName, ImageComments and every other attribute whose
//   Clean Descriptors action is C) and every other kept free text are checked in the character set the file declares
//   (charset.ts) for the file's own identifying values (parts of any person name in the file, its patient and
//   request IDs, the birth date); descriptors also for dates of birth, phone numbers, e-mail addresses and record
//   numbers. Policy refuse: the file is refused, naming the attribute and why. Policy strip: the offending spans are
//   replaced with asterisks when what is left is plain ASCII and passes the check again; otherwise the value goes.
// - Person names (PN) that Table E.1-1 does not list are removed too, and an age above 89 (HIPAA Safe Harbor).
// - Private (odd-group) elements are removed wholesale, with the file meta information's private block.
// - "Needs review": overlay planes (60xx) can carry burned-in-like text, and Secondary Capture or ultrasound images
//   that do not state BurnedInAnnotation often are screenshots with names in the pixels. Policy refuse refuses
//   both. Policy strip removes overlay groups (and retired 50xx curves) and accepts an SC/US image without
//   BurnedInAnnotation, recording it as needing review (StripResult.needsReview; checkDeidentified keeps listing it).
// - BurnedInAnnotation = YES cannot be fixed by editing the header: such files are always refused.
// - Findings and error messages name attributes and reasons, never values, so nothing here leaks PHI into logs.
import { createHmac } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import dcmjs from "dcmjs";
import type { DataSet, Element } from "dicom-parser";
import { CHARSET_VRS, decodeText, parseCharsets } from "./charset";
import {
  addId,
  addOwnDate,
  addPersonName,
  emptyIdentity,
  parseDa,
  reasonsOf,
  redact,
  textIssues,
  type IdentityValues,
} from "./deid/descriptors";
import {
  isCurveTag,
  isOverlayTag,
  METHOD_CODES,
  PROFILE_DESCRIPTION,
  PROFILE_EDITION,
  PROFILE_TABLE,
  ruleFor,
  type Action,
} from "./deid/profile";
import {
  concat,
  encodeElement,
  encodeSequence,
  encodingOf,
  EXPLICIT_LITTLE_ENDIAN,
  groupOf,
  isPrivateTag,
  rawElementBytes,
  stringValue,
  tagNumber,
  type Encoding,
} from "./encode";
import { formatTag, readDicomDataSet, TAGS, TRANSFER_SYNTAX } from "./parse";
import { IMPLEMENTATION_CLASS_UID, IMPLEMENTATION_VERSION_NAME, isValidUid, uidFromDigest } from "./uid";

export { PROFILE_DESCRIPTION, PROFILE_EDITION } from "./deid/profile";

export interface PhiFinding {
  /** "(0010,0010)"; "(0009,xxxx)" for the private elements of group 0009; "(6000,xxxx)" for an overlay plane. */
  tag: string;
  keyword: string;
  reason: string;
  /**
   * identifying: a Table E.1-1 attribute (or other person name) with a value; descriptor: free text that failed the
   * descriptor check; private: private elements; needs-review: overlays, SC/US without BurnedInAnnotation;
   * burned-in: BurnedInAnnotation = YES.
   */
  kind: "identifying" | "descriptor" | "private" | "needs-review" | "burned-in";
  /** False when stripping cannot help (burned-in annotation): the file must be refused. */
  strippable: boolean;
}

export class PhiRefusedError extends Error {
  constructor(
    message: string,
    readonly findings: PhiFinding[],
  ) {
    super(message);
    this.name = "PhiRefusedError";
  }
}

const { DicomMetaDictionary } = dcmjs.data;

interface DictionaryEntry {
  vr?: string;
  name?: string;
}

const entries = new Map<string, DictionaryEntry | undefined>();
function dictionaryEntry(tag: string): DictionaryEntry | undefined {
  if (entries.has(tag)) return entries.get(tag);
  const key = `(${tag.slice(1, 5)},${tag.slice(5, 9)})`.toUpperCase();
  const entry = (DicomMetaDictionary.dictionary as Record<string, DictionaryEntry>)[key];
  entries.set(tag, entry);
  return entry;
}

function keywordOf(tag: string, fallback?: string): string {
  return dictionaryEntry(tag)?.name ?? (fallback ? fallback.replace(/[^A-Za-z0-9]+/g, "") : formatTag(tag));
}

/**
 * The element's VR: as written (explicit VR), else from the dictionary (implicit VR, or a public attribute written as
 * UN by a converter that did not know it: its text must still be checked), else "UN".
 */
function vrOf(tag: string, el: Element): string {
  if (el.vr && el.vr !== "UN") return el.vr;
  if (el.items) return "SQ";
  const vr = dictionaryEntry(tag)?.vr ?? "UN";
  // Dictionary entries such as "US or SS" or "OB or OW": binary either way, none of them text.
  return vr.length === 2 ? vr : "UN";
}

/** The attributes of Table E.1-1 the gate removes, empties, replaces or cleans (dicom-parser tags; no masks). */
export const PHI_ATTRIBUTES: ReadonlyArray<{ tag: string; keyword: string; action: Action }> = PROFILE_TABLE.attributes
  .filter((a) => /^\([0-9A-F]{4},[0-9A-F]{4}\)$/.test(a.tag))
  .map((a) => {
    const tag = `x${a.tag.slice(1, 5)}${a.tag.slice(6, 10)}`.toLowerCase();
    return { tag, keyword: keywordOf(tag, a.name), action: ruleFor(tag)!.action };
  })
  .filter((a) => a.action !== "K");

const PATIENT_AGE = "x00101010";
const PATIENT_BIRTH_DATE = "x00100030";
const SPECIFIC_CHARACTER_SET = "x00080005";
const SOP_CLASS_UID = "x00080016";
const MODALITY = "x00080060";
const SOURCE_AE_TITLE = "x00020016";
// File meta information may carry a vendor's private block too (PS3.10 7.1).
const PRIVATE_INFORMATION_CREATOR = "x00020100";
const PRIVATE_INFORMATION = "x00020102";
const PATIENT_IDENTITY_REMOVED = "x00120062";
const DEIDENTIFICATION_METHOD_TAG = "x00120063";
const DEIDENTIFICATION_METHOD_CODE_SEQUENCE = "x00120064";
const LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = "x00280303";

/** Attributes whose values are identifiers the descriptor check looks for elsewhere in the file. */
const ID_ATTRIBUTES = new Set([
  "x00100020", // PatientID
  "x00101000", // OtherPatientIDs
  "x00080050", // AccessionNumber
  "x00200010", // StudyID
  "x00101090", // MedicalRecordLocator
  "x00380010", // AdmissionID
  "x00380060", // ServiceEpisodeID
  "x00401001", // RequestedProcedureID
  "x00400009", // ScheduledProcedureStepID
  "x00400253", // PerformedProcedureStepID
  "x00402016", // PlacerOrderNumberImagingServiceRequest
  "x00402017", // FillerOrderNumberImagingServiceRequest
  "x00120040", // ClinicalTrialSubjectID
  "x00101040", // PatientAddress
  "x00102154", // PatientTelephoneNumbers
]);

/** DeidentificationMethod written by stripPhi (an LO value: at most 64 characters). */
export const DEIDENTIFICATION_METHOD = `${PROFILE_EDITION.replace("DICOM ", "")} basic, clean desc, full dates, pat chars`;

// The dummy values stripPhi writes for action D count as placeholders, so a stripped file checks clean.
const DUMMY: Record<string, string> = { DA: "19000101", TM: "000000", DT: "19000101000000", IS: "0", DS: "0", AS: "000Y" };
const DUMMY_TEXT = "ANONYMIZED";
const PLACEHOLDERS = new Set([
  "ANONYMOUS",
  "ANONYMIZED",
  "ANONYMISED",
  "ANON",
  "DEIDENTIFIED",
  "REMOVED",
  "NONE",
  ...Object.values(DUMMY),
]);

function valueBytes(ds: DataSet, el: Element): Uint8Array {
  return ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
}

function valueString(ds: DataSet, el: Element): string {
  return Buffer.from(valueBytes(ds, el)).toString("latin1");
}

/** The decoded text of a string element, trailing padding removed. */
function textValue(ds: DataSet, el: Element, vr: string, charsets: string[]): string {
  const bytes = valueBytes(ds, el);
  const s = CHARSET_VRS.has(vr) ? decodeText(bytes, charsets) : Buffer.from(bytes).toString("latin1");
  return s.replace(/[\0 ]+$/, "");
}

/** True when the element carries something: items in a sequence, or characters beyond padding and delimiters. */
function hasContent(ds: DataSet, el: Element): boolean {
  if (el.items) return el.items.length > 0;
  if (el.length === 0) return false;
  if (el.length === 0xffffffff) return true;
  const s = valueString(ds, el)
    .replace(/[\0\s^=\\]+/g, " ")
    .trim()
    .toUpperCase();
  return s !== "" && !PLACEHOLDERS.has(s);
}

/** PatientAge "NNND|W|M|Y" → years; null when it cannot be read. */
function ageInYears(ds: DataSet, el: Element): number | null {
  const m = /^(\d{3})([DWMY])$/.exec(valueString(ds, el).replace(/[\0 ]+$/, ""));
  if (!m) return null;
  const n = Number(m[1]);
  return { D: n / 365.25, W: n / 52.18, M: n / 12, Y: n }[m[2] as "D" | "W" | "M" | "Y"];
}

function isOver89(ds: DataSet, el: Element): boolean {
  const years = ageInYears(ds, el);
  return years !== null && years >= 90;
}

function topString(ds: DataSet, tag: string): string {
  const el = ds.elements[tag];
  return el && el.length > 0 && el.length !== 0xffffffff ? valueString(ds, el).replace(/[\0 ]/g, "").toUpperCase() : "";
}

function isBurnedIn(ds: DataSet): boolean {
  return topString(ds, TAGS.BurnedInAnnotation) === "YES";
}

/** Secondary Capture (1.2.840.10008.5.1.4.1.1.7[.x]) or ultrasound (…1.1.3.1, …1.1.6.x) that does not say. */
function lacksBurnedInStatement(ds: DataSet): boolean {
  if (topString(ds, TAGS.BurnedInAnnotation) !== "") return false;
  const sopClass = topString(ds, SOP_CLASS_UID);
  const modality = topString(ds, MODALITY);
  return /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(7|6|3\.1)(\.|$)/.test(sopClass) || modality === "US" || modality === "SC";
}

function burnedInFinding(): PhiFinding {
  return {
    tag: formatTag(TAGS.BurnedInAnnotation),
    keyword: "BurnedInAnnotation",
    reason: "pixel data carries burned-in text (BurnedInAnnotation = YES): it cannot be stripped, always refused",
    kind: "burned-in",
    strippable: false,
  };
}

function unstatedBurnedInFinding(): PhiFinding {
  return {
    tag: formatTag(TAGS.BurnedInAnnotation),
    keyword: "BurnedInAnnotation",
    reason:
      "needs review: a Secondary Capture or ultrasound image that does not state BurnedInAnnotation may show identity in its pixels",
    kind: "needs-review",
    strippable: true,
  };
}

function isDataSet(input: Uint8Array | DataSet): input is DataSet {
  return typeof (input as DataSet).elements === "object" && !(input instanceof Uint8Array);
}

function isDelimiter(tag: string): boolean {
  return tag.startsWith("xfffe");
}

function levelCharsets(ds: DataSet, inherited: string[]): string[] {
  const el = ds.elements[SPECIFIC_CHARACTER_SET];
  return el && el.length > 0 ? parseCharsets(valueString(ds, el)) : inherited;
}

/** The file's own identifying values, from every level: what the descriptor check looks for in free text. */
function collectIdentity(ds: DataSet): IdentityValues {
  const values = emptyIdentity();
  const visit = (set: DataSet, inherited: string[]) => {
    const charsets = levelCharsets(set, inherited);
    for (const [tag, el] of Object.entries(set.elements)) {
      if (isDelimiter(tag) || isPrivateTag(tag)) continue;
      if (el.items) {
        for (const item of el.items) if (item.dataSet) visit(item.dataSet, charsets);
        continue;
      }
      if (el.length === 0 || el.length === 0xffffffff) continue;
      const vr = vrOf(tag, el);
      if (vr === "PN") {
        for (const v of textValue(set, el, vr, charsets).split("\\")) addPersonName(values, v, keywordOf(tag));
      } else if (ID_ATTRIBUTES.has(tag)) {
        for (const v of textValue(set, el, vr, charsets).split("\\")) addId(values, v, keywordOf(tag));
      } else if (tag === PATIENT_BIRTH_DATE) {
        const d = parseDa(valueString(set, el));
        if (d) values.birthDates.push(d);
      } else if (vr === "DA" || vr === "DT") {
        for (const v of valueString(set, el).split("\\")) addOwnDate(values, v.trim().slice(0, 8));
      }
    }
  };
  visit(ds, []);
  return values;
}

/** What the gate does with one element (shared by findPhi and stripPhi, so both always agree). */
type Decision =
  | { kind: "keep" }
  | { kind: "recurse" }
  | { kind: "uid" }
  | { kind: "private" }
  | { kind: "overlay" }
  | { kind: "remove" | "empty" | "dummy"; finding: "identifying"; keyword: string; reason?: string }
  | { kind: "clean"; keyword: string; reasons: string[]; issues: ReturnType<typeof textIssues>; text: string; vr: string };

const FREE_TEXT = new Set(["LT", "ST", "UT"]);
const TEXT_VRS = new Set(["SH", "LO", "ST", "LT", "UT", "UC"]);

function decide(set: DataSet, tag: string, el: Element, charsets: string[], identity: IdentityValues): Decision {
  if (isPrivateTag(tag)) return { kind: "private" };
  if (isOverlayTag(tag)) return { kind: "overlay" };
  if (isCurveTag(tag)) {
    return hasContent(set, el) ? { kind: "remove", finding: "identifying", keyword: "CurveData" } : { kind: "keep" };
  }
  const vr = vrOf(tag, el);
  if (tag === PATIENT_AGE && isOver89(set, el)) {
    return { kind: "remove", finding: "identifying", keyword: "PatientAge", reason: "age above 89 years is an identifier (HIPAA Safe Harbor)" };
  }
  const rule = ruleFor(tag);
  const keyword = keywordOf(tag, rule?.name);
  const checkText = (patterns: boolean): Decision => {
    if (!TEXT_VRS.has(vr) || el.length === 0 || el.length === 0xffffffff) return { kind: "keep" };
    const text = textValue(set, el, vr, charsets);
    const issues = textIssues(text, identity, { patterns });
    return issues.length ? { kind: "clean", keyword, reasons: reasonsOf(issues), issues, text, vr } : { kind: "keep" };
  };
  if (!rule) {
    if (el.items) return { kind: "recurse" };
    if (vr === "PN" && hasContent(set, el)) {
      return { kind: "remove", finding: "identifying", keyword, reason: "person name (not listed in Table E.1-1, removed all the same)" };
    }
    return checkText(FREE_TEXT.has(vr));
  }
  const isSequence = !!el.items || vr === "SQ";
  switch (rule.action) {
    case "K":
      return isSequence ? { kind: "recurse" } : checkText(false);
    case "C":
      return isSequence ? { kind: "recurse" } : checkText(true);
    case "U":
      return isSequence ? { kind: "recurse" } : el.length > 0 ? { kind: "uid" } : { kind: "keep" };
    case "X":
      return hasContent(set, el) ? { kind: "remove", finding: "identifying", keyword } : { kind: "keep" };
    case "Z":
      return hasContent(set, el) ? { kind: "empty", finding: "identifying", keyword } : { kind: "keep" };
    case "D":
      if (!hasContent(set, el)) return { kind: "keep" };
      // No conforming dummy item can be made up for a sequence; the sequences concerned are optional in images.
      if (isSequence) return { kind: "remove", finding: "identifying", keyword };
      return vr === "UI" ? { kind: "uid" } : { kind: "dummy", finding: "identifying", keyword };
  }
}

/**
 * Lists what makes a file unfit to enter the data set as it is. Accepts the file bytes or a data set that
 * readDicomDataSet parsed completely (not with stopAtPixelData: elements after the pixel data would be missed).
 * Returns [] for a clean file. Findings name attributes and reasons only, never their values.
 */
export function findPhi(input: Uint8Array | DataSet): PhiFinding[] {
  const ds = isDataSet(input) ? input : readDicomDataSet(input);
  const identity = collectIdentity(ds);
  const found = new Map<string, PhiFinding>();
  const privateGroups = new Map<number, { count: number; nested: boolean }>();
  const overlays = new Map<number, boolean>();

  const visit = (set: DataSet, nested: boolean, inherited: string[]) => {
    const charsets = levelCharsets(set, inherited);
    for (const [tag, el] of Object.entries(set.elements)) {
      if (isDelimiter(tag)) continue;
      if (!nested && groupOf(tag) === 0x0002) {
        if (tag === SOURCE_AE_TITLE && hasContent(set, el)) {
          found.set(tag, {
            tag: formatTag(tag),
            keyword: "SourceApplicationEntityTitle",
            reason: "network name of the sending station, which identifies the institution",
            kind: "identifying",
            strippable: true,
          });
        }
        if (tag === PRIVATE_INFORMATION && el.length > 0) {
          found.set(tag, {
            tag: formatTag(tag),
            keyword: "PrivateInformation",
            reason: "private data in the file meta information may carry identity",
            kind: "private",
            strippable: true,
          });
        }
        continue;
      }
      const d = decide(set, tag, el, charsets, identity);
      const where = nested ? " (inside a sequence item)" : "";
      // A top-level occurrence wins over one inside a sequence item for the wording of the reason.
      const settle = (f: PhiFinding) => {
        if (!found.has(tag) || !nested) found.set(tag, f);
      };
      switch (d.kind) {
        case "private": {
          const g = privateGroups.get(groupOf(tag)) ?? { count: 0, nested: false };
          g.count += 1;
          g.nested ||= nested;
          privateGroups.set(groupOf(tag), g);
          break;
        }
        case "overlay":
          overlays.set(groupOf(tag), (overlays.get(groupOf(tag)) ?? false) || nested);
          break;
        case "remove":
        case "empty":
        case "dummy":
          settle({
            tag: formatTag(tag),
            keyword: d.keyword,
            reason: d.reason ? `${d.reason}${where}` : `patient-identifying attribute present${where}`,
            kind: "identifying",
            strippable: true,
          });
          break;
        case "clean":
          settle({
            tag: formatTag(tag),
            keyword: d.keyword,
            reason: `${d.reasons.join("; ")}${where}`,
            kind: "descriptor",
            strippable: true,
          });
          break;
        case "recurse":
          for (const item of el.items ?? []) if (item.dataSet) visit(item.dataSet, true, charsets);
          break;
        default:
          break;
      }
    }
  };
  visit(ds, false, []);

  const findings: Array<PhiFinding & { order: string }> = [];
  if (isBurnedIn(ds)) findings.push({ ...burnedInFinding(), order: TAGS.BurnedInAnnotation });
  else if (lacksBurnedInStatement(ds)) findings.push({ ...unstatedBurnedInFinding(), order: TAGS.BurnedInAnnotation });
  for (const [tag, f] of found) findings.push({ ...f, order: tag });
  for (const [group, nested] of overlays) {
    const hex = group.toString(16).padStart(4, "0").toUpperCase();
    findings.push({
      tag: `(${hex},xxxx)`,
      keyword: "OverlayPlane",
      reason: `needs review: an overlay plane (group ${hex}${nested ? ", inside a sequence item" : ""}) can carry text such as names; strip removes it`,
      kind: "needs-review",
      strippable: true,
      order: `x${hex.toLowerCase()}0000`,
    });
  }
  for (const [group, g] of privateGroups) {
    const hex = group.toString(16).padStart(4, "0").toUpperCase();
    findings.push({
      tag: `(${hex},xxxx)`,
      keyword: "PrivateElements",
      reason:
        `private elements may carry identity (${g.count} element${g.count === 1 ? "" : "s"} in group ${hex}` +
        `${g.nested ? ", some inside sequence items" : ""})`,
      kind: "private",
      strippable: true,
      order: `x${hex.toLowerCase()}ffff`,
    });
  }
  findings.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));
  return findings.map(({ order: _order, ...f }) => f);
}

/**
 * A UID mapper for stripPhi: the same UID and secret always give the same new UID, so every file of a study maps to
 * the same new StudyInstanceUID, whichever import run sees it. It is keyed (HMAC-SHA-256), so nobody without the
 * secret can confirm a guessed original UID (they often embed dates and scanner serial numbers). The result is a
 * "2.25." UID whose integer is a version 8 UUID built from the HMAC.
 */
export function deterministicUidMapper(secret: string): (uid: string) => string {
  if (secret.length === 0) throw new Error("deterministicUidMapper needs a non-empty secret");
  return (uid: string) => uidFromDigest(createHmac("sha256", secret).update(uid.replace(/[\0 ]+$/, "")).digest());
}

export interface StripOptions {
  /** Maps an original UID to its replacement; must be deterministic for grouping to survive. */
  uidMap: (uid: string) => string;
}

export interface StripResult {
  buffer: Buffer;
  /** Keywords of what was removed, emptied, given a dummy value or cleaned, in tag order. */
  removed: string[];
  /** Keywords of the descriptors whose identifying parts were replaced with asterisks (kept otherwise). */
  cleaned: string[];
  /** Keywords of the UID attributes that were replaced. */
  uidsReplaced: string[];
  privateElementsRemoved: number;
  /** Reasons the image still needs a person to look at it (an SC/US image without BurnedInAnnotation). */
  needsReview: string[];
}

interface StripState {
  removed: Map<string, string>; // dicom-parser tag → keyword, for sorting
  cleaned: Set<string>;
  uidsReplaced: Set<string>;
  privateElementsRemoved: number;
  uidMap: (uid: string) => string;
  identity: IdentityValues;
}

function mapUids(ds: DataSet, el: Element, state: StripState, keyword: string): Uint8Array {
  const values = valueString(ds, el)
    .split("\\")
    .map((v) => v.replace(/[\0 ]+/g, ""));
  const mapped = values.map((v) => {
    if (v === "") return v;
    const out = state.uidMap(v);
    if (!isValidUid(out)) throw new Error(`uidMap returned an invalid UID for ${keyword}`);
    return out;
  });
  state.uidsReplaced.add(keyword);
  return stringValue(mapped.join("\\"), "UI");
}

function dummyValue(vr: string): Uint8Array {
  if (DUMMY[vr]) return stringValue(DUMMY[vr], vr);
  if (TEXT_VRS.has(vr) || vr === "PN" || vr === "CS") return stringValue(DUMMY_TEXT, vr);
  return new Uint8Array(0); // binary VRs: an empty value is the only dummy that cannot mean anything
}

const MAX_LENGTH: Record<string, number> = { SH: 16, LO: 64, ST: 1024, LT: 10240, UC: 0xfffffffe, UT: 0xfffffffe };

/** A descriptor with the file's own identifying values starred out, or null when it must go as a whole. */
function cleanedText(d: Extract<Decision, { kind: "clean" }>, identity: IdentityValues): string | null {
  // Where a birth date, a phone number or a record number shows, a name nobody can recognise may stand beside it:
  // only a descriptor whose every finding is one of the file's own known values is starred out and kept.
  if (d.issues.some((i) => i.kind === "pattern")) return null;
  const out = redact(d.text, d.issues).slice(0, MAX_LENGTH[d.vr] ?? 64);
  // Plain ASCII is the same bytes in every character set DICOM allows as default, ISO 2022 ones included.
  if (!/^[\x20-\x7e\r\n\t]*$/.test(out) || out.replace(/[*\s]/g, "") === "") return null;
  return textIssues(out, identity, { patterns: true }).length === 0 ? out : null;
}

interface Rewritten {
  tag: number;
  parts: Uint8Array[];
}

/**
 * Rewrites one data set level. Elements that need no change are copied as their original bytes; a sequence is
 * re-encoded only when something inside it changed; `changed` tells the caller whether the level differs.
 */
function rewriteLevel(
  ds: DataSet,
  enc: Encoding,
  state: StripState,
  inherited: string[],
  top = false,
): { out: Rewritten[]; changed: boolean } {
  const out: Rewritten[] = [];
  const changedGroups = new Set<number>();
  const groupLengths: Rewritten[] = [];
  const charsets = levelCharsets(ds, inherited);
  let changed = false;

  const markChanged = (tag: string) => {
    changed = true;
    changedGroups.add(groupOf(tag));
  };

  for (const [tag, el] of Object.entries(ds.elements)) {
    // dicom-parser merges the file meta information into the top level; stripPhi rebuilds it separately.
    if (isDelimiter(tag) || (top && groupOf(tag) === 0x0002)) continue;
    const num = tagNumber(tag);
    if ((num & 0xffff) === 0 && num !== 0 && !isPrivateTag(tag) && !isOverlayTag(tag)) {
      // Group lengths are retired; kept only if nothing in their group changes (decided below).
      groupLengths.push({ tag: num, parts: [rawElementBytes(ds, el, enc)] });
      continue;
    }
    const d = decide(ds, tag, el, charsets, state.identity);
    const vr = vrOf(tag, el);
    switch (d.kind) {
      case "private":
        state.privateElementsRemoved += 1;
        state.removed.set("xffffffff", "PrivateElements");
        markChanged(tag);
        continue;
      case "overlay":
        state.removed.set(`x${tag.slice(1, 5)}0000`, "OverlayPlane");
        markChanged(tag);
        continue;
      case "remove":
        state.removed.set(tag, d.keyword);
        markChanged(tag);
        continue;
      case "empty":
        state.removed.set(tag, d.keyword);
        markChanged(tag);
        out.push({ tag: num, parts: el.items ? encodeSequence(num, [], enc) : [encodeElement(num, vr, new Uint8Array(0), enc)] });
        continue;
      case "dummy":
        state.removed.set(tag, d.keyword);
        markChanged(tag);
        out.push({ tag: num, parts: [encodeElement(num, vr, dummyValue(vr), enc)] });
        continue;
      case "clean": {
        markChanged(tag);
        const text = cleanedText(d, state.identity);
        if (text === null) {
          state.removed.set(tag, d.keyword);
        } else {
          state.cleaned.add(d.keyword);
          out.push({ tag: num, parts: [encodeElement(num, vr, stringValue(text, vr), enc)] });
        }
        continue;
      }
      case "uid":
        out.push({ tag: num, parts: [encodeElement(num, vr === "UN" ? "UI" : vr, mapUids(ds, el, state, keywordOf(tag)), enc)] });
        markChanged(tag);
        continue;
      default:
        break;
    }
    if (el.items && el.items.length > 0) {
      const items: Uint8Array[][] = [];
      let inner = false;
      for (const item of el.items) {
        const sub = item.dataSet ? rewriteLevel(item.dataSet, enc, state, charsets) : { out: [], changed: false };
        inner ||= sub.changed;
        items.push(sub.out.flatMap((r) => r.parts));
      }
      if (inner) {
        if (enc.explicitVr && el.vr !== "SQ") {
          // An undefined-length UN element was parsed as implicit VR items; re-encoding them in the file's explicit
          // VR is not possible without a dictionary, so the whole element goes.
          state.removed.set(tag, formatTag(tag));
        } else {
          out.push({ tag: num, parts: encodeSequence(num, items, enc) });
        }
        markChanged(tag);
        continue;
      }
    }
    out.push({ tag: num, parts: [rawElementBytes(ds, el, enc)] });
  }
  for (const gl of groupLengths) {
    if (!changedGroups.has(gl.tag >>> 16)) out.push(gl);
  }
  out.sort((a, b) => a.tag - b.tag);
  return { out, changed };
}

function csOrLo(tag: string, vr: string, value: string, enc: Encoding): Rewritten {
  const num = tagNumber(tag);
  return { tag: num, parts: [encodeElement(num, vr, stringValue(value, vr), enc)] };
}

/** DeidentificationMethodCodeSequence: one CID 7050 code item per profile and option applied. */
function methodCodeSequence(enc: Encoding): Rewritten {
  const num = tagNumber(DEIDENTIFICATION_METHOD_CODE_SEQUENCE);
  const items = METHOD_CODES.map((c) => [
    encodeElement(0x00080100, "SH", stringValue(c.value, "SH"), enc),
    encodeElement(0x00080102, "SH", stringValue("DCM", "SH"), enc),
    encodeElement(0x00080104, "LO", stringValue(c.meaning, "LO"), enc),
  ]);
  return { tag: num, parts: encodeSequence(num, items, enc) };
}

function existingValues(ds: DataSet, tag: string): string[] {
  const el = ds.elements[tag];
  if (!el || el.length === 0) return [];
  return valueString(ds, el)
    .split("\\")
    .map((v) => v.replace(/[\0]+/g, "").trim())
    .filter((v) => v !== "");
}

/**
 * Returns a de-identified copy of a DICOM Part 10 file (see the decisions at the top of this file). Every element
 * it does not touch — pixel data included — is copied byte for byte. Throws PhiRefusedError for burned-in
 * annotation and DicomParseError for malformed input. The original preamble is replaced with zeros (it can hold
 * a TIFF header with its own tags).
 */
export function stripPhi(buf: Uint8Array, opts: StripOptions): StripResult {
  const ds = readDicomDataSet(buf);
  if (isBurnedIn(ds)) {
    throw new PhiRefusedError(
      "refused: pixel data carries burned-in text (BurnedInAnnotation = YES), which stripping cannot remove",
      [burnedInFinding()],
    );
  }
  const transferSyntax = ds.string(TAGS.TransferSyntaxUID) ?? "";
  const enc = encodingOf(transferSyntax);
  const state: StripState = {
    removed: new Map(),
    cleaned: new Set(),
    uidsReplaced: new Set(),
    privateElementsRemoved: 0,
    uidMap: opts.uidMap,
    identity: collectIdentity(ds),
  };

  // File meta information: always explicit little endian, rebuilt with a fresh group length.
  const meta: Rewritten[] = [];
  for (const [tag, el] of Object.entries(ds.elements)) {
    if (groupOf(tag) !== 0x0002) continue;
    const num = tagNumber(tag);
    if (tag === "x00020000") continue;
    if (tag === SOURCE_AE_TITLE || tag === "x00020017" || tag === "x00020018") {
      if (hasContent(ds, el)) state.removed.set(tag, tag === SOURCE_AE_TITLE ? "SourceApplicationEntityTitle" : formatTag(tag));
      continue;
    }
    if (tag === "x00020012" || tag === "x00020013") continue; // this app becomes the writer (added below)
    if (tag === PRIVATE_INFORMATION_CREATOR || tag === PRIVATE_INFORMATION) {
      if (tag === PRIVATE_INFORMATION && el.length > 0) state.removed.set(tag, "PrivateInformation");
      continue;
    }
    if (tag === TAGS.MediaStorageSOPInstanceUID) {
      meta.push({ tag: num, parts: [encodeElement(num, "UI", mapUids(ds, el, state, "SOPInstanceUID"), EXPLICIT_LITTLE_ENDIAN)] });
      continue;
    }
    meta.push({ tag: num, parts: [rawElementBytes(ds, el, EXPLICIT_LITTLE_ENDIAN)] });
  }
  meta.push(
    { tag: 0x00020012, parts: [encodeElement(0x00020012, "UI", stringValue(IMPLEMENTATION_CLASS_UID, "UI"), EXPLICIT_LITTLE_ENDIAN)] },
    { tag: 0x00020013, parts: [encodeElement(0x00020013, "SH", stringValue(IMPLEMENTATION_VERSION_NAME, "SH"), EXPLICIT_LITTLE_ENDIAN)] },
  );
  meta.sort((a, b) => a.tag - b.tag);
  const metaBytes = concat(meta.flatMap((m) => m.parts));
  const groupLength = new Uint8Array(4);
  new DataView(groupLength.buffer).setUint32(0, metaBytes.length, true);

  const level = rewriteLevel(ds, enc, state, [], true);
  const marker = new Set([
    PATIENT_IDENTITY_REMOVED,
    DEIDENTIFICATION_METHOD_TAG,
    DEIDENTIFICATION_METHOD_CODE_SEQUENCE,
    LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED,
  ]);
  const top = level.out.filter((r) => !marker.has(`x${r.tag.toString(16).padStart(8, "0")}`));
  const methods = existingValues(ds, DEIDENTIFICATION_METHOD_TAG).filter((m) => m !== DEIDENTIFICATION_METHOD);
  top.push(
    csOrLo(PATIENT_IDENTITY_REMOVED, "CS", "YES", enc),
    csOrLo(DEIDENTIFICATION_METHOD_TAG, "LO", [...methods, DEIDENTIFICATION_METHOD].join("\\"), enc),
    methodCodeSequence(enc),
    csOrLo(LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED, "CS", "UNMODIFIED", enc),
  );
  top.sort((a, b) => a.tag - b.tag);

  let body: Uint8Array = concat(top.flatMap((r) => r.parts));
  if (transferSyntax === TRANSFER_SYNTAX.DeflatedExplicitVRLittleEndian) body = deflateRawSync(body);

  const buffer = concat([
    new Uint8Array(128),
    Buffer.from("DICM", "latin1"),
    encodeElement(0x00020000, "UL", groupLength, EXPLICIT_LITTLE_ENDIAN),
    metaBytes,
    body,
  ]);
  const removed = [...state.removed.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, k]) => k);
  return {
    buffer,
    removed: [...new Set(removed)],
    cleaned: [...state.cleaned].sort(),
    uidsReplaced: [...state.uidsReplaced].sort(),
    privateElementsRemoved: state.privateElementsRemoved,
    needsReview: lacksBurnedInStatement(ds) ? [unstatedBurnedInFinding().reason] : [],
  };
}

/** The de-identification record of an accepted file (stored with each image). */
export interface Deidentification {
  policy: "strip";
  profile: string;
  options: readonly string[];
  removed: string[];
  cleaned: string[];
  needsReview: string[];
}

export type PhiGateResult =
  | { accepted: true; buffer: Buffer; findings: PhiFinding[]; removed: string[]; deidentification: Deidentification | null }
  | { accepted: false; findings: PhiFinding[]; reason: string; profile: string };

/** "ImageComments (0020,4000): contains the patient's birth date" — what a refusal report lists for a finding. */
export function describeFinding(f: PhiFinding): string {
  return f.kind === "descriptor" || f.kind === "needs-review" ? `${f.keyword} ${f.tag}: ${f.reason}` : `${f.keyword} ${f.tag}`;
}

/**
 * The import gate in one call. mode "refuse": any finding refuses the file. mode "strip": the file is
 * de-identified unless something cannot be stripped (burned-in annotation). A clean file passes unchanged.
 */
export function applyPhiGate(buf: Buffer, mode: "refuse" | "strip", opts: StripOptions): PhiGateResult {
  const findings = findPhi(buf);
  if (findings.length === 0) return { accepted: true, buffer: buf, findings, removed: [], deidentification: null };
  const blocking = findings.filter((f) => !f.strippable || mode === "refuse");
  if (blocking.length > 0) {
    return {
      accepted: false,
      findings,
      reason: `refused under ${PROFILE_EDITION} Table E.1-1: ${blocking.map(describeFinding).join(", ")}`,
      profile: PROFILE_DESCRIPTION.profile,
    };
  }
  const result = stripPhi(buf, opts);
  return {
    accepted: true,
    buffer: result.buffer,
    findings,
    removed: result.removed,
    deidentification: {
      policy: "strip",
      profile: PROFILE_DESCRIPTION.profile,
      options: PROFILE_DESCRIPTION.options,
      removed: result.removed,
      cleaned: result.cleaned,
      needsReview: result.needsReview,
    },
  };
}

export interface DeidentifiedCheck {
  /** True when nothing identifying remains and the file says it was de-identified. */
  clean: boolean;
  profile: string;
  /** What remains: the same findings the gate reports, plus a missing PatientIdentityRemoved = YES. */
  findings: PhiFinding[];
}

/**
 * Re-runs the gate's check on a file that should already be de-identified (an export runs it on everything it
 * writes). A needs-review finding (SC/US without BurnedInAnnotation) stays listed: it is for a person to settle.
 */
export function checkDeidentified(buf: Uint8Array): DeidentifiedCheck {
  const ds = readDicomDataSet(buf);
  const findings = findPhi(ds);
  if (topString(ds, PATIENT_IDENTITY_REMOVED) !== "YES") {
    findings.push({
      tag: formatTag(PATIENT_IDENTITY_REMOVED),
      keyword: "PatientIdentityRemoved",
      reason: "the file does not state PatientIdentityRemoved = YES",
      kind: "identifying",
      strippable: true,
    });
  }
  return { clean: findings.length === 0, profile: PROFILE_DESCRIPTION.profile, findings };
}
