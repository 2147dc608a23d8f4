// Content hashes decide whether a re-imported version is new: the same content must give the same hash however
// its keys were ordered or spaced in the file.
import { canonicalJson, sha256Hex } from "@/lib/json/canonical";

export { canonicalJson, sha256Hex };

/** sha256 (hex) of the canonical JSON of a version's content. */
export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}
