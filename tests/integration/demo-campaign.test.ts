import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit";
import { CAMPAIGN_REVIEWS } from "@/lib/demo/campaign";
import { seedDemo } from "@/lib/demo/seed";
import { isExportable } from "@/lib/review/lifecycle";
import { withDatabase } from "./setup";

const db = withDatabase();

// The items the end-to-end tests and the quick start work on: each reviewer's first items, the adjudication and
// gold examples. The campaign must leave them pending and assigned.
const KEPT_FOR_TESTS = ["demo-oqa-002", "demo-mcq-002", "demo-oqa-005", "demo-oqa-008", "demo-con-002"];

async function byExternalId(externalId: string) {
  return db().item.findUniqueOrThrow({
    where: { externalId },
    include: { levels: { orderBy: { rank: "asc" } }, versions: { orderBy: { number: "asc" } }, reviews: { include: { levels: true } } },
  });
}

describe("the demo seed's campaign", () => {
  it("plays out reviews and an adjudication through the domain functions, leaving exportable items and the tests' items pending", async () => {
    const quiet = () => {};
    const first = await seedDemo(quiet);
    expect(first.campaign).toEqual({ reviews: CAMPAIGN_REVIEWS.length, adjudications: 1 });

    // The seed's own ids (demo-mcq-004 …); other test files import items named demo-rep-0001 and the like.
    const items = (await db().item.findMany({ where: { externalId: { startsWith: "demo-" } }, select: { externalId: true, status: true, finalDecision: true } })).filter((i) =>
      /^demo-[a-z]+-\d{3}$/.test(i.externalId),
    );
    expect(items.length).toBe(40);
    const by = (status: string) => items.filter((i) => i.status === status).map((i) => i.externalId).sort();
    // Accepted as they stood, edited, rejected, agreed by two, adjudicated.
    expect(items.filter((i) => i.status === "approved" && i.finalDecision === "accept").length).toBeGreaterThanOrEqual(5);
    expect(items.filter((i) => i.status === "approved" && i.finalDecision === "edit").length).toBeGreaterThanOrEqual(3);
    expect(by("rejected")).toEqual(["demo-mcq-009", "demo-oqa-006", "demo-rep-006"]);
    expect(by("adjudicated")).toEqual(["demo-mcq-004"]);
    expect(by("pending").length).toBeGreaterThanOrEqual(20);
    const exportable = items.filter((i) => isExportable(i.status, i.finalDecision));
    expect(exportable.length).toBe(13);

    // An edit is a reviewed version with the reviewer's text.
    const edited = await byExternalId("demo-mcq-006");
    const reviewed = edited.versions.find((v) => v.kind === "reviewed");
    expect((reviewed?.content as { explanation: string }).explanation).toMatch(/counting from C2 on the sagittal localiser\.$/);
    expect(edited.currentVersionId).toBe(reviewed?.id);

    // The clinically dangerous rejection, with its reason: a negative for the export.
    const dangerous = await byExternalId("demo-rep-006");
    expect(dangerous.reviews[0]).toMatchObject({ decision: "reject", reason: "unsafe_or_outdated_recommendation", severity: "clinically_dangerous" });

    // Two reviews that agreed.
    const agreed = await byExternalId("demo-rep-004");
    expect(agreed.status).toBe("approved");
    expect(agreed.reviews.filter((r) => !r.isAdjudication).length).toBe(2);

    // The disagreement: one review moved S1 to L5/S1, the adjudicator took that correction; the item's levels are
    // now L1 and L5/S1, recorded on an adjudicated version.
    const adjudicated = await byExternalId("demo-mcq-004");
    expect(adjudicated.levels.map((l) => l.level)).toEqual(["L1", "L5/S1"]);
    const final = adjudicated.reviews.find((r) => r.isAdjudication);
    expect(final?.decision).toBe("edit");
    expect(final?.levels.find((l) => l.level === "S1")).toMatchObject({ decision: "edit", correctedLevel: "L5/S1" });
    expect(adjudicated.versions.at(-1)?.kind).toBe("adjudicated");

    // What the end-to-end tests and the quick start use is untouched.
    for (const id of KEPT_FOR_TESTS) {
      const it = await byExternalId(id);
      expect(it.status, id).toBe("pending");
      expect(it.reviews, id).toEqual([]);
      expect(await db().assignment.count({ where: { itemId: it.id, status: "assigned" } }), id).toBeGreaterThan(0);
    }
    expect((await verifyAuditChain()).ok).toBe(true);

    // Running the seed again changes nothing.
    const counts = async () => ({ reviews: await db().review.count(), versions: await db().itemVersion.count(), audit: await db().auditEvent.count() });
    const before = await counts();
    const again = await seedDemo(quiet);
    expect(again.campaign).toEqual({ reviews: 0, adjudications: 0 });
    expect(await counts()).toEqual(before);
  });
});
