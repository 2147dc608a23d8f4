// LLM text is always rendered as text: React escapes it, and nothing here ever uses dangerouslySetInnerHTML.
// Line breaks are kept so a multi-paragraph answer reads as written.
export function ReviewText({ text, className = "" }: { text: string; className?: string }) {
  return <span className={`whitespace-pre-wrap break-words ${className}`}>{text}</span>;
}
