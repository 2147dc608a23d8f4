import { describe, expect, it } from "vitest";
import { boundaryOf, MultipartError, parseMultipart } from "./multipart";

const B = "84b0d2b9-a609";
const part = (body: Buffer | string, headers = "Content-Type: application/dicom") =>
  Buffer.concat([Buffer.from(`--${B}\r\n${headers}\r\n\r\n`), Buffer.isBuffer(body) ? body : Buffer.from(body), Buffer.from("\r\n")]);
const close = Buffer.from(`--${B}--\r\n`);

describe("boundaryOf", () => {
  it("reads quoted and unquoted boundaries among other parameters", () => {
    expect(boundaryOf(`multipart/related; type="application/dicom"; boundary=${B}`)).toBe(B);
    expect(boundaryOf(`Multipart/Related; boundary="a;b c"; type="application/dicom"`)).toBe("a;b c");
  });
  it("refuses other types and a missing boundary", () => {
    expect(() => boundaryOf("application/json")).toThrow(/expected multipart\/related/);
    expect(() => boundaryOf("multipart/related; type=application/dicom")).toThrow(/no boundary/);
    expect(() => boundaryOf(null)).toThrow(MultipartError);
  });
});

describe("parseMultipart", () => {
  it("returns each part's headers and exact bytes, including CRLF and dashes inside a body", () => {
    const bin = Buffer.from([0, 1, 0x0d, 0x0a, 0x2d, 0x2d, 255]);
    const body = Buffer.concat([part(bin, `Content-Type: application/dicom\r\nContent-Length: ${bin.length}`), part("second"), close]);
    const parts = parseMultipart(body, B);
    expect(parts).toHaveLength(2);
    expect(parts[0].headers["content-type"]).toBe("application/dicom");
    expect(parts[0].body.equals(bin)).toBe(true);
    expect(parts[1].body.toString()).toBe("second");
  });
  it("ignores a preamble", () => {
    const parts = parseMultipart(Buffer.concat([Buffer.from("preamble\r\n"), part("x"), close]), B);
    expect(parts.map((p) => p.body.toString())).toEqual(["x"]);
  });
  it("detects a body cut inside a part, after a boundary and inside the headers", () => {
    const full = Buffer.concat([part("0123456789"), close]);
    expect(() => parseMultipart(full.subarray(0, full.length - close.length - 5), B)).toThrow(/truncated/);
    expect(() => parseMultipart(Buffer.from(`--${B}`), B)).toThrow(/truncated/);
    expect(() => parseMultipart(Buffer.from(`--${B}\r\nContent-Type: appl`), B)).toThrow(/truncated/);
  });
  it("detects a part whose Content-Length does not match", () => {
    expect(() => parseMultipart(Buffer.concat([part("abc", "Content-Length: 10"), close]), B)).toThrow(/declares 10 bytes but has 3/);
  });
  it("refuses a body with no boundary at all, and one with no parts", () => {
    expect(() => parseMultipart(Buffer.from("<html>oops</html>"), B)).toThrow(/no multipart boundary/);
    expect(() => parseMultipart(close, B)).toThrow(/no parts/);
  });
});
