// The option letter a model answered with. Models answer "B", "(B)", "B. Superior endplate…", "**B**",
// "Answer: B" or "The answer is (B)", and sometimes with the option's text alone. Anything else is unparsed
// (counted and reported, scored as wrong): guessing a letter out of free prose would score answers nobody gave.

const MARKUP = /[*_`]/g;

function normalise(s: string): string {
  return s.replace(MARKUP, "").replace(/\s+/g, " ").trim();
}

/** The letter the answer names, if it is one of the question's option letters; else null. */
export function extractLetter(answer: string, options: Record<string, string>): string | null {
  const letters = new Set(Object.keys(options).map((k) => k.toUpperCase()));
  const pick = (l: string | undefined) => (l && letters.has(l.toUpperCase()) ? l.toUpperCase() : null);
  const text = normalise(answer);
  if (text === "") return null;

  // A letter alone, or leading: "B", "b", "(B)", "[B]", "B.", "B)", "B:", "B. text…", "(B) text…".
  const leading = /^[([]?([A-Za-z])[)\]]?(?:[.:)]|\s*$|\s+-\s)/.exec(text) ?? /^[([]([A-Za-z])[)\]]/.exec(text);
  if (leading) return pick(leading[1]);
  // "Answer: B", "The answer is (C).", "Correct option: D" — the letter must stand alone.
  const stated = /\b(?:answer|option|choice)\b(?: is)?\s*[:：]?\s*[([]?([A-Za-z])[)\]]?(?=$|[\s.,;:!)\]])/i.exec(text);
  if (stated) return pick(stated[1]);
  // "答案：B", "答案是 C" (Chinese items).
  const zh = /答案\s*(?:是|为)?\s*[:：]?\s*[(（]?([A-Za-z])[)）]?/.exec(text);
  if (zh) return pick(zh[1]);
  // A capital letter alone followed by the start of its option's text: "B Superior endplate of L1…".
  const spaced = /^([A-Z]) (.+)$/.exec(text);
  if (spaced && options[spaced[1]] && spaced[2].toLowerCase().startsWith(normalise(options[spaced[1]]).toLowerCase().slice(0, 12))) {
    return pick(spaced[1]);
  }
  // The option's text itself, exactly.
  const lower = text.toLowerCase().replace(/[.\s]+$/, "");
  const byText = Object.entries(options).filter(([, t]) => normalise(t).toLowerCase().replace(/[.\s]+$/, "") === lower);
  if (byText.length === 1) return pick(byText[0][0]);
  return null;
}
