// The records training and evaluation read, built from an item's final state. Pure: the export streams items
// from the database into these functions and writes what they return. Forms (ms-swift / ShareGPT):
//  - SFT: { messages, images }, exactly one "<image>" tag per image, in order, in the first user turn;
//  - preference from edits: ms-swift's { messages (ending with the reviewed answer), rejected_response, images },
//    or TRL's { prompt, chosen, rejected } conversational form;
//  - KTO: { messages, label, images }, label false for a rejected item (with its reason), true for an approved one.
// Consultations become multi-turn messages; reports become the six sections under fixed headings.
import type { TaskType } from "@/lib/items/content";

export interface Message {
  role: "system" | "user" | "assistant";
  content: string;
}

/** The content of one version, as stored (lib/items/content). */
export type Content = Record<string, unknown>;

export interface ExportableItem {
  taskType: TaskType;
  language: string;
  /** Relative paths of the item's images (PNG files of the snapshot), in the item's order. */
  images: string[];
  /** The final text: the agreed reviewed or adjudicated version, else the revision the reviewers accepted. */
  final: Content;
}

export const IMAGE_TAG = "<image>";

const REPORT_HEADINGS = {
  en: {
    findings: "Imaging findings",
    diagnosis: "Diagnosis",
    treatment: "Treatment",
    patientFriendly: "For the patient",
    evidenceBased: "Evidence-based",
    riskPrognosis: "Risk and prognosis",
    postOpManagement: "Post-operative management",
    diagnosticBasis: "Diagnostic basis",
    ask: "Write a structured spine report for these images in six sections: imaging findings, diagnosis, treatment, risk and prognosis, post-operative management, and diagnostic basis.",
    askText: "Write a structured spine report in six sections: imaging findings, diagnosis, treatment, risk and prognosis, post-operative management, and diagnostic basis.",
    mcq: "Answer with the letter of the correct option, then explain.",
  },
  zh: {
    findings: "影像学表现",
    diagnosis: "诊断",
    treatment: "治疗",
    patientFriendly: "患者版",
    evidenceBased: "循证版",
    riskPrognosis: "风险与预后",
    postOpManagement: "术后管理",
    diagnosticBasis: "诊断依据",
    ask: "请根据这些影像撰写结构化脊柱报告，分为六部分：影像学表现、诊断、治疗、风险与预后、术后管理、诊断依据。",
    askText: "请撰写结构化脊柱报告，分为六部分：影像学表现、诊断、治疗、风险与预后、术后管理、诊断依据。",
    mcq: "请给出正确选项的字母，并解释。",
  },
} as const;

function words(language: string) {
  return language === "zh" ? REPORT_HEADINGS.zh : REPORT_HEADINGS.en;
}

const tags = (n: number) => IMAGE_TAG.repeat(n);

/** The six report sections under fixed headings (Markdown), in the order of the SpineMed report. */
export function reportText(content: Content, language: string): string {
  const w = words(language);
  const s = content.sections as Record<string, unknown> & { treatment: { patientFriendly: string; evidenceBased: string } };
  return [
    `## ${w.findings}\n${s.findings}`,
    `## ${w.diagnosis}\n${s.diagnosis}`,
    `## ${w.treatment}\n### ${w.patientFriendly}\n${s.treatment.patientFriendly}\n### ${w.evidenceBased}\n${s.treatment.evidenceBased}`,
    `## ${w.riskPrognosis}\n${s.riskPrognosis}`,
    `## ${w.postOpManagement}\n${s.postOpManagement}`,
    `## ${w.diagnosticBasis}\n${s.diagnosticBasis}`,
  ].join("\n\n");
}

