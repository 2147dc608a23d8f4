import { describe, expect, it } from "vitest";
import { firstRowNumber, queueHref } from "./queue-links";

describe("links between queue pages", () => {
  it("keep the filters, in a fixed order, and add the cursor and first row number", () => {
    expect(queueHref({})).toBe("/queue");
    expect(queueHref({ status: "pending", taskType: "mcq" })).toBe("/queue?taskType=mcq&status=pending");
    expect(queueHref({ level: "L4/L5" }, { cursor: "abc_-", at: 51 })).toBe("/queue?level=L4%2FL5&cursor=abc_-&at=51");
  });

  it("the first page has no cursor; a bad row number reads as 1", () => {
    expect(queueHref({ modality: "MR" }, { cursor: null, at: 51 })).toBe("/queue?modality=MR");
    expect(firstRowNumber(undefined)).toBe(1);
    expect(firstRowNumber("-3")).toBe(1);
    expect(firstRowNumber("2.5")).toBe(1);
    expect(firstRowNumber("1e300")).toBe(1);
    expect(firstRowNumber("101")).toBe(101);
  });
});
