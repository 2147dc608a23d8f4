// LLM text is always rendered as text: React escapes it, and nothing here ever uses dangerouslySetInnerHTML.
// Line breaks are kept so a multi-paragraph answer reads as written.
//
// Text can also lie without HTML: a right-to-left override (U+202E) reverses the rest of its paragraph on screen,
// zero-width characters hide inside words. So each block is its own bidi island (dir="auto", unicode-bidi:
// isolate: nothing in it reorders the page around it), and every invisible or control character is drawn as a
// marked ⟨U+202E⟩ chip in its place instead of acting. What the reviewer reads is what is stored.
import { splitInvisible, type InvisibleChar } from "@/lib/items/invisible";

export function ReviewText({ text, className = "" }: { text: string; className?: string }) {
  return (
    <span dir="auto" className={`whitespace-pre-wrap break-words [unicode-bidi:isolate] ${className}`} data-review-text="">
      <VisibleText text={text} />
    </span>
  );
}

/** The text with its invisible characters as chips; for inline runs (diff parts) inside an isolated block. */
export function VisibleText({ text }: { text: string }) {
  const parts = splitInvisible(text);
  if (parts.length === 1 && parts[0].type === "text") return <>{parts[0].text}</>;
  return (
    <>
      {parts.map((p, i) => (p.type === "text" ? <span key={i}>{p.text}</span> : <InvisibleChip key={i} c={p} />))}
    </>
  );
}

export function InvisibleChip({ c }: { c: InvisibleChar }) {
  const tone = c.kind === "bidi" ? "border-fuchsia-500 bg-fuchsia-50 text-fuchsia-900" : "border-amber-500 bg-amber-50 text-amber-900";
  return (
    <span
      dir="ltr"
      data-testid="invisible-char"
      data-code={c.code}
      title={`${c.name}: an invisible ${c.kind === "bidi" ? "text-direction control" : c.kind === "control" ? "control character" : "format character"} in the stored text`}
      className={`mx-px inline-block rounded border px-0.5 align-baseline font-mono text-[10px] leading-4 [unicode-bidi:isolate] ${tone}`}
    >
      ⟨{c.code}⟩
    </span>
  );
}
