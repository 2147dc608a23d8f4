// Image references to a PACS in an import line: pacs + studyInstanceUid, optionally narrowed to a series or an
// instance.
import { describe, expect, it } from "vitest";
import { parseImportLine } from "./parse-line";
import { example } from "./test-fixtures";

function withImages(images: unknown[]) {
  const line = example("mcq");
  line.images = images;
  return parseImportLine(JSON.stringify(line), 7);
}

describe("PACS image references", () => {
  it("accepts a study, a series of it and one instance, and keeps only the given UIDs", () => {
    const r = withImages([
      { pacs: "hospital-pacs", studyInstanceUid: "1.2.3" },
      { pacs: "hospital-pacs", studyInstanceUid: "1.2.4", seriesInstanceUid: "1.2.4.1" },
      { pacs: "hospital-pacs", studyInstanceUid: "1.2.5", seriesInstanceUid: "1.2.5.1", sopInstanceUid: "1.2.5.1.9" },
    ]);
    expect(r.ok && r.line.images).toEqual([
      { pacs: "hospital-pacs", studyInstanceUid: "1.2.3" },
      { pacs: "hospital-pacs", studyInstanceUid: "1.2.4", seriesInstanceUid: "1.2.4.1" },
      { pacs: "hospital-pacs", studyInstanceUid: "1.2.5", seriesInstanceUid: "1.2.5.1", sopInstanceUid: "1.2.5.1.9" },
    ]);
  });

  it.each([
    ["no study", [{ pacs: "p" }], "images[0].studyInstanceUid", /needs pacs and studyInstanceUid/],
    ["no endpoint", [{ studyInstanceUid: "1.2" }], "images[0].pacs", /needs pacs and studyInstanceUid/],
    ["an instance without its series", [{ pacs: "p", studyInstanceUid: "1.2", sopInstanceUid: "1.2.3" }], "images[0].seriesInstanceUid", /needs its seriesInstanceUid/],
    ["mixed with a path", [{ pacs: "p", studyInstanceUid: "1.2", path: "a/b.dcm" }], "images[0]", /cannot also give path/],
    ["a UID that is not one", [{ pacs: "p", studyInstanceUid: "1.2/../x" }], "images[0].studyInstanceUid", /DICOM UID/],
    ["an endpoint name with a slash", [{ pacs: "a/b", studyInstanceUid: "1.2" }], "images[0].pacs", /name of a PACS endpoint/],
    ["the same study twice", [{ pacs: "p", studyInstanceUid: "1.2" }, { pacs: "p", studyInstanceUid: "1.2" }], "images[1]", /duplicate image/],
  ])("refuses %s", (_name, images, path, message) => {
    const r = withImages(images);
    expect(r.ok).toBe(false);
    const errors = r.ok ? [] : r.errors;
    expect(errors).toEqual(expect.arrayContaining([expect.objectContaining({ line: 7, path, message: expect.stringMatching(message) })]));
  });
});
