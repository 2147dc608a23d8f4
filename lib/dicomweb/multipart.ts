// A small, strict parser of multipart/related bodies (RFC 2046 §5.1, RFC 2387) as WADO-RS returns them: every
// part must end with a delimiter and the body with the close delimiter, so a response cut short (a dropped
// connection, a proxy's limit) is detected instead of yielding a shortened file. A part's Content-Length, when
// given, must match its body.

export class MultipartError extends Error {}

export interface Part {
  headers: Record<string, string>; // lower-cased names
  body: Buffer;
}

/** The boundary parameter of a multipart/related Content-Type, or an error saying what is wrong. */
export function boundaryOf(contentType: string | null): string {
  if (!contentType) throw new MultipartError("the answer has no Content-Type");
  const [type, ...params] = splitParams(contentType);
  if (type.toLowerCase() !== "multipart/related") throw new MultipartError(`expected multipart/related, got ${type.slice(0, 80)}`);
  for (const p of params) {
    const eq = p.indexOf("=");
    if (eq > 0 && p.slice(0, eq).trim().toLowerCase() === "boundary") {
      const value = unquote(p.slice(eq + 1).trim());
      if (value.length < 1 || value.length > 70) throw new MultipartError("the multipart boundary must have 1 to 70 characters");
      return value;
    }
  }
  throw new MultipartError("the multipart/related answer has no boundary");
}

/** Splits "a; b=c; d=\"e;f\"" on semicolons outside quotes. */
function splitParams(value: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (const ch of value) {
    if (ch === '"') quoted = !quoted;
    if (ch === ";" && !quoted) {
      out.push(cur.trim());
      cur = "";
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

function unquote(v: string): string {
  return v.startsWith('"') && v.endsWith('"') && v.length >= 2 ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v;
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  if (block === "") return headers;
  for (const line of block.split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon <= 0) throw new MultipartError(`malformed part header: ${JSON.stringify(line.slice(0, 60))}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const dash = Buffer.from(`--${boundary}`, "latin1");
  const delimiter = Buffer.from(`\r\n--${boundary}`, "latin1");
  // The preamble (ignored) ends at the first delimiter, which may open the body without a CRLF before it.
  let pos = body.subarray(0, dash.length).equals(dash) ? 0 : body.indexOf(delimiter);
  if (pos < 0) throw new MultipartError("no multipart boundary found in the answer");
  pos += pos === 0 && body.subarray(0, dash.length).equals(dash) ? dash.length : delimiter.length;
  const parts: Part[] = [];
  for (;;) {
    // After a delimiter: "--" closes the body; otherwise optional whitespace, CRLF, then a part.
    if (body.length >= pos + 2 && body[pos] === 0x2d && body[pos + 1] === 0x2d) {
      if (parts.length === 0) throw new MultipartError("the multipart answer has no parts");
      return parts;
    }
    while (body[pos] === 0x20 || body[pos] === 0x09) pos++;
    if (pos + 2 > body.length) throw new MultipartError("the multipart answer is truncated (it ends after a boundary)");
    if (body[pos] !== 0x0d || body[pos + 1] !== 0x0a) throw new MultipartError("malformed multipart boundary line");
    pos += 2;
    const headerEnd = body.indexOf("\r\n\r\n", pos, "latin1");
    // A part without headers starts straight with the blank line.
    let bodyStart: number;
    let headers: Record<string, string>;
    if (body[pos] === 0x0d && body[pos + 1] === 0x0a) {
      headers = {};
      bodyStart = pos + 2;
    } else {
      if (headerEnd < 0) throw new MultipartError("the multipart answer is truncated (inside a part's headers)");
      headers = parseHeaders(body.subarray(pos, headerEnd).toString("latin1"));
      bodyStart = headerEnd + 4;
    }
    const end = body.indexOf(delimiter, bodyStart);
    if (end < 0) throw new MultipartError(`the multipart answer is truncated (part ${parts.length + 1} has no closing boundary)`);
    const partBody = body.subarray(bodyStart, end);
    const declared = headers["content-length"];
    if (declared !== undefined && Number(declared) !== partBody.length) {
      throw new MultipartError(`part ${parts.length + 1} declares ${declared} bytes but has ${partBody.length}`);
    }
    parts.push({ headers, body: partBody });
    pos = end + delimiter.length;
  }
}
