import dcmjs from "dcmjs";
import type { DataSet } from "dicom-parser";
import { describe, expect, it } from "vitest";
import { parseDicom, readDicomDataSet } from "./parse";
import {
  applyPhiGate,
  DEIDENTIFICATION_METHOD,
  deterministicUidMapper,
  findPhi,
  PHI_ATTRIBUTES,
  PhiRefusedError,
  stripPhi,
} from "./phi";
import { syntheticLateralXray, syntheticSagittalMrStack, syntheticWithPhi } from "./synthetic";
import { readRealFile, type RealFileKey } from "./testing/real-files";
import { dciodvfyErrors, dcmdumpErrors } from "./testing/tools";
import { pixelDataBytes } from "./testing/pixels";
import { isValidUid } from "./uid";

const uidMap = deterministicUidMapper("test-secret");

function value(ds: DataSet, tag: string): string | undefined {
  const el = ds.elements[tag];
  if (!el) return undefined;
  return Buffer.from(ds.byteArray.subarray(el.dataOffset, el.dataOffset + el.length))
    .toString("latin1")
    .replace(/[\0 ]+$/, "");
}

/** Rewrites a generated file with some attributes changed (dcmjs keys tags in upper-case hex). */
function withAttributes(buf: Buffer, attrs: Record<string, { vr: string; Value: unknown[] }>): Buffer {
  const dict = dcmjs.data.DicomMessage.readFile(new Uint8Array(buf).buffer);
  Object.assign(dict.dict, attrs);
  return Buffer.from(dict.write());
}

