// A file of a snapshot written once, front to back, and hashed as it is written: the manifest takes its sha256 and
// size from here instead of reading the file again. Writes are synchronous, so a full disk fails the export at the
// write that hit it.
import { createHash } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import path from "node:path";

export class HashedFile {
  private readonly fd: number;
  private readonly hash = createHash("sha256");
  private open = true;
  bytes = 0;

  constructor(readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.fd = openSync(file, "w");
  }

  /** Appends the bytes (all of them: a short write is continued). */
  write(chunk: Uint8Array) {
    let off = 0;
    while (off < chunk.length) off += writeSync(this.fd, chunk, off);
    this.hash.update(chunk);
    this.bytes += chunk.length;
  }

  /** Closes the complete file: its sha256 and size. */
  finish(): { sha256: string; bytes: number } {
    this.close();
    return { sha256: this.hash.digest("hex"), bytes: this.bytes };
  }

  /** Closes the file (unfinished, after a failure: the export removes it). */
  close() {
    if (this.open) closeSync(this.fd);
    this.open = false;
  }
}
