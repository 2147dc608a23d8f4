// What a line of an items file is, in one place for the line counter and the reader: a line ends at LF. A CR
// before the LF is part of the line ending (the parser drops it); a lone CR is an ordinary character, so a binary
// file can never show more lines in its report than the reader reads. The last line needs no LF.
import { createReadStream } from "node:fs";

const LF = 0x0a;

/** Counts lines the way readLines reads them, chunk by chunk (for hashing and counting in one pass). */
export class LineCounter {
  private breaks = 0;
  private bytes = 0;
  private last = -1;
  add(chunk: Buffer): void {
    for (let i = chunk.indexOf(LF); i !== -1; i = chunk.indexOf(LF, i + 1)) this.breaks++;
    if (chunk.length > 0) this.last = chunk[chunk.length - 1];
    this.bytes += chunk.length;
  }
  get lines(): number {
    return this.breaks + (this.bytes > 0 && this.last !== LF ? 1 : 0);
  }
}

/** The file's lines as text (invalid UTF-8 becomes U+FFFD), without their LF. */
export async function* readLines(file: string): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8");
  let rest = "";
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = rest + decoder.decode(chunk as Buffer, { stream: true });
    let start = 0;
    for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", start)) {
      yield text.slice(start, i);
      start = i + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.decode();
  if (rest.length > 0) yield rest;
}
