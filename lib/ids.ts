// Row ids that sort by creation time (like Prisma's cuid): new rows land at the end of the primary-key index
// instead of at random places in it, which keeps large imports fast. Unique across processes by a random tag.
import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";
const tag = Array.from(randomBytes(6), (b) => ALPHABET[b % 36]).join("");
let lastMs = 0;
let seq = 0;

export function newId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    seq = 0;
  } else seq++;
  // Past 36^4 ids in one millisecond, borrow the next millisecond rather than wrap.
  if (seq >= 1_679_616) {
    lastMs++;
    seq = 0;
  }
  return `c${lastMs.toString(36).padStart(9, "0")}${seq.toString(36).padStart(4, "0")}${tag}`;
}
