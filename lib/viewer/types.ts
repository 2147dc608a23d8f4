// The viewer's input: plain, serialisable data that a Server Component can pass to the client viewer. Nothing
// here knows about cornerstone; lib/viewer/mapper.ts turns it into what cornerstone needs.

export type ImageFormat = "dicom" | "png" | "jpeg";

/** A level's position on one image (or one frame of a multi-frame image), in image pixels. */
export interface ViewerLandmark {
  level: string;
  x: number;
  y: number;
  /** 0-based frame of a multi-frame image; 0 for single-frame images. */
  frame: number;
}

export interface ViewerImage {
  id: string;
  format: ImageFormat;
  rows: number | null;
  columns: number | null;
  frames: number;
  instanceNumber: number | null;
  sliceLocation: number | null;
  modality: string | null;
  /** [row spacing, column spacing] in mm (DICOM PixelSpacing order), when known. */
  pixelSpacing: [number, number] | null;
  windowCenter: number | null;
  windowWidth: number | null;
  transferSyntaxUid: string | null;
  /** Human name of the transfer syntax, resolved on the server (lib/dicom/parse is Node-only). */
  transferSyntaxName: string | null;
  landmarks: ViewerLandmark[];
}

export interface ViewerSeries {
  id: string;
  /** What a reviewer calls it: "Sagittal T2", "Lateral X-ray". */
  label: string;
  modality: string;
  sequence: string | null;
  view: string | null;
  description: string | null;
  number: number | null;
  images: ViewerImage[];
}
