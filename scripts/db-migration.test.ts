import { describe, expect, it } from "vitest";
import { withoutHandWritten } from "./db-migration";

const names = new Set(["ItemSearchFts", "ItemSearchFts_data", "ItemSearchText_text_trgm_idx"]);

describe("the migration check and hand-written SQL", () => {
  it("drops the proposals to remove hand-written objects, and keeps every other change", () => {
    const diff = [
      `-- DropTable\nPRAGMA foreign_keys=off;\nDROP TABLE "ItemSearchFts";\nPRAGMA foreign_keys=on;`,
      `-- DropTable\nPRAGMA foreign_keys=off;\nDROP TABLE "ItemSearchFts_data";\nPRAGMA foreign_keys=on;`,
      `-- DropIndex\nDROP INDEX "ItemSearchText_text_trgm_idx";`,
      `-- DropIndex\nDROP INDEX "Item_status_idx";`,
      `-- AlterTable\nALTER TABLE "Item" ADD COLUMN "x" TEXT;`,
    ].join("\n\n");
    const left = withoutHandWritten(diff, names);
    expect(left).not.toContain("ItemSearch");
    expect(left).toContain(`DROP INDEX "Item_status_idx"`);
    expect(left).toContain(`ADD COLUMN "x"`);
    expect(withoutHandWritten(diff.split("\n\n").slice(0, 3).join("\n\n"), names)).toBe("");
  });
});
