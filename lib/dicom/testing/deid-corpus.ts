// A generated de-identification test corpus: real Part 10 files (written with dcmjs from the generated demo images)
// that hide invented patient identity where real archives do — free-text descriptors, nested sequence items, a
// GB18030-encoded name, private elements, overlay planes, a Secondary Capture that does not state
// BurnedInAnnotation. Nothing is committed: tests build the files on the fly.
import dcmjs from "dcmjs";
import type { DicomTagDict } from "dcmjs";
import { syntheticLateralXray, syntheticSagittalMrStack } from "../synthetic";

const { DicomMessage } = dcmjs.data;

export interface CorpusCase {
  name: string;
  buffer: Buffer;
  /** Strings that must not be in a de-identified output (dcmdump's text of it, read as latin1). */
  secrets: string[];
  /** Tags, as dcmdump prints them ("(6000,3000)"), that must not be in the output. */
  absentTags: string[];
  /** Keywords the gate must name when it refuses the file. */
  expectKeywords: string[];
  /** True for the SC without BurnedInAnnotation: strip accepts it but flags it for review. */
  needsReview?: boolean;
}

type Elements = Record<string, { vr: string; Value?: unknown[] }>;

/** Rewrites a dcmjs-written file with elements added or changed (dcmjs keys tags in upper-case hex). */
export function withElements(buf: Buffer, elements: Elements, drop: string[] = []): Buffer {
  const file = DicomMessage.readFile(new Uint8Array(buf).buffer);
  Object.assign(file.dict, elements);
  for (const t of drop) delete (file.dict as DicomTagDict)[t];
  return Buffer.from(file.write());
}

/** Replaces one placeholder byte string with bytes of the same length (dcmjs writes text as UTF-8 only). */
function patchBytes(buf: Buffer, placeholder: string, bytes: number[]): Buffer {
  const at = buf.indexOf(Buffer.from(placeholder, "latin1"));
  if (at < 0 || bytes.length !== placeholder.length) throw new Error(`placeholder ${placeholder} not found or wrong size`);
  const out = Buffer.from(buf);
  Buffer.from(bytes).copy(out, at);
  return out;
}

// Each case gets its own noise seed, so no two de-identified outputs are the same file.
let seed = 0;
const cr = () => syntheticLateralXray({ rows: 128, columns: 64, caseId: "deid-corpus", seed: ++seed }).buffer;
const pn = (v: string) => ({ vr: "PN", Value: [{ Alphabetic: v }] });
const text = (vr: string, v: string) => ({ vr, Value: [v] });

// 王^小明 and 王小明 in GB18030 (the same bytes as GB 2312 for these characters).
export const GB18030_NAME = [0xcd, 0xf5, 0x5e, 0xd0, 0xa1, 0xc3, 0xf7];
export const GB18030_NAME_JOINED = [0xcd, 0xf5, 0xd0, 0xa1, 0xc3, 0xf7];
export const GB18030_NAME_TEXT = "王^小明";

/** Identity attributes of an invented patient, as an archive holds them. */
function patient(): Elements {
  return {
    "00100010": pn("DOE^JANE"),
    "00100020": text("LO", "MRN0012345"),
    "00100030": text("DA", "19580312"),
    "00120062": text("CS", "NO"),
  };
}

