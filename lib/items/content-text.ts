// Content as labelled plain-text sections: what the diff view lines up between versions (by key) and what search
// indexes. The text is returned as written; escaping is the renderer's job.

import { OPTION_KEYS, type ContentByTaskType, type TaskType } from "./content";

export interface ContentSection {
  /** Stable across versions of one item, so sections can be paired for a diff: "question", "options.B", "turns[3]". */
  key: string;
  label: string;
  text: string;
}

const REPORT_SECTIONS = [
  ["findings", "Findings"],
  ["diagnosis", "Diagnosis"],
  ["treatment.patientFriendly", "Treatment (patient-friendly)"],
  ["treatment.evidenceBased", "Treatment (evidence-based)"],
  ["riskPrognosis", "Risk and prognosis"],
  ["postOpManagement", "Post-operative management"],
  ["diagnosticBasis", "Diagnostic basis"],
] as const;

const ROLE_LABELS = { patient: "Patient", doctor: "Doctor" } as const;

export function contentText<T extends TaskType>(taskType: T, content: ContentByTaskType[T]): ContentSection[] {
  switch (taskType) {
    case "mcq": {
      const mcq = content as ContentByTaskType["mcq"];
      const sections: ContentSection[] = [{ key: "question", label: "Question", text: mcq.question }];
      for (const key of OPTION_KEYS) {
        const option = mcq.options[key];
        if (option !== undefined) sections.push({ key: `options.${key}`, label: `Option ${key}`, text: option });
      }
      sections.push({ key: "answer", label: "Answer", text: mcq.answer });
      sections.push({ key: "explanation", label: "Explanation", text: mcq.explanation });
      return sections;
    }
    case "open_qa": {
      const qa = content as ContentByTaskType["open_qa"];
      return [
        { key: "question", label: "Question", text: qa.question },
        { key: "answer", label: "Answer", text: qa.answer },
      ];
    }
    case "consultation": {
      const dialogue = content as ContentByTaskType["consultation"];
      return dialogue.turns.map((turn, i) => ({
        key: `turns[${i}]`,
        label: `${ROLE_LABELS[turn.role]} (turn ${i + 1})`,
        text: turn.text,
      }));
    }
    case "report": {
      const { sections } = content as ContentByTaskType["report"];
      const values: Record<(typeof REPORT_SECTIONS)[number][0], string> = {
        findings: sections.findings,
        diagnosis: sections.diagnosis,
        "treatment.patientFriendly": sections.treatment.patientFriendly,
        "treatment.evidenceBased": sections.treatment.evidenceBased,
        riskPrognosis: sections.riskPrognosis,
        postOpManagement: sections.postOpManagement,
        diagnosticBasis: sections.diagnosticBasis,
      };
      return REPORT_SECTIONS.map(([key, label]) => ({ key: `sections.${key}`, label, text: values[key] }));
    }
    default:
      throw new RangeError(`Unknown task type ${JSON.stringify(taskType)}`);
  }
}

/** All sections as one string ("Label: text" per line), for full-text search and quick previews. */
export function contentPlainText<T extends TaskType>(taskType: T, content: ContentByTaskType[T]): string {
  return contentText(taskType, content)
    .map((s) => `${s.label}: ${s.text}`)
    .join("\n");
}
