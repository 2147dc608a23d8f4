// dicom-parser 1.8 exports its DataSet class at run time but its bundled index.d.ts declares DataSet only as an
// interface. lib/dicom/parse.ts constructs one to parse deflated files itself (dicom-parser's own deflate path
// re-reads the preamble as elements), so the constructor is declared here.
import "dicom-parser";

declare module "dicom-parser" {
  export const DataSet: {
    new (byteArrayParser: ByteArrayParser, byteArray: ByteArray, elements: { [tag: string]: Element }): DataSet;
  };
}
