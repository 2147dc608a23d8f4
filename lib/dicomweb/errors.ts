// One error type for everything that goes wrong talking to a PACS, each kind with one clear sentence for people:
// the import prints it in one line, the Import page shows it as it is.
import { AppError } from "@/lib/errors";

export type DicomWebErrorKind =
  | "auth" // 401/403: wrong username, password or token
  | "unreachable" // no connection (refused, unknown host, reset)
  | "timeout"
  | "not_found" // a study, series or instance that the PACS does not have
  | "garbage" // an answer that is not what DICOMweb promises (not DICOM JSON, not multipart, not DICOM)
  | "truncated" // a multipart answer cut short
  | "too_large" // an instance over the endpoint's size limit
  | "http" // any other HTTP error status
  | "config"; // the endpoint cannot be used as configured (e.g. its secret's variable is not set)

/** An AppError (502, the PACS failed us), so routes and commands show its message as it is. */
export class DicomWebError extends AppError {
  constructor(
    readonly kind: DicomWebErrorKind,
    message: string,
  ) {
    super(message, kind === "config" ? 400 : 502, `pacs_${kind}`);
    this.name = "DicomWebError";
  }

  /** Errors after which nothing else on this endpoint can work either: the import stops instead of going on. */
  get fatal(): boolean {
    return this.kind === "auth" || this.kind === "unreachable" || this.kind === "config";
  }
}
