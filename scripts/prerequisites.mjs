// What the test suite needs from the machine, each missing piece reported in one line with its fix.
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import pg from "pg";

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const PYDICOM_FILES = "/usr/lib/python3/dist-packages/pydicom/data/test_files";

function onPath(cmd) {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

export async function checkPrerequisites({ browser = true, postgres = true, dicom = true } = {}) {
  const problems = [];
  if (browser && !existsSync(CHROMIUM)) problems.push(`Chromium is missing at ${CHROMIUM}: install it with 'apt-get install -y chromium' (or set CHROMIUM_PATH)`);
  if (dicom) {
    if (!existsSync(`${PYDICOM_FILES}/CT_small.dcm`)) problems.push("Real DICOM test files are missing: install them with 'apt-get install -y python3-pydicom'");
    if (!onPath("dciodvfy")) problems.push("dciodvfy is missing: install it with 'apt-get install -y dicom3tools'");
    if (!onPath("dcmdump")) problems.push("dcmdump is missing: install it with 'apt-get install -y dcmtk'");
    if (!existsSync("/usr/sbin/Orthanc")) problems.push("Orthanc (the PACS of the DICOMweb tests) is missing: install it with 'apt-get install -y orthanc'");
    if (!existsSync("/usr/share/orthanc/plugins/libOrthancDicomWeb.so")) problems.push("Orthanc's DICOMweb plugin is missing: install it with 'apt-get install -y orthanc-dicomweb'");
  }
  if (postgres) {
    const url = process.env.PG_ADMIN_URL || "postgresql://postgres@127.0.0.1:5432/postgres";
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 4000 });
    try {
      await client.connect();
      await client.end();
    } catch (e) {
      const u = new URL(url);
      problems.push(`PostgreSQL is not reachable at ${u.hostname}:${u.port || 5432} (${e.code ?? e.message}): start it ('pg_ctlcluster <version> main start') or set PG_ADMIN_URL`);
    }
  }
  return problems;
}
