// The de-identification gate: find and strip patient-identifying content in DICOM files, following the DICOM
// PS3.15 Annex E basic application level confidentiality profile for the attributes that matter in practice.
//
// Decisions (the profile leaves options open; these are ours):
// - Identity, institution, staff and device-identifying attributes are flagged when they hold a value. A value
//   that is empty, only padding or only person-name delimiters ("^", "="), or one of a few unmistakable
//   placeholders ("ANONYMOUS", "ANONYMIZED", "ANON", "DEIDENTIFIED", "REMOVED", "NONE") is not PHI.
//   stripPhi blanks or removes those placeholders as well; it never hurts to.
// - Type 2 attributes (PatientName, PatientID, PatientBirthDate, ReferringPhysicianName, AccessionNumber,
//   StudyID) are kept with an empty value so the file stays valid; the others are removed.
// - Dates and times are kept unshifted (study, series, acquisition, content): they matter for follow-up
//   questions and are not identifying on their own once the patient's identity is gone. PatientBirthDate/-Time
//   are removed, and LongitudinalTemporalInformationModified = UNMODIFIED says so.
// - Patient characteristics are kept (PatientSex, PatientAge, PatientSize, PatientWeight): spine findings depend
//   on them. An age above 89 years is an identifier under HIPAA Safe Harbor, so such a PatientAge is flagged and
//   removed.
// - Descriptions (StudyDescription, SeriesDescription, ProtocolName, ImageComments) are kept: the viewer needs
//   them to tell T1 from T2 and sagittal from axial. Free-text patient fields (PatientComments,
//   AdditionalPatientHistory) are removed.
// - Private (odd-group) elements are removed wholesale: vendors store names and IDs there.
// - Study/Series/SOP Instance, Frame of Reference and referenced instance UIDs are replaced through the caller's
//   uidMap, so all files of one study stay grouped and references between them stay intact.
// - BurnedInAnnotation = YES cannot be fixed by editing the header: such files are always refused.
// - Findings and error messages name attributes, never their values, so nothing here can leak PHI into logs.
import { createHmac } from "node:crypto";
import { deflateRawSync } from "node:zlib";
import type { DataSet, Element } from "dicom-parser";
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

