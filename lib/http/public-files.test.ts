// The static files Next.js serves from public/ at the site root: robots.txt keeps the review tool out of search
// engines (it holds clinical material behind a login), the logo, and the favicon for browsers that ask for it.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const publicDir = join(__dirname, "..", "..", "public");

/** robots.txt as groups: the user agents of a group and its rules. */
function robotsGroups(text: string): { agents: string[]; rules: [string, string][] }[] {
  const groups: { agents: string[]; rules: [string, string][] }[] = [];
  let current: { agents: string[]; rules: [string, string][] } | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [field, ...rest] = line.split(":");
    const key = field.trim().toLowerCase();
    const value = rest.join(":").trim();
    if (key === "user-agent") {
      if (!current || current.rules.length > 0) groups.push((current = { agents: [], rules: [] }));
      current.agents.push(value);
    } else if (current) current.rules.push([key, value]);
  }
  return groups;
}

describe("public/", () => {
  it("robots.txt disallows every path to every crawler", () => {
    const groups = robotsGroups(readFileSync(join(publicDir, "robots.txt"), "utf8"));
    const all = groups.filter((g) => g.agents.includes("*"));
    expect(all).toHaveLength(1);
    expect(all[0].rules).toContainEqual(["disallow", "/"]);
    // No group lets anyone back in.
    expect(groups.flatMap((g) => g.rules).filter(([k]) => k === "allow")).toEqual([]);
    expect(groups.every((g) => g.rules.some(([k, v]) => k === "disallow" && v === "/"))).toBe(true);
  });

  it("logo.svg is a standalone SVG in the app's teal with a title", () => {
    const svg = readFileSync(join(publicDir, "logo.svg"), "utf8");
    expect(svg.trimStart().startsWith("<svg")).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain("#0f766e");
    expect(svg).toMatch(/<title[^>]*>SpineMed Review<\/title>/);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(svg).not.toMatch(/<script|href="http/);
  });

  it("favicon.ico is a valid icon directory of 16, 32 and 48 px images whose data lie inside the file", () => {
    const ico = readFileSync(join(publicDir, "favicon.ico"));
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const entry = 6 + 16 * i;
      const width = ico[entry] || 256;
      const bytes = ico.readUInt32LE(entry + 8);
      const offset = ico.readUInt32LE(entry + 12);
      expect(offset + bytes).toBeLessThanOrEqual(ico.length);
      // Each image is a BMP (BITMAPINFOHEADER, 40 bytes, height doubled for the mask) or a PNG.
      const isPng = ico.subarray(offset, offset + 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      if (!isPng) {
        expect(ico.readUInt32LE(offset)).toBe(40);
        expect(ico.readInt32LE(offset + 4)).toBe(width);
        expect(ico.readInt32LE(offset + 8)).toBe(2 * width);
      }
      sizes.push(width);
    }
    expect(sizes.sort((a, b) => a - b)).toEqual([16, 32, 48]);
  });
});
