import { describe, expect, it } from "vitest";
import { correctedLevels } from "./levels";

const row = (level: string, kind: string, rank: number, note: string | null = null) => ({ level, kind, rank, note });

describe("correctedLevels", () => {
  it("moves a claim with its note, in cranio-caudal order, with the kind and rank of the new level", () => {
    const out = correctedLevels([row("C7", "vertebra", 60), row("S1", "vertebra", 260, "sacral slope")], new Map([["S1", "L5"], ["C7", "T1"]]));
    expect(out.map((l) => [l.level, l.kind, l.note])).toEqual([["T1", "vertebra", null], ["L5", "vertebra", "sacral slope"]]);
    expect(out[0].rank).toBeLessThan(out[1].rank);
  });

  it("two claims ending on one level become one level, with the upper claim's note", () => {
    const out = correctedLevels([row("L4/L5", "disc", 235, "extrusion"), row("L5/S1", "disc", 245, "Pfirrmann IV")], new Map([["L4/L5", "L5/S1"]]));
    expect(out).toEqual([{ level: "L5/S1", kind: "disc", rank: expect.any(Number), note: "extrusion" }]);
  });
});