describe("findPhi", () => {
  it("flags pydicom's CT_small.dcm: identity, institution, station and private elements, by attribute", () => {
    const findings = findPhi(readRealFile("ctSmall"));
    const keywords = findings.map((f) => f.keyword);
    expect(keywords).toEqual(
      expect.arrayContaining(["PatientName", "PatientID", "OtherPatientIDsSequence", "InstitutionName", "StationName", "PrivateElements"]),
    );
    expect(findings.find((f) => f.keyword === "PatientName")).toEqual({
      tag: "(0010,0010)",
      keyword: "PatientName",
      reason: "patient-identifying attribute present",
      kind: "identifying",
      strippable: true,
    });
    // 9 odd groups of private elements, one finding each.
    expect(findings.filter((f) => f.kind === "private").map((f) => f.tag)).toEqual([
      "(0009,xxxx)",
      "(0011,xxxx)",
      "(0019,xxxx)",
      "(0021,xxxx)",
      "(0023,xxxx)",
      "(0025,xxxx)",
      "(0027,xxxx)",
      "(0029,xxxx)",
      "(0043,xxxx)",
    ]);
    // Present but empty (type 2) is not PHI: CT_small's PatientBirthDate, AccessionNumber, ReferringPhysicianName.
    expect(keywords).not.toContain("PatientBirthDate");
    expect(keywords).not.toContain("AccessionNumber");
    expect(keywords).not.toContain("ReferringPhysicianName");
  });

  it("never puts a value into a finding", () => {
    const text = JSON.stringify([...findPhi(readRealFile("ctSmall")), ...findPhi(syntheticWithPhi().buffer)]);
    for (const secret of ["CompressedSamples", "1CT1", "ABCD1234", "JFK", "CT01_OC0", "DOE", "MRN0012345", "Example General", "WARD"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("finds identity inside sequence items and private elements nested in them", () => {
    const findings = findPhi(syntheticWithPhi().buffer);
    expect(findings.find((f) => f.keyword === "RequestedProcedureID")?.reason).toBe(
      "patient-identifying attribute present (inside a sequence item)",
    );
    expect(findings.find((f) => f.kind === "private")?.reason).toBe(
      "private elements may carry identity (5 elements in group 0009, some inside sequence items)",
    );
  });

  it("accepts a parsed data set as well as bytes", () => {
    const buf = readRealFile("dicom3toolsMr");
    expect(findPhi(readDicomDataSet(buf))).toEqual(findPhi(buf));
  });

  it("returns nothing for the generated demo files", () => {
    expect(findPhi(syntheticLateralXray().buffer)).toEqual([]);
    for (const f of syntheticSagittalMrStack({ slices: 3, size: 64 }).files) expect(findPhi(f.buffer)).toEqual([]);
  });

  it("treats empty values, delimiters and unmistakable placeholders as de-identified, and real names as PHI", () => {
    const base = syntheticLateralXray({ rows: 128, columns: 64 }).buffer;
    const placeholders = withAttributes(base, {
      "00100010": { vr: "PN", Value: ["ANONYMOUS"] },
      "00100020": { vr: "LO", Value: ["anon"] },
      "00080090": { vr: "PN", Value: ["^^^^"] },
    });
    expect(findPhi(placeholders)).toEqual([]);
    const named = withAttributes(base, { "00100010": { vr: "PN", Value: ["ANONYMOUS^BOB"] } });
    expect(findPhi(named).map((f) => f.keyword)).toEqual(["PatientName"]);
  });

  it("flags an age above 89 (HIPAA Safe Harbor) but not 89", () => {
    const base = syntheticLateralXray({ rows: 128, columns: 64 }).buffer;
    expect(findPhi(withAttributes(base, { "00101010": { vr: "AS", Value: ["089Y"] } }))).toEqual([]);
    const old = findPhi(withAttributes(base, { "00101010": { vr: "AS", Value: ["092Y"] } }));
    expect(old.map((f) => f.keyword)).toEqual(["PatientAge"]);
  });

  it("reports BurnedInAnnotation = YES as not strippable", () => {
    const burned = findPhi(syntheticWithPhi({ burnedInAnnotation: true }).buffer).find((f) => f.kind === "burned-in");
    expect(burned).toMatchObject({ tag: "(0028,0301)", keyword: "BurnedInAnnotation", strippable: false });
    expect(burned?.reason).toMatch(/cannot be stripped, always refused/);
  });
});

describe("stripPhi", () => {
  it("de-identifies CT_small.dcm: nothing left to find, pixel data byte-identical, markers set", () => {
    const original = readRealFile("ctSmall");
    const { buffer, removed, uidsReplaced, privateElementsRemoved } = stripPhi(original, { uidMap });
    expect(findPhi(buffer)).toEqual([]);
    expect(Buffer.compare(Buffer.from(pixelDataBytes(buffer)), Buffer.from(pixelDataBytes(original)))).toBe(0);
    expect(removed).toEqual(
      expect.arrayContaining(["PatientName", "PatientID", "OtherPatientIDsSequence", "InstitutionName", "PrivateElements"]),
    );
    expect(uidsReplaced).toEqual(expect.arrayContaining(["StudyInstanceUID", "SeriesInstanceUID", "SOPInstanceUID", "FrameOfReferenceUID"]));
    expect(privateElementsRemoved).toBe(179);

    const ds = readDicomDataSet(buffer);
    expect(value(ds, "x00120062")).toBe("YES");
    expect(value(ds, "x00120063")).toBe(DEIDENTIFICATION_METHOD);
    expect(value(ds, "x00280303")).toBe("UNMODIFIED");
    // Type 2 attributes stay, empty; type 3 ones go.
    expect(ds.elements.x00100010.length).toBe(0);
    expect(ds.elements.x00100020.length).toBe(0);
    expect(ds.elements.x00080080).toBeUndefined();
    expect(ds.elements.x00101002).toBeUndefined();
    expect(Object.keys(ds.elements).filter((t) => parseInt(t.slice(1, 5), 16) % 2 === 1)).toEqual([]);
    // Dates are kept; the study stays a study of the same day.
    expect(value(ds, "x00080020")).toBe("20040119");
    // The file meta information names the new instance too.
    expect(value(ds, "x00020003")).toBe(value(ds, "x00080018"));
    expect(value(ds, "x00080018")).toBe(uidMap("1.3.6.1.4.1.5962.1.1.1.1.1.20040119072730.12322"));
  });

  it("copies every element it does not de-identify byte for byte", () => {
    const original = readRealFile("dicom3toolsMr");
    const before = readDicomDataSet(original);
    const after = readDicomDataSet(stripPhi(original, { uidMap }).buffer);
    const touched = new Set([
      ...PHI_ATTRIBUTES.map((a) => a.tag),
      "x00080018",
      "x0020000d",
      "x0020000e",
      "x00200052",
      "x00081140", // ReferencedImageSequence (its ReferencedSOPInstanceUIDs are replaced)
      "x00082112", // SourceImageSequence (same)
    ]);
    let compared = 0;
    for (const [tag, el] of Object.entries(before.elements)) {
      const group = parseInt(tag.slice(1, 5), 16);
      if (group === 2 || group % 2 === 1 || touched.has(tag)) continue;
      const out = after.elements[tag];
      expect(out, tag).toBeDefined();
      const a = Buffer.from(before.byteArray.subarray(el.dataOffset, el.dataOffset + el.length));
      const b = Buffer.from(after.byteArray.subarray(out.dataOffset, out.dataOffset + out.length));
      expect(b.equals(a), tag).toBe(true);
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it("replaces referenced instance UIDs with the same map, keeping references between files intact", () => {
    const after = readDicomDataSet(stripPhi(readRealFile("dicom3toolsMr"), { uidMap }).buffer);
    const items = after.elements.x00082112.items ?? [];
    expect(items.length).toBe(20);
    expect(value(items[19].dataSet!, "x00081155")).toBe(uidMap("1.3.12.2.1107.5.2.43.67060.2018121813193538914742629"));
    // Class UIDs are not identifying and stay.
    expect(value(items[0].dataSet!, "x00081150")).toBe("1.2.840.10008.5.1.4.1.1.4");
  });

  it("maps the UIDs of two real files of one series to one new SeriesInstanceUID", () => {
    const a = parseDicom(stripPhi(readRealFile("jpeg2000"), { uidMap }).buffer);
    const b = parseDicom(stripPhi(readRealFile("jpegLossy"), { uidMap }).buffer);
    expect(a.seriesInstanceUid).toBe(b.seriesInstanceUid);
    expect(a.studyInstanceUid).toBe(b.studyInstanceUid);
    expect(a.sopInstanceUid).not.toBe(b.sopInstanceUid);
    expect(a.seriesInstanceUid).not.toBe("1.3.6.1.4.1.5962.1.3.8.1.20040826185059.5457");
  });

  it("keeps a generated study grouped: MR slices share the new series, X-ray and MR the new study", () => {
    const mr = syntheticSagittalMrStack({ slices: 2, size: 64 }).files.map((f) => parseDicom(stripPhi(f.buffer, { uidMap }).buffer));
    const xray = parseDicom(stripPhi(syntheticLateralXray({ rows: 128, columns: 64 }).buffer, { uidMap }).buffer);
    expect(mr[0].seriesInstanceUid).toBe(mr[1].seriesInstanceUid);
    expect(mr[0].sopInstanceUid).not.toBe(mr[1].sopInstanceUid);
    expect(xray.studyInstanceUid).toBe(mr[0].studyInstanceUid);
    expect(xray.seriesInstanceUid).not.toBe(mr[0].seriesInstanceUid);
  });

  for (const key of [
    "mrSmall",
    "mrSmallBigEndian",
    "mrSmallImplicit",
    "mrSmallRle",
    "mrSmallJ2kLossless",
    "mrSmallJpegLsLossless",
    "jpegLossy",
    "ct693J2k",
    "scRgbJpegBaseline",
    "deflated",
    "gdcmXaMultiFrame",
  ] as RealFileKey[]) {
    it(`strips ${key} (${parseDicom(readRealFile(key)).transferSyntaxName}) keeping its pixel data and readability`, () => {
      const original = readRealFile(key);
      const { buffer, needsReview } = stripPhi(original, { uidMap });
      // Secondary Capture and ultrasound files that do not state BurnedInAnnotation stay "needs review".
      const left = findPhi(buffer);
      expect(left.filter((f) => f.kind !== "needs-review")).toEqual([]);
      expect(left.length).toBe(needsReview.length);
      const header = parseDicom(buffer);
      expect(header.transferSyntaxUid).toBe(parseDicom(original).transferSyntaxUid);
      expect(Buffer.from(pixelDataBytes(buffer)).equals(Buffer.from(pixelDataBytes(original)))).toBe(true);
      expect(dcmdumpErrors(buffer)).toEqual({ status: 0, errors: [] });
    });
  }

  it("adds no dciodvfy error to real files (it only removes some)", () => {
    for (const key of ["ctSmall", "mrSmall", "mrSmallBigEndian", "dicom3toolsMr", "gdcmXaMultiFrame"] as RealFileKey[]) {
      const original = readRealFile(key);
      const before = new Set(dciodvfyErrors(original));
      const added = dciodvfyErrors(stripPhi(original, { uidMap }).buffer).filter((e) => !before.has(e));
      expect(added, key).toEqual([]);
    }
  });

  it("de-identifies the generated PHI file including nested attributes, and the result validates", () => {
    const { buffer, removed } = stripPhi(syntheticWithPhi().buffer, { uidMap });
    expect(findPhi(buffer)).toEqual([]);
    expect(removed).toContain("RequestedProcedureID");
    const ds = readDicomDataSet(buffer);
    const request = ds.elements.x00400275.items![0].dataSet!;
    expect(request.elements.x00401001).toBeUndefined();
    expect(request.elements.x00080050.length).toBe(0);
    expect(Object.keys(request.elements).some((t) => t.startsWith("x0009"))).toBe(false);
    expect(dciodvfyErrors(buffer)).toEqual([]);
    expect(Buffer.from(buffer).toString("latin1")).not.toMatch(/DOE|MRN0012345|Example General|WARD 7|ALT-778899/);
  });

  it("refuses burned-in annotation", () => {
    const burned = syntheticWithPhi({ burnedInAnnotation: true }).buffer;
    expect(() => stripPhi(burned, { uidMap })).toThrow(PhiRefusedError);
    try {
      stripPhi(burned, { uidMap });
    } catch (e) {
      expect((e as PhiRefusedError).findings.map((f) => f.keyword)).toEqual(["BurnedInAnnotation"]);
    }
  });

  it("refuses a uidMap that returns something that is not a UID", () => {
    expect(() => stripPhi(readRealFile("mrSmall"), { uidMap: () => "not-a-uid" })).toThrow(/invalid UID/);
  });
});

describe("deterministicUidMapper", () => {
  it("is deterministic per secret, different across secrets, and yields valid 2.25 UIDs", () => {
    const uid = "1.3.6.1.4.1.5962.1.2.1.20040119072730.12322";
    const a = deterministicUidMapper("one")(uid);
    expect(deterministicUidMapper("one")(uid)).toBe(a);
    expect(deterministicUidMapper("two")(uid)).not.toBe(a);
    expect(deterministicUidMapper("one")(`${uid}1`)).not.toBe(a);
    expect(a).toMatch(/^2\.25\.[1-9]\d*$/);
    expect(isValidUid(a)).toBe(true);
    // Trailing padding is not part of the UID.
    expect(deterministicUidMapper("one")(`${uid} `)).toBe(a);
  });

  it("fits DeidentificationMethod in one LO value", () => {
    expect(DEIDENTIFICATION_METHOD.length).toBeLessThanOrEqual(64);
  });
});

describe("applyPhiGate", () => {
  it("refuses or strips by setting, and lets clean files through unchanged", () => {
    const ct = readRealFile("ctSmall");
    const refused = applyPhiGate(ct, "refuse", { uidMap });
    expect(refused.accepted).toBe(false);
    if (!refused.accepted) expect(refused.reason).toMatch(/^refused under DICOM PS3\.15-2023b Table E\.1-1: .*PatientName \(0010,0010\)/);

    const stripped = applyPhiGate(ct, "strip", { uidMap });
    expect(stripped.accepted).toBe(true);
    if (stripped.accepted) expect(findPhi(stripped.buffer)).toEqual([]);

    const burned = applyPhiGate(syntheticWithPhi({ burnedInAnnotation: true }).buffer, "strip", { uidMap });
    expect(burned.accepted).toBe(false);

    const clean = syntheticLateralXray({ rows: 128, columns: 64 }).buffer;
    const passed = applyPhiGate(clean, "refuse", { uidMap });
    expect(passed.accepted && passed.buffer === clean).toBe(true);
  });
});
