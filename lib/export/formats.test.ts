import { describe, expect, it } from "vitest";
import { example } from "@/lib/items/test-fixtures";
import { conversation, countTag, IMAGE_TAG, ktoRecord, preferenceRecord, reportText, sftRecord, type Content } from "./formats";
import { groundingRecord, levelBox, vertebralSpacing } from "./grounding";

const content = (task: "mcq" | "open_qa" | "consultation" | "report") => (example(task).revision ?? example(task).draft).content as Content;

describe("SFT records", () => {
  it("have exactly one <image> tag per image, in the first user turn, for every task type", () => {
    for (const task of ["mcq", "open_qa", "consultation", "report"] as const) {
      for (const n of [0, 1, 3]) {
        const images = Array.from({ length: n }, (_, i) => `images/${i}.png`);
        const r = sftRecord({ taskType: task, language: "en", images, final: content(task) });
        expect(countTag(r.messages, IMAGE_TAG), `${task} with ${n} images`).toBe(n);
        expect(r.images).toEqual(images);
        expect(r.messages[0].role).toBe("user");
        if (n) expect(r.messages[0].content.startsWith(IMAGE_TAG.repeat(n))).toBe(true);
        expect(r.messages[r.messages.length - 1].role).toBe("assistant");
      }
    }
  });

  it("turn a consultation into alternating user and assistant turns ending with the doctor", () => {
    const c = { turns: [{ role: "doctor", text: "Hello." }, { role: "patient", text: "My neck hurts." }, { role: "patient", text: "And my arm." }, { role: "doctor", text: "Since when?" }, { role: "patient", text: "Thanks." }] };
    const r = sftRecord({ taskType: "consultation", language: "en", images: [], final: c });
    expect(r.messages).toEqual([
      { role: "user", content: "My neck hurts.\n\nAnd my arm." },
      { role: "assistant", content: "Since when?" },
    ]);
  });

  it("write a report as its six sections under fixed headings", () => {
    const text = reportText(content("report"), "en");
    expect(text.match(/^## /gm)).toHaveLength(6);
    expect(text.split("\n## ").map((s) => s.replace(/^## /, "").split("\n")[0])).toEqual([
      "Imaging findings",
      "Diagnosis",
      "Treatment",
      "Risk and prognosis",
      "Post-operative management",
      "Diagnostic basis",
    ]);
    expect(reportText(content("report"), "zh")).toContain("## 影像学表现");
  });

  it("give an MCQ its options and answer key", () => {
    const c = conversation("mcq", content("mcq"), "en", 1);
    expect(c.prompt[0].content).toMatch(/\nA\. .+\nB\. /);
    expect(c.answer.content.startsWith(`${content("mcq").answer as string}. `)).toBe(true);
  });
});

describe("preference and KTO records", () => {
  it("pair the reviewed answer (chosen) with the LLM answer the reviewer corrected (rejected)", () => {
    const llm = content("open_qa");
    const reviewed = { ...llm, answer: `${llm.answer as string} Corrected.` };
    const item = { taskType: "open_qa" as const, language: "en", images: ["images/a.png"], final: reviewed };
    const swift = preferenceRecord(item, llm)!;
    expect(swift.messages[swift.messages.length - 1]).toEqual({ role: "assistant", content: reviewed.answer });
    expect(swift.rejected_response).toBe(llm.answer);
    const trl = preferenceRecord(item, llm, "trl")!;
    expect(trl).toMatchObject({ chosen: [{ role: "assistant", content: reviewed.answer }], rejected: [{ role: "assistant", content: llm.answer }] });
    expect(preferenceRecord({ ...item, final: llm }, llm)).toBeNull();
  });

  it("label a rejected item false with its reason", () => {
    const r = ktoRecord({ taskType: "open_qa", language: "en", images: [], final: content("open_qa") }, false, { reason: "unsafe_recommendation", severity: "clinically_dangerous" });
    expect(r).toMatchObject({ label: false, reason: "unsafe_recommendation", severity: "clinically_dangerous" });
  });
});

describe("grounding", () => {
  // Five lumbar centroids 40 px apart on a 200 × 400 image.
  const landmarks = ["L1", "L2", "L3", "L4", "L5"].map((level, i) => ({ level, x: 100, y: 100 + 40 * i }));

  it("derives boxes from centroids and the vertebral spacing", () => {
    expect(vertebralSpacing(landmarks, 400, 200)).toBe(40);
    expect(levelBox("L4", landmarks, 400, 200)).toEqual([82, 202, 118, 238]);
    // L4/L5: centred between L4 (y 220) and L5 (y 260), 36 wide and 16 tall.
    expect(levelBox("L4/L5", landmarks, 400, 200)).toEqual([82, 232, 118, 248]);
    expect(levelBox("S1", landmarks, 400, 200)).toBeNull();
    expect(levelBox("L1", [{ level: "L1", x: 2, y: 2 }], 100, 100)).toEqual([0, 0, 6, 6]);
  });

  it("has one <ref-object> and one <bbox> per box, and skips levels not on the image", () => {
    const r = groundingRecord({ path: "images/x.png", rows: 400, columns: 200, landmarks }, ["L5", "L4/L5", "S1"], "en")!;
    expect(r.objects.ref).toEqual(["L4/L5", "L5"]);
    expect(r.objects.bbox).toHaveLength(2);
    expect(r.objects.bbox_type).toBe("real");
    expect(countTag(r.messages, "<ref-object>")).toBe(2);
    expect(countTag(r.messages, "<bbox>")).toBe(2);
    expect(countTag(r.messages, IMAGE_TAG)).toBe(1);
    expect(groundingRecord({ path: "images/x.png", rows: 400, columns: 200, landmarks }, ["C5"], "en")).toBeNull();
  });
});