export function deidCorpus(): CorpusCase[] {
  seed = 0;
  const cases: CorpusCase[] = [];

  cases.push({
    name: "free text: ImageComments with a name, a birth date and an MRN; StudyDescription with the name",
    buffer: withElements(cr(), {
      ...patient(),
      "00204000": text("LT", "Pat. Jane Doe, DOB 12.03.1958, MRN 0012345 - lumbar pain"),
      "00081030": text("LO", "MRI LUMBAR SPINE DOE JANE"),
    }),
    secrets: ["DOE", "JANE", "Jane", "0012345", "12.03.1958", "19580312"],
    absentTags: ["(0020,4000)"],
    expectKeywords: ["PatientName", "ImageComments", "StudyDescription"],
  });

  // Identity already blanked by an earlier tool, but left in the comments: what slipped through before.
  cases.push({
    name: "blanked identity with a birth date, phone and record number left in ImageComments",
    buffer: withElements(cr(), {
      "00204000": text("LT", "born 1958-03-12, tel +41 79 123 45 67, chart 00123456"),
      "00180015": text("CS", "LSPINE"),
    }),
    secrets: ["1958-03-12", "123 45 67", "00123456"],
    absentTags: ["(0020,4000)"],
    expectKeywords: ["ImageComments"],
  });

  cases.push({
    name: "a name two levels deep in ReferencedPatientSequence and RequestAttributesSequence items",
    buffer: withElements(cr(), {
      "00081120": {
        vr: "SQ",
        Value: [{ "00101002": { vr: "SQ", Value: [{ "00100010": pn("ROE^RICHARD"), "00100020": text("LO", "ALT-778899") }] } }],
      },
      "00400275": {
        vr: "SQ",
        Value: [
          {
            "00401001": text("SH", "RP-5566"),
            "00400008": {
              vr: "SQ",
              Value: [{ "00080100": text("SH", "LSP1"), "00080102": text("SH", "99LOCAL"), "00080104": text("LO", "Lumbar MRI for Richard Roe") }],
            },
          },
        ],
      },
    }),
    secrets: ["ROE", "RICHARD", "Richard", "ALT-778899", "RP-5566"],
    absentTags: ["(0008,1120)"],
    expectKeywords: ["ReferencedPatientSequence", "CodeMeaning"],
  });

  const gbPlaceholder = "#GBNAME";
  const gbDescription = "MR ######";
  let gb = withElements(cr(), {
    "00080005": text("CS", "GB18030"),
    "00100010": pn(gbPlaceholder),
    "00081030": text("LO", gbDescription),
  });
  gb = patchBytes(gb, gbPlaceholder, GB18030_NAME);
  gb = patchBytes(gb, "######", GB18030_NAME_JOINED);
  cases.push({
    name: "a GB18030 PatientName mentioned again in StudyDescription",
    buffer: gb,
    secrets: [Buffer.from(GB18030_NAME_JOINED).toString("latin1"), Buffer.from(GB18030_NAME.slice(3)).toString("latin1")],
    absentTags: [],
    expectKeywords: ["PatientName", "StudyDescription"],
  });

  const priv = withElements(cr(), {
    "00290010": text("LO", "ACME_PRIVATE"),
    "00291001": text("LO", "DOE^JANE"),
    "00291002": text("SH", "MRN0012345"),
  });
  cases.push({
    name: "identity in private elements only",
    buffer: priv,
    secrets: ["ACME_PRIVATE", "DOE^JANE", "MRN0012345"],
    absentTags: ["(0029,0010)", "(0029,1001)"],
    expectKeywords: ["PrivateElements"],
  });

  const overlayBits = new Uint8Array((128 * 64) / 8);
  overlayBits.fill(0xff, 0, 64);
  cases.push({
    name: "an overlay plane in group 6000",
    buffer: withElements(cr(), {
      "60000010": { vr: "US", Value: [128] },
      "60000011": { vr: "US", Value: [64] },
      "60000040": text("CS", "G"),
      "60000050": { vr: "SS", Value: [1, 1] },
      "60000100": { vr: "US", Value: [1] },
      "60000102": { vr: "US", Value: [0] },
      "60000022": text("LO", "annotation by reader"),
      "60003000": { vr: "OW", Value: [overlayBits.buffer] },
    }),
    secrets: ["annotation by reader"],
    absentTags: ["(6000,3000)", "(6000,0010)"],
    expectKeywords: ["OverlayPlane"],
  });

  cases.push({
    name: "a Secondary Capture without BurnedInAnnotation",
    buffer: withElements(
      cr(),
      { "00080016": text("UI", "1.2.840.10008.5.1.4.1.1.7"), "00080060": text("CS", "OT"), "00080064": text("CS", "WSD") },
      ["00280301"],
    ),
    secrets: [],
    absentTags: [],
    expectKeywords: ["BurnedInAnnotation"],
    needsReview: true,
  });

  return cases;
}

/** A generated MR slice carrying identity, for dciodvfy before/after comparisons. */
export function mrWithIdentity(): Buffer {
  const slice = syntheticSagittalMrStack({ slices: 1, size: 64, caseId: "deid-corpus-mr" }).files[0].buffer;
  return withElements(slice, {
    ...patient(),
    "00080080": text("LO", "Example General Hospital"),
    "00081030": text("LO", "LUMBAR SPINE JANE DOE"),
    "00204000": text("LT", "MRN 0012345"),
  });
}

/** The generated CR with identity, for dciodvfy before/after comparisons. */
export function crWithIdentity(): Buffer {
  return deidCorpus()[0].buffer;
}