export interface PhiFinding {
  /** "(0010,0010)"; "(0009,xxxx)" for the private elements of group 0009. */
  tag: string;
  keyword: string;
  reason: string;
  kind: "identifying" | "private" | "burned-in";
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

/** "empty": type 2, kept with a zero-length value; "remove": type 3 (or retired), removed. */
type StripAction = "empty" | "remove";

interface PhiAttribute {
  tag: string;
  keyword: string;
  vr: string;
  action: StripAction;
}

function attr(tag: string, keyword: string, vr: string, action: StripAction = "remove"): PhiAttribute {
  return { tag, keyword, vr, action };
}

/** The attributes the gate flags and strips (anywhere, including inside sequences). */
export const PHI_ATTRIBUTES: readonly PhiAttribute[] = [
  attr("x00080050", "AccessionNumber", "SH", "empty"),
  attr("x00080080", "InstitutionName", "LO"),
  attr("x00080081", "InstitutionAddress", "ST"),
  attr("x00080082", "InstitutionCodeSequence", "SQ"),
  attr("x00080090", "ReferringPhysicianName", "PN", "empty"),
  attr("x00080092", "ReferringPhysicianAddress", "ST"),
  attr("x00080094", "ReferringPhysicianTelephoneNumbers", "SH"),
  attr("x00080096", "ReferringPhysicianIdentificationSequence", "SQ"),
  attr("x00081010", "StationName", "SH"),
  attr("x00081040", "InstitutionalDepartmentName", "LO"),
  attr("x00081048", "PhysiciansOfRecord", "PN"),
  attr("x00081049", "PhysiciansOfRecordIdentificationSequence", "SQ"),
  attr("x00081050", "PerformingPhysicianName", "PN"),
  attr("x00081052", "PerformingPhysicianIdentificationSequence", "SQ"),
  attr("x00081060", "NameOfPhysiciansReadingStudy", "PN"),
  attr("x00081062", "PhysiciansReadingStudyIdentificationSequence", "SQ"),
  attr("x00081070", "OperatorsName", "PN"),
  attr("x00081072", "OperatorIdentificationSequence", "SQ"),
  attr("x00081120", "ReferencedPatientSequence", "SQ"),
  attr("x00100010", "PatientName", "PN", "empty"),
  attr("x00100020", "PatientID", "LO", "empty"),
  attr("x00100021", "IssuerOfPatientID", "LO"),
  attr("x00100030", "PatientBirthDate", "DA", "empty"),
  attr("x00100032", "PatientBirthTime", "TM"),
  attr("x00100050", "PatientInsurancePlanCodeSequence", "SQ"),
  attr("x00101000", "OtherPatientIDs", "LO"),
  attr("x00101001", "OtherPatientNames", "PN"),
  attr("x00101002", "OtherPatientIDsSequence", "SQ"),
  attr("x00101005", "PatientBirthName", "PN"),
  attr("x00101040", "PatientAddress", "LO"),
  attr("x00101060", "PatientMotherBirthName", "PN"),
  attr("x00101080", "MilitaryRank", "LO"),
  attr("x00101081", "BranchOfService", "LO"),
  attr("x00101090", "MedicalRecordLocator", "LO"),
  attr("x00102150", "CountryOfResidence", "LO"),
  attr("x00102152", "RegionOfResidence", "LO"),
  attr("x00102154", "PatientTelephoneNumbers", "SH"),
  // Ethnic group is a quasi-identifier in small cohorts and plays no part in level review: removed as PS3.15 does.
  attr("x00102160", "EthnicGroup", "SH"),
  attr("x001021b0", "AdditionalPatientHistory", "LT"),
  attr("x00104000", "PatientComments", "LT"),
  attr("x00181000", "DeviceSerialNumber", "LO"),
  // StudyID is usually a RIS or modality number that links back to the hospital's records.
  attr("x00200010", "StudyID", "SH", "empty"),
  attr("x00321032", "RequestingPhysician", "PN"),
  attr("x00380010", "AdmissionID", "LO"),
  attr("x00400006", "ScheduledPerformingPhysicianName", "PN"),
  attr("x00401001", "RequestedProcedureID", "SH"),
  attr("x00402016", "PlacerOrderNumberImagingServiceRequest", "LO"),
  attr("x00402017", "FillerOrderNumberImagingServiceRequest", "LO"),
  attr("x0040a123", "PersonName", "PN"),
  // Holds the values of attributes that someone modified earlier — the original patient name, for instance.
  attr("x04000561", "OriginalAttributesSequence", "SQ"),
];

const PHI_BY_TAG = new Map(PHI_ATTRIBUTES.map((a) => [a.tag, a]));

/** UIDs replaced through uidMap, wherever they occur. Class UIDs are not identifying and are kept. */
const UID_ATTRIBUTES: Record<string, string> = {
  x00080014: "InstanceCreatorUID",
  x00080018: "SOPInstanceUID",
  x00081155: "ReferencedSOPInstanceUID",
  x00083010: "IrradiationEventUID",
  x0020000d: "StudyInstanceUID",
  x0020000e: "SeriesInstanceUID",
  x00200052: "FrameOfReferenceUID",
  x00200200: "SynchronizationFrameOfReferenceUID",
  x00209161: "ConcatenationUID",
  x00209164: "DimensionOrganizationUID",
  x00880140: "StorageMediaFileSetUID",
  x30060024: "ReferencedFrameOfReferenceUID",
};

const PATIENT_AGE = "x00101010";
const SOURCE_AE_TITLE = "x00020016";
// File meta information may carry a vendor's private block too (PS3.10 7.1).
const PRIVATE_INFORMATION_CREATOR = "x00020100";
const PRIVATE_INFORMATION = "x00020102";
const PATIENT_IDENTITY_REMOVED = "x00120062";
const DEIDENTIFICATION_METHOD_TAG = "x00120063";
const LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED = "x00280303";

/** DeidentificationMethod written by stripPhi (an LO value: at most 64 characters). */
export const DEIDENTIFICATION_METHOD = "SpineMed Review basic profile: identity, private tags, UIDs";

const PLACEHOLDERS = new Set(["ANONYMOUS", "ANONYMIZED", "ANONYMISED", "ANON", "DEIDENTIFIED", "REMOVED", "NONE"]);

function valueBytes(ds: DataSet, el: Element): Uint8Array {
  return ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length);
}

