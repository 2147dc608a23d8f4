import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LineCounter, readLines } from "./lines";

async function both(content: Buffer) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "lines-")), "f");
  writeFileSync(file, content);
  const read: string[] = [];
  for await (const l of readLines(file)) read.push(l);
  const counter = new LineCounter();
  // Split in odd places, as a stream would.
  for (let i = 0; i < content.length; i += 3) counter.add(content.subarray(i, i + 3));
  return { read, counted: counter.lines };
}

describe("one rule for lines", () => {
  it.each([
    ["empty", ""],
    ["one line without LF", "a"],
    ["CRLF", "a\r\nb\r\n"],
    ["lone CRs", "a\rb\rc\nd\re"],
    ["blank lines", "\n\n\n"],
    ["multi-byte text across chunks", "腰椎\n頸椎"],
  ])("the counter and the reader agree: %s", async (_, text) => {
    const { read, counted } = await both(Buffer.from(text));
    expect(counted).toBe(read.length);
  });

  it("a lone CR is part of the line; CR before LF stays for the parser to drop", async () => {
    const { read } = await both(Buffer.from("a\rb\r\nc"));
    expect(read).toEqual(["a\rb\r", "c"]);
  });

  it("invalid UTF-8 becomes U+FFFD and does not split lines", async () => {
    const { read, counted } = await both(Buffer.from([0xff, 0x0d, 0xfe, 0x0a, 0x41]));
    expect(read).toEqual(["\ufffd\r\ufffd", "A"]);
    expect(counted).toBe(2);
  });
});
