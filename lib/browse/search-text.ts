// The text the items browser searches for an item: every visible section of its current version (question,
// options, answer, explanation; turns; report sections), one per line, without the section labels (a search for
// "question" should not match every item). Pure, shared by the import, the review hooks and the re-index.
import { contentText } from "@/lib/items/content-text";
import type { ContentByTaskType, TaskType } from "@/lib/items/content";

export function searchTextOf(taskType: TaskType, content: unknown): string {
  try {
    return contentText(taskType, content as ContentByTaskType[TaskType])
      .map((s) => s.text)
      .join("\n");
  } catch {
    // A stored body that does not have its task type's shape has nothing to offer the search.
    return "";
  }
}
