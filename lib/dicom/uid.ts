// "2.25." UIDs (ITU-T X.667): the decimal form of a 128-bit UUID. Built from a hash, they are deterministic, need
// no registered organisation root, and fit the 64-character limit (at most 5 + 39 characters).
import { createHash } from "node:crypto";

/** A 2.25 UID from the first 16 bytes of a digest, marked as a version 8 (custom) RFC 9562 UUID. */
export function uidFromDigest(digest: Uint8Array): string {
  if (digest.length < 16) throw new RangeError("digest shorter than 16 bytes");
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x80;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return `2.25.${BigInt(`0x${bytes.toString("hex")}`).toString(10)}`;
}

/** A deterministic UID for a name (not secret: for generated data whose UIDs need to be stable, not unguessable). */
export function uidForName(name: string): string {
  return uidFromDigest(createHash("sha256").update(name).digest());
}

// A UID is at most 64 characters of digits and dots, with no empty or zero-led component (PS3.5 9.1).
const VALID_UID = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;

export function isValidUid(uid: string): boolean {
  return uid.length > 0 && uid.length <= 64 && VALID_UID.test(uid);
}

/** Identifies this application as the writer of files it creates (PS3.10 ImplementationClassUID). */
export const IMPLEMENTATION_CLASS_UID = uidForName("SpineMed Review DICOM writer");
export const IMPLEMENTATION_VERSION_NAME = "SPINEMED_1";
