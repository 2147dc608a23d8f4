// The native record and the evaluation records of one exported item. Pure: built from the item's stored rows,
// its final state and the paths its images were written to. Reviewer and author ids are pseudonyms (a salted HMAC
// per snapshot, lib/export/pseudonym); no user id, name or e-mail is ever written.
import type { LevelRow } from "@/lib/adjudication/levels";
import { reportText, type Content } from "./formats";
import type { FinalState, StoredReview, StoredVersion } from "./final-state";
import { finalRubric } from "./final-state";
import { storedJson } from "./raw-json";
import type { Split } from "./splits";

export interface NativeVersion extends StoredVersion {
  /** The content's stored JSON text, when the database gave it as text (copied into the record as it is). */
  contentJson?: string;
  generatorModel: string | null;
  generatorVersion: string | null;
  promptId: string | null;
  promptVersion: string | null;
  generationParams: unknown;
  generatedAt: Date | null;
  authorId: string | null;
  basedOnId: string | null;
  levels: unknown;
}

export interface NativeReview extends StoredReview {
  reviewerId: string;
  baseVersionId: string;
  resultVersionId: string | null;
  comment: string | null;
  rubricTotal: number | null;
  levels: (StoredReview["levels"][number] & { comment: string | null })[];
}

export interface NativeItem {
  externalId: string;
  taskType: string;
  language: string;
  modality: string | null;
  subfield: string;
  status: string;
  finalDecision: string | null;
  round: number;
  sourceType: string;
  sourceReference: string;
  licence: string | null;
  importBatchId: string | null;
  caseExternalId: string | null;
  versions: NativeVersion[];
  reviews: NativeReview[];
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const levelView = (l: LevelRow) => ({ level: l.level, kind: l.kind, note: l.note });

export function nativeRecord(item: NativeItem, state: FinalState<NativeVersion, NativeReview>, split: Split, images: string[], alias: (userId: string) => string) {
  const numberOf = new Map(item.versions.map((v) => [v.id, v.number]));
  return {
    id: item.externalId,
    split,
    taskType: item.taskType,
    language: item.language,
    modality: item.modality,
    subfield: item.subfield,
    status: item.status,
    finalDecision: item.finalDecision,
    final: { version: state.final.number, kind: state.final.kind, content: storedJson(state.final) },
    levels: { before: state.levelsBefore, after: state.levelsAfter.map(levelView), placed: state.placedLevels },
    images,
    provenance: {
      sourceType: item.sourceType,
      sourceReference: item.sourceReference,
      caseId: item.caseExternalId,
      licence: item.licence,
      importBatch: item.importBatchId,
    },
    versions: item.versions.map((v) => ({
      number: v.number,
      kind: v.kind,
      content: storedJson(v),
      generator: v.generatorModel || v.promptId ? { model: v.generatorModel, version: v.generatorVersion, promptId: v.promptId, promptVersion: v.promptVersion, params: v.generationParams ?? null, generatedAt: iso(v.generatedAt) } : null,
      author: v.authorId ? alias(v.authorId) : null,
      basedOn: v.basedOnId ? (numberOf.get(v.basedOnId) ?? null) : null,
      levels: v.levels ?? null,
    })),
    reviews: item.reviews.map((r) => ({
      reviewer: alias(r.reviewerId),
      adjudication: r.isAdjudication,
      round: r.round,
      deciding: state.deciding.some((d) => d.id === r.id),
      decision: r.decision,
      reason: r.reason,
      severity: r.severity,
      comment: r.comment,
      rubric: r.rubric ?? null,
      rubricTotal: r.rubricTotal,
      baseVersion: numberOf.get(r.baseVersionId) ?? null,
      resultVersion: r.resultVersionId ? (numberOf.get(r.resultVersionId) ?? null) : null,
      submittedAt: r.submittedAt.toISOString(),
      levels: r.levels.map((l) => ({ level: l.level, decision: l.decision, correctedLevel: l.correctedLevel, reason: l.reason, severity: l.severity, comment: l.comment })),
    })),
  };
}
export type NativeRecord = ReturnType<typeof nativeRecord>;

export interface McqEvalRecord {
  id: string;
  format: "text" | "image";
  question: string;
  options: Record<string, string>;
  answer: string;
  levels: string[];
  subfield: string | null;
  language: string;
  images: string[];
}

export interface ReportEvalRecord {
  id: string;
  question: string;
  reference: string;
  rubric: Record<string, number> | null;
  levels: string[];
  subfield: string | null;
  language: string;
  images: string[];
}

const REPORT_QUESTION = {
  en: "Write a structured spine report in six sections: imaging findings, diagnosis, treatment, risk and prognosis, post-operative management, and diagnostic basis.",
  zh: "请撰写结构化脊柱报告，分为六部分：影像学表现、诊断、治疗、风险与预后、术后管理、诊断依据。",
};

/** The evaluation record of an item (MCQs and reports; other task types have none). */
export function evalRecord(item: NativeItem, content: Content, levels: string[], images: string[], deciding: StoredReview[]): { file: "mcq_text" | "mcq_image" | "reports"; record: McqEvalRecord | ReportEvalRecord } | null {
  if (item.taskType === "mcq") {
    const options = content.options as Record<string, string>;
    const sorted = Object.fromEntries(Object.keys(options).sort().map((k) => [k, options[k]]));
    const image = images.length > 0;
    return {
      file: image ? "mcq_image" : "mcq_text",
      record: { id: item.externalId, format: image ? "image" : "text", question: content.question as string, options: sorted, answer: content.answer as string, levels, subfield: item.subfield || null, language: item.language, images },
    };
  }
  if (item.taskType === "report") {
    return {
      file: "reports",
      record: {
        id: item.externalId,
        question: item.language === "zh" ? REPORT_QUESTION.zh : REPORT_QUESTION.en,
        reference: reportText(content, item.language),
        rubric: finalRubric(deciding),
        levels,
        subfield: item.subfield || null,
        language: item.language,
        images,
      },
    };
  }
  return null;
}