/** The prompt turns and the answer of one version of an item: the answer is what a reviewer approved or edited. */
export function conversation(taskType: TaskType, content: Content, language: string, imageCount: number): { prompt: Message[]; answer: Message } {
  const w = words(language);
  switch (taskType) {
    case "mcq": {
      const options = content.options as Record<string, string>;
      const lines = Object.keys(options)
        .sort()
        .map((k) => `${k}. ${options[k]}`)
        .join("\n");
      const answer = content.answer as string;
      return {
        prompt: [{ role: "user", content: `${tags(imageCount)}${content.question as string}\n\n${lines}\n\n${w.mcq}` }],
        answer: { role: "assistant", content: `${answer}. ${options[answer]}\n\n${content.explanation as string}` },
      };
    }
    case "open_qa":
      return {
        prompt: [{ role: "user", content: `${tags(imageCount)}${content.question as string}` }],
        answer: { role: "assistant", content: content.answer as string },
      };
    case "report":
      return {
        prompt: [{ role: "user", content: `${tags(imageCount)}${imageCount > 0 ? w.ask : w.askText}` }],
        answer: { role: "assistant", content: reportText(content, language) },
      };
    case "consultation": {
      const turns = [...(content.turns as { role: "patient" | "doctor"; text: string }[])];
      // A conversation for training opens with the patient and ends with the doctor.
      while (turns.length && turns[0].role === "doctor") turns.shift();
      while (turns.length && turns[turns.length - 1].role === "patient") turns.pop();
      const messages: Message[] = [];
      for (const t of turns) {
        const role = t.role === "patient" ? "user" : "assistant";
        const last = messages[messages.length - 1];
        // Two turns of the same speaker in a row become one message: chat templates expect them to alternate.
        if (last && last.role === role) last.content += `\n\n${t.text}`;
        else messages.push({ role, content: t.text });
      }
      if (messages.length < 2) throw new RangeError("a consultation needs a patient turn followed by a doctor turn");
      messages[0] = { role: "user", content: `${tags(imageCount)}${messages[0].content}` };
      const answer = messages.pop()!;
      return { prompt: messages, answer };
    }
  }
}

export interface SftRecord {
  messages: Message[];
  images: string[];
}

export function sftRecord(item: ExportableItem): SftRecord {
  const c = conversation(item.taskType, item.final, item.language, item.images.length);
  return { messages: [...c.prompt, c.answer], images: item.images };
}

/**
 * A preference pair from an edit: chosen is the reviewed (or adjudicated) answer, rejected the LLM version the
 * reviewer corrected. Null when the two answers are the same text (nothing was learned).
 */
export interface SwiftPreference {
  messages: Message[];
  rejected_response: string;
  images: string[];
}
export interface TrlPreference {
  prompt: Message[];
  chosen: Message[];
  rejected: Message[];
  images: string[];
}
export function preferenceRecord(item: ExportableItem, llm: Content, form?: "swift"): SwiftPreference | null;
export function preferenceRecord(item: ExportableItem, llm: Content, form: "trl"): TrlPreference | null;
export function preferenceRecord(item: ExportableItem, llm: Content, form: "swift" | "trl" = "swift"): SwiftPreference | TrlPreference | null {
  const chosen = conversation(item.taskType, item.final, item.language, item.images.length);
  const rejected = conversation(item.taskType, llm, item.language, item.images.length);
  if (chosen.answer.content === rejected.answer.content) return null;
  if (form === "trl") {
    return { prompt: chosen.prompt, chosen: [chosen.answer], rejected: [rejected.answer], images: item.images };
  }
  return { messages: [...chosen.prompt, chosen.answer], rejected_response: rejected.answer.content, images: item.images };
}

/** A KTO example: the item's text with label false when reviewers rejected it (and why), true when approved. */
export function ktoRecord(item: ExportableItem, label: boolean, reason?: { reason: string | null; severity: string | null }) {
  const c = conversation(item.taskType, item.final, item.language, item.images.length);
  return { messages: [...c.prompt, c.answer], label, images: item.images, ...(label ? {} : { reason: reason?.reason ?? null, severity: reason?.severity ?? null }) };
}

/** Counts a tag in a record's messages (the export checks every record with it). */
export function countTag(messages: Message[], tag: string): number {
  let n = 0;
  for (const m of messages) n += m.content.split(tag).length - 1;
  return n;
}
