// dcmjs 0.52 ships no type declarations. This covers only the part of its API the app uses (building and writing
// Part 10 files); extend it when another part is needed rather than falling back to `any` at call sites.
declare module "dcmjs" {
  /** One element of a tag-keyed ("denaturalized") data set, e.g. dict["00100010"]. */
  export interface DicomDictElement {
    vr: string;
    Value: unknown[];
  }
  export type DicomTagDict = Record<string, DicomDictElement>;

  /** A "naturalized" data set: attributes by keyword, sequences as arrays of nested data sets. */
  export interface NaturalDataset {
    _vrMap?: Record<string, string>;
    [keyword: string]: unknown;
  }

  export class DicomDict {
    constructor(meta: DicomTagDict);
    meta: DicomTagDict;
    dict: DicomTagDict;
    upsertTag(tag: string, vr: string, values: unknown[]): void;
    write(options?: { allowInvalidVRLength?: boolean; fragmentMultiframe?: boolean }): ArrayBuffer;
  }

  export class DicomMessage {
    static readFile(
      buffer: ArrayBuffer,
      options?: {
        ignoreErrors?: boolean;
        untilTag?: string | null;
        includeUntilTagValue?: boolean;
        noCopy?: boolean;
        forceStoreRaw?: boolean;
      },
    ): DicomDict;
  }

  export class DicomMetaDictionary {
    static naturalizeDataset(dataset: DicomTagDict): NaturalDataset;
    static denaturalizeDataset(dataset: NaturalDataset): DicomTagDict;
    static uid(): string;
    static punctuateTag(rawTag: string): string;
    static unpunctuateTag(tag: string): string;
    static dictionary: Record<string, { tag: string; vr: string; name: string; vm: string; version: string }>;
    static nameMap: Record<string, { tag: string; vr: string; name: string; vm: string; version: string }>;
  }

  export const data: {
    DicomDict: typeof DicomDict;
    DicomMessage: typeof DicomMessage;
    DicomMetaDictionary: typeof DicomMetaDictionary;
  };

  export const log: {
    setLevel(level: "trace" | "debug" | "info" | "warn" | "error" | "silent"): void;
    getLevel(): number;
  };

  const dcmjs: { data: typeof data; log: typeof log };
  export default dcmjs;
}
