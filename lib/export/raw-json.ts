// JSON text that goes into a record as it is, already serialised: the stored content of a version is copied into
// the native record without being parsed and serialised again (most of a snapshot's bytes). JSON.stringify calls
// toJSON on each RawJson in document order; each leaves a marker that is then replaced by its text. A record whose
// own strings happen to contain the marker is serialised the slow, plain way instead, so nothing can be spliced
// into the wrong place.
const MARK = "\u0000spinemed raw json\u0000";
const MARK_JSON = JSON.stringify(MARK);

let collecting: string[] | null = null;

export class RawJson {
  constructor(readonly text: string) {}
  toJSON(): unknown {
    if (!collecting) return JSON.parse(this.text);
    collecting.push(this.text);
    return MARK;
  }
}

/** A version's content as a record field: its stored JSON text when there is one (spliced in by stringifyRecord,
 * and the content is then never parsed), else the content itself. */
export function storedJson(version: { content: unknown; contentJson?: string }): unknown {
  return version.contentJson === undefined ? version.content : new RawJson(version.contentJson);
}

/**
 * JSON.stringify of a record as pieces whose concatenation is the JSON: the serialised record between its RawJson
 * texts, and those texts as they are. The pieces are written one after another into the output buffer, so the
 * large texts are never copied into one joined string first.
 */
export function recordPieces(record: unknown): string[] {
  const raws: string[] = [];
  collecting = raws;
  let json: string;
  try {
    json = JSON.stringify(record);
  } finally {
    collecting = null;
  }
  if (raws.length === 0) return [json];
  const parts = json.split(MARK_JSON);
  if (parts.length !== raws.length + 1) return [JSON.stringify(record)];
  const pieces: string[] = [parts[0]];
  for (let i = 0; i < raws.length; i++) pieces.push(raws[i], parts[i + 1]);
  return pieces;
}

/** JSON.stringify of a record, with every RawJson's text in place. */
export function stringifyRecord(record: unknown): string {
  return recordPieces(record).join("");
}
