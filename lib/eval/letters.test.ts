import { describe, expect, it } from "vitest";
import { extractLetter } from "./letters";

const options = { A: "Grade 0 (normal)", B: "Grade 1 (mild, 20–25%)", C: "Grade 2 (moderate, 25–40%)", D: "Grade 3 (severe, more than 40%)" };

describe("extractLetter", () => {
  it.each([
    ["B", "B"],
    ["b", "B"],
    ["(B)", "B"],
    ["[C]", "C"],
    ["B.", "B"],
    ["B)", "B"],
    ["D:", "D"],
    ["  C  ", "C"],
    ["B. Grade 1 (mild, 20–25%)", "B"],
    ["(C) Grade 2, because the loss is 30%", "C"],
    ["**C**", "C"],
    ["C - moderate", "C"],
    ["Answer: D", "D"],
    ["The answer is (C).", "C"],
    ["The correct option is B because…", "B"],
    ["答案：C", "C"],
    ["答案是B", "B"],
    ["C Grade 2 (moderate, 25–40%)", "C"],
    ["Grade 2 (moderate, 25–40%)", "C"],
    ["grade 0 (normal).", "A"],
  ])("%j → %s", (answer, letter) => {
    expect(extractLetter(answer, options)).toBe(letter);
  });

  it.each([
    [""],
    ["   "],
    ["E"], // not an option of this question
    ["(E) none of these"],
    ["A patient with a 30% height loss has a moderate fracture"], // prose that starts with the article "A"
    ["I think it is probably moderate"],
    ["Either B or C"],
  ])("%j → unparsed", (answer) => {
    expect(extractLetter(answer, options)).toBeNull();
  });
});
