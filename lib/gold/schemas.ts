// The expected outcome an admin sets on a gold item. Shared by the admin's gold form and the route; no server
// imports. Which levels the item has is checked in the service.
import { z } from "zod";
import { parseLevel } from "@/lib/levels";
import { DECISIONS, MAX_COMMENT } from "@/lib/review/schemas";

function level(label: string) {
  return z.string({ error: `${label}: give a level such as L4/L5 or C7` }).transform((value, ctx) => {
    const parsed = parseLevel(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: `${label}: ${parsed.error}` });
      return z.NEVER;
    }
    return parsed.level.canonical;
  });
}

const expectedLevel = z
  .strictObject({
    decision: z.enum(DECISIONS, { error: "Expected level decision: choose accept, edit or reject" }),
    correctedLevel: level("Expected corrected level").nullish().transform((v) => v ?? null),
  })
  .transform((l) => (l.correctedLevel ? { decision: "edit" as const, correctedLevel: l.correctedLevel } : l));

export const goldSchema = z
  .strictObject(
    {
      decision: z.enum(DECISIONS, { error: "Expected decision: choose accept, edit or reject" }),
      levels: z.record(z.string(), expectedLevel, { error: "Levels: give { level: { decision, correctedLevel? } }" }),
      note: z
        .string()
        .trim()
        .max(MAX_COMMENT, `The note is too long: at most ${MAX_COMMENT} characters`)
        .nullish()
        .transform((v) => (v ? v : null)),
    },
    { error: (issue) => (issue.code === "unrecognized_keys" ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(", ")} in the gold standard` : undefined) },
  )
  .transform((g, ctx) => {
    // Level keys in any spelling ("L4-5") are stored canonically, so scoring compares like with like.
    const levels: Record<string, { decision: (typeof DECISIONS)[number]; correctedLevel: string | null }> = {};
    for (const [key, expected] of Object.entries(g.levels)) {
      const parsed = parseLevel(key);
      if (!parsed.ok) {
        ctx.addIssue({ code: "custom", path: ["levels", key], message: `Levels: ${parsed.error}` });
        return z.NEVER;
      }
      const canonical = parsed.level.canonical;
      if (levels[canonical]) {
        ctx.addIssue({ code: "custom", path: ["levels", key], message: `Levels: ${canonical} is listed twice` });
        return z.NEVER;
      }
      if (expected.correctedLevel === canonical) {
        ctx.addIssue({ code: "custom", path: ["levels", key], message: `The expected correction of ${canonical} is ${canonical} itself: choose the level the claim belongs to` });
        return z.NEVER;
      }
      levels[canonical] = { decision: expected.decision, correctedLevel: expected.correctedLevel ?? null };
    }
    return { ...g, levels };
  });

export type GoldInput = z.input<typeof goldSchema>;
export type GoldValue = z.output<typeof goldSchema>;
