import { describe, expect, it } from "vitest";
import { etagFor, ifNoneMatchHits } from "./http";

const sha = "a".repeat(64);

describe("image ETags", () => {
  it("quotes the sha256", () => {
    expect(etagFor(sha)).toBe(`"${sha}"`);
  });

  it("matches If-None-Match lists, weak tags and *", () => {
    const etag = etagFor(sha);
    expect(ifNoneMatchHits(etag, etag)).toBe(true);
    expect(ifNoneMatchHits(`"other", W/${etag}`, etag)).toBe(true);
    expect(ifNoneMatchHits("*", etag)).toBe(true);
    expect(ifNoneMatchHits(`"${"b".repeat(64)}"`, etag)).toBe(false);
    expect(ifNoneMatchHits(sha, etag)).toBe(false); // unquoted is not the same tag
    expect(ifNoneMatchHits(null, etag)).toBe(false);
  });
});
