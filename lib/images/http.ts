// HTTP caching of image files. Files are content-addressed (stored under their sha256), so the hash is a strong
// validator. The browser keeps a copy but asks again every time (a 304 without the body when it is unchanged):
// whether this user may still see this image (a reviewer's assignment ends, a user is deactivated) is decided
// on each request, never by a cache that outlives it.

export const IMAGE_CACHE_CONTROL = "private, no-cache";

/** The strong ETag of a file: its sha256, quoted as RFC 9110 requires. */
export function etagFor(sha256: string): string {
  return `"${sha256}"`;
}

/**
 * Whether an If-None-Match header matches the ETag (weak comparison, as RFC 9110 §13.1.2 prescribes for
 * If-None-Match): "*", or any listed tag equal to ours with or without a W/ prefix.
 */
export function ifNoneMatchHits(header: string | null, etag: string): boolean {
  if (!header) return false;
  const value = header.trim();
  if (value === "*") return true;
  const opaque = etag.replace(/^W\//, "");
  return value.split(",").some((t) => t.trim().replace(/^W\//, "") === opaque);
}
