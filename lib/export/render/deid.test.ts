import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeDemoImages } from "@/lib/demo/images";
import { checkDeidentified, PHI_ATTRIBUTES } from "@/lib/dicom/phi";
import { pixelDataBytes } from "@/lib/dicom/testing/pixels";
import { readRealFile, REAL_FILES, type RealFileKey } from "@/lib/dicom/testing/real-files";
import { dciodvfyErrors, runOnBuffer } from "@/lib/dicom/testing/tools";
import { deidentifiedDicomForExport, RenderError } from "./index";

const previousSecret = process.env.NEXTAUTH_SECRET;
beforeAll(() => {
  process.env.NEXTAUTH_SECRET = "export-deid-test-secret";
});
afterAll(() => {
  if (previousSecret === undefined) delete process.env.NEXTAUTH_SECRET;
  else process.env.NEXTAUTH_SECRET = previousSecret;
});

/** dcmdump's lines, tags as "(gggg,eeee)". */
function dump(buf: Uint8Array): string {
  const r = runOnBuffer("dcmdump", buf);
  expect(r.status).toBe(0);
  return r.output;
}

// What an emptied or dummy value looks like (PS3.15 Z and D actions, and the placeholders the gate accepts).
const NOTHING = /^(|ANONYMOUS|ANONYMIZED|ANONYMISED|ANON|DEIDENTIFIED|REMOVED|NONE|19000101|000000|19000101000000|0|000Y)$/i;

/** Attributes the profile removes, empties or replaces that dcmdump still shows with a real value, and private elements. */
function phiInDump(text: string): string[] {
  const left: string[] = [];
  for (const a of PHI_ATTRIBUTES) {
    if (a.action !== "X" && a.action !== "Z" && a.action !== "D") continue;
    const tag = `(${a.tag.slice(1, 5)},${a.tag.slice(5, 9)})`; // x00100010 → (0010,0010), as dcmdump prints it
    for (const line of text.split("\n").filter((l) => l.trimStart().toLowerCase().startsWith(tag))) {
      if (/\(no value available\)|GenericGroupLength/.test(line)) continue;
      const value = /\[(.*?)\]/.exec(line)?.[1]?.replace(/[\0\s]+/g, ""); // NUL padding is no value
      if (value === undefined || /^\(\w{4},\w{4}\) SQ/.test(line.trim()) || !NOTHING.test(value)) left.push(`${a.keyword} ${line.trim()}`);
    }
  }
  if (/^\s*\(\w{3}[13579bdf],/im.test(text)) left.push("a private (odd-group) element");
  return left;
}

// Real files whose pixels need no person to look at them (MR, CT, XA: BurnedInAnnotation is not in question).
const REAL: RealFileKey[] = [
  "ctSmall", "mrSmall", "mrSmallImplicit", "mrSmallBigEndian", "mrSmallRle", "mrSmallJ2kLossless",
  "mrSmallJpegLsLossless", "ct693J2k", "dicom3toolsMr", "gdcmXaMultiFrame",
];

describe("deidentifiedDicomForExport on real files", () => {
  for (const key of REAL) {
    const name = REAL_FILES[key].path.split("/").pop()!;
    it(`${name}: dcmdump shows no PHI attribute, dciodvfy reports no error the original did not have, pixels kept`, async () => {
      const original = readRealFile(key);
      const out = await deidentifiedDicomForExport(original, { name });
      expect(checkDeidentified(out)).toMatchObject({ clean: true, findings: [] });
      const text = dump(out);
      expect(phiInDump(text)).toEqual([]);
      expect(text).toContain("(0012,0062) CS [YES]");
      const before = new Set(dciodvfyErrors(original));
      expect(dciodvfyErrors(out).filter((e) => !before.has(e))).toEqual([]);
      expect(Buffer.from(pixelDataBytes(out)).equals(Buffer.from(pixelDataBytes(original)))).toBe(true);
    });
  }

  it("removes every identity pydicom's CT_small.dcm carries, and dciodvfy finds no error at all", async () => {
    const ct = readRealFile("ctSmall");
    expect(dump(ct)).toContain("CompressedSamples^CT1");
    expect(phiInDump(dump(ct)).length).toBeGreaterThan(3); // the check itself sees PHI where there is some
    const out = await deidentifiedDicomForExport(ct, { name: "CT_small.dcm" });
    const text = dump(out);
    expect(text).not.toContain("CompressedSamples");
    expect(text).not.toContain("(0010,1002)"); // OtherPatientIDsSequence
    expect(text).not.toContain("(0008,0080)"); // InstitutionName
    expect(dciodvfyErrors(out)).toEqual([]);
  });

  it("is deterministic: the same file gives the same bytes (UIDs mapped with the import's key)", async () => {
    const a = await deidentifiedDicomForExport(readRealFile("ctSmall"), {});
    const b = await deidentifiedDicomForExport(readRealFile("ctSmall"), {});
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    // An already de-identified file passes unchanged.
    expect(Buffer.from(await deidentifiedDicomForExport(a, {})).equals(Buffer.from(a))).toBe(true);
  });

  it("refuses a Secondary Capture that does not state BurnedInAnnotation, naming the file", async () => {
    const e = await deidentifiedDicomForExport(readRealFile("jpeg2000"), { name: "JPEG2000.dcm" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RenderError);
    expect((e as Error).message).toMatch(/^JPEG2000\.dcm: not exported: .*BurnedInAnnotation/);
  });

  it("refuses a file that is not DICOM, naming it", async () => {
    const e = await deidentifiedDicomForExport(Buffer.alloc(500, 1), { name: "junk.dcm" }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(RenderError);
    expect((e as RenderError).file).toBe("junk.dcm");
  });
});

describe("deidentifiedDicomForExport on the generated demo series", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "spinemed-demo-deid-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const images = writeDemoImages(dir);
  const files = [...images.mr, ...images.xray].filter((f) => f.endsWith(".dcm"));

  it(`passes dcmdump and dciodvfy with no error for all ${files.length} DICOM files`, async () => {
    expect(files.length).toBeGreaterThan(10);
    for (const rel of files) {
      const out = await deidentifiedDicomForExport(readFileSync(path.join(dir, rel)), { name: rel });
      expect(phiInDump(dump(out)), rel).toEqual([]);
      expect(dciodvfyErrors(out), rel).toEqual([]);
      expect(checkDeidentified(out).clean, rel).toBe(true);
    }
  });
});
