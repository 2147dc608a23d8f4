// Text from an imported file shown back to a person (terminal or page): control characters, and characters that
// reorder or hide text, are shown as escapes. A file's raw ESC bytes must never reach a terminal as commands.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

export function visible(text: string): string {
  return text.replace(INVISIBLE, (c) => {
    if (c === "\n") return "\\n";
    if (c === "\r") return "\\r";
    if (c === "\t") return "\\t";
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`;
  });
}
