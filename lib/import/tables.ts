// Column lists of the tables an import writes (prisma/models.prisma), for the bulk writer.
import type { TableSpec } from "./bulk";

export const CASE: TableSpec = { name: "Case", columns: { id: "text", externalId: "text", createdAt: "date" } };

export const SERIES: TableSpec = {
  name: "Series",
  columns: { id: "text", caseId: "text", seriesUid: "text", modality: "text", sequence: "text", view: "text", description: "text", number: "int", createdAt: "date" },
};

export const IMAGE: TableSpec = {
  name: "Image",
  columns: {
    id: "text", seriesId: "text", sha256: "text", storageKey: "text", format: "text", sizeBytes: "int", sopInstanceUid: "text", sopClassUid: "text",
    instanceNumber: "int", modality: "text", rows: "int", columns: "int", frames: "int", bitsAllocated: "int", photometric: "text",
    pixelSpacingRow: "float", pixelSpacingCol: "float", windowCenter: "float", windowWidth: "float", transferSyntaxUid: "text",
    sliceLocation: "float", originalName: "text", deidentification: "json", importBatchId: "text", createdAt: "date",
    pacsEndpointId: "text", pacsStudyUid: "text", pacsSeriesUid: "text", pacsInstanceUid: "text", proxied: "bool",
  },
};

export const LANDMARK: TableSpec = { name: "ImageLandmark", columns: { id: "text", imageId: "text", level: "text", x: "float", y: "float", frame: "int" } };

export const ITEM: TableSpec = {
  name: "Item",
  columns: {
    id: "text", externalId: "text", taskType: "enum:TaskType", language: "text", modality: "text", subfield: "text", status: "enum:ItemStatus",
    requiredReviews: "int", caseId: "text", sourceType: "text", sourceReference: "text", licence: "text", importBatchId: "text",
    currentVersionId: "text", sourceHash: "text", openSlots: "int", round: "int", stagedBatchId: "text", createdAt: "date", updatedAt: "date",
  },
};

export const VERSION: TableSpec = {
  name: "ItemVersion",
  columns: {
    id: "text", itemId: "text", number: "int", kind: "enum:VersionKind", content: "json", contentHash: "text", generatorModel: "text",
    generatorVersion: "text", promptId: "text", promptVersion: "text", generationParams: "json", generatedAt: "date", authorId: "text",
    basedOnId: "text", importBatchId: "text", stagedBatchId: "text", createdAt: "date",
  },
};

export const LEVEL: TableSpec = { name: "ItemLevel", columns: { id: "text", itemId: "text", level: "text", kind: "text", rank: "int", note: "text" } };

export const ITEM_IMAGE: TableSpec = { name: "ItemImage", columns: { itemId: "text", imageId: "text", position: "int" } };

export const BATCH: TableSpec = {
  name: "ImportBatch",
  columns: { id: "text", fileName: "text", fileSha256: "text", policy: "text", status: "enum:JobStatus", createdById: "text", counts: "json", report: "json", startedAt: "date", finishedAt: "date" },
};

export const AUDIT: TableSpec = {
  name: "AuditEvent",
  columns: { at: "date", actorId: "text", action: "text", targetType: "text", targetId: "text", before: "json", after: "json", prevHash: "text", hash: "text" },
};