function valueString(ds: DataSet, el: Element): string {
  return Buffer.from(valueBytes(ds, el)).toString("latin1");
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

function isBurnedIn(ds: DataSet): boolean {
  const el = ds.elements[TAGS.BurnedInAnnotation];
  return !!el && el.length > 0 && valueString(ds, el).replace(/[\0 ]/g, "").toUpperCase() === "YES";
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

function isDataSet(input: Uint8Array | DataSet): input is DataSet {
  return typeof (input as DataSet).elements === "object" && !(input instanceof Uint8Array);
}

function isDelimiter(tag: string): boolean {
  return tag.startsWith("xfffe");
}

/**
 * Lists what makes a file unfit to enter the data set as it is. Accepts the file bytes or a data set that
 * readDicomDataSet parsed completely (not with stopAtPixelData: elements after the pixel data would be missed).
 * Returns [] for a clean file. Findings name attributes only, never their values.
 */
export function findPhi(input: Uint8Array | DataSet): PhiFinding[] {
  const ds = isDataSet(input) ? input : readDicomDataSet(input);
  const identifying = new Map<string, PhiFinding>();
  const privateGroups = new Map<number, { count: number; nested: boolean }>();

  const visit = (set: DataSet, nested: boolean) => {
    for (const [tag, el] of Object.entries(set.elements)) {
      if (isDelimiter(tag)) continue;
      if (isPrivateTag(tag)) {
        const g = privateGroups.get(groupOf(tag)) ?? { count: 0, nested: false };
        g.count += 1;
        g.nested ||= nested;
        privateGroups.set(groupOf(tag), g);
        continue;
      }
      const rule = PHI_BY_TAG.get(tag);
      // A top-level occurrence wins over one inside a sequence item for the wording of the reason.
      if (rule && (!identifying.has(tag) || !nested) && hasContent(set, el)) {
        identifying.set(tag, {
          tag: formatTag(tag),
          keyword: rule.keyword,
          reason: nested
            ? "patient-identifying attribute present (inside a sequence item)"
            : "patient-identifying attribute present",
          kind: "identifying",
          strippable: true,
        });
      }
      if (tag === PATIENT_AGE && !identifying.has(tag) && isOver89(set, el)) {
        identifying.set(tag, {
          tag: formatTag(tag),
          keyword: "PatientAge",
          reason: "age above 89 years is an identifier (HIPAA Safe Harbor)",
          kind: "identifying",
          strippable: true,
        });
      }
      if (tag === SOURCE_AE_TITLE && hasContent(set, el)) {
        identifying.set(tag, {
          tag: formatTag(tag),
          keyword: "SourceApplicationEntityTitle",
          reason: "network name of the sending station, which identifies the institution",
          kind: "identifying",
          strippable: true,
        });
      }
      if (tag === PRIVATE_INFORMATION && el.length > 0) {
        identifying.set(tag, {
          tag: formatTag(tag),
          keyword: "PrivateInformation",
          reason: "private data in the file meta information may carry identity",
          kind: "private",
          strippable: true,
        });
      }
      if (el.items && !rule) {
        for (const item of el.items) if (item.dataSet) visit(item.dataSet, true);
      }
    }
  };
  visit(ds, false);

  const findings: Array<PhiFinding & { order: string }> = [];
  if (isBurnedIn(ds)) findings.push({ ...burnedInFinding(), order: TAGS.BurnedInAnnotation });
  for (const [tag, f] of identifying) findings.push({ ...f, order: tag });
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
  /** Keywords of what was removed or blanked, in tag order; "PrivateElements" when private elements went. */
  removed: string[];
  /** Keywords of the UID attributes that were replaced. */
  uidsReplaced: string[];
  privateElementsRemoved: number;
}

interface StripState {
  removed: Map<string, string>; // dicom-parser tag → keyword, for sorting
  uidsReplaced: Set<string>;
  privateElementsRemoved: number;
  uidMap: (uid: string) => string;
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
  top = false,
): { out: Rewritten[]; changed: boolean } {
  const out: Rewritten[] = [];
  const changedGroups = new Set<number>();
  const groupLengths: Rewritten[] = [];
  let changed = false;

  const markChanged = (tag: string) => {
    changed = true;
    changedGroups.add(groupOf(tag));
  };

  for (const [tag, el] of Object.entries(ds.elements)) {
    // dicom-parser merges the file meta information into the top level; stripPhi rebuilds it separately.
    if (isDelimiter(tag) || (top && groupOf(tag) === 0x0002)) continue;
    const num = tagNumber(tag);
    if (isPrivateTag(tag)) {
      state.privateElementsRemoved += 1;
      state.removed.set("xffffffff", "PrivateElements");
      markChanged(tag);
      continue;
    }
    const rule = PHI_BY_TAG.get(tag);
    if (rule && hasContent(ds, el)) {
      state.removed.set(tag, rule.keyword);
      markChanged(tag);
      if (rule.action === "empty") {
        out.push({ tag: num, parts: [encodeElement(num, el.vr ?? rule.vr, new Uint8Array(0), enc)] });
      }
      continue;
    }
    if (tag === PATIENT_AGE && isOver89(ds, el)) {
      state.removed.set(tag, "PatientAge");
      markChanged(tag);
      continue;
    }
    const uidKeyword = UID_ATTRIBUTES[tag];
    if (uidKeyword && el.length > 0 && !el.items) {
      out.push({ tag: num, parts: [encodeElement(num, el.vr ?? "UI", mapUids(ds, el, state, uidKeyword), enc)] });
      markChanged(tag);
      continue;
    }
    if ((num & 0xffff) === 0 && num !== 0) {
      // Group lengths are retired; kept only if nothing in their group changes (decided below).
      groupLengths.push({ tag: num, parts: [rawElementBytes(ds, el, enc)] });
      continue;
    }
    if (el.items && el.items.length > 0) {
      const items: Uint8Array[][] = [];
      let inner = false;
      for (const item of el.items) {
        const sub = item.dataSet ? rewriteLevel(item.dataSet, enc, state) : { out: [], changed: false };
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
    uidsReplaced: new Set(),
    privateElementsRemoved: 0,
    uidMap: opts.uidMap,
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

  const level = rewriteLevel(ds, enc, state, true);
  const marker = new Set([PATIENT_IDENTITY_REMOVED, DEIDENTIFICATION_METHOD_TAG, LONGITUDINAL_TEMPORAL_INFORMATION_MODIFIED]);
  const top = level.out.filter((r) => !marker.has(`x${r.tag.toString(16).padStart(8, "0")}`));
  const methods = existingValues(ds, DEIDENTIFICATION_METHOD_TAG).filter((m) => m !== DEIDENTIFICATION_METHOD);
  top.push(
    csOrLo(PATIENT_IDENTITY_REMOVED, "CS", "YES", enc),
    csOrLo(DEIDENTIFICATION_METHOD_TAG, "LO", [...methods, DEIDENTIFICATION_METHOD].join("\\"), enc),
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
    uidsReplaced: [...state.uidsReplaced].sort(),
    privateElementsRemoved: state.privateElementsRemoved,
  };
}

export type PhiGateResult =
  | { accepted: true; buffer: Buffer; findings: PhiFinding[]; removed: string[] }
  | { accepted: false; findings: PhiFinding[]; reason: string };

/**
 * The import gate in one call. mode "refuse": any finding refuses the file. mode "strip": the file is
 * de-identified unless something cannot be stripped (burned-in annotation). A clean file passes unchanged.
 */
export function applyPhiGate(buf: Buffer, mode: "refuse" | "strip", opts: StripOptions): PhiGateResult {
  const findings = findPhi(buf);
  if (findings.length === 0) return { accepted: true, buffer: buf, findings, removed: [] };
  const blocking = findings.filter((f) => !f.strippable || mode === "refuse");
  if (blocking.length > 0) {
    return {
      accepted: false,
      findings,
      reason: `refused: ${blocking.map((f) => `${f.keyword} ${f.tag}`).join(", ")}`,
    };
  }
  const result = stripPhi(buf, opts);
  return { accepted: true, buffer: result.buffer, findings, removed: result.removed };
}
