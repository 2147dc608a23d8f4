// The 14 spine subfields an item is filed under (one per item), for filters, dashboards and balanced exports.
// The ids are stored and exported; the labels are for people.

export const SUBFIELDS = [
  { id: "degenerative_cervical", label: "Degenerative cervical disease", description: "Cervical disc herniation, spondylosis, radiculopathy, OPLL" },
  { id: "degenerative_lumbar", label: "Degenerative lumbar disease", description: "Lumbar disc herniation, spinal stenosis, degenerative spondylolisthesis, facet and discogenic pain" },
  { id: "thoracic", label: "Thoracic spine disorders", description: "Thoracic disc herniation, ossification of the ligamentum flavum, thoracic myelopathy" },
  { id: "spinal_cord_myelopathy", label: "Spinal cord and myelopathy", description: "Degenerative cervical myelopathy, spinal cord injury, syringomyelia, tethered cord" },
  { id: "scoliosis_deformity", label: "Scoliosis and deformity", description: "Adolescent idiopathic and adult degenerative scoliosis, kyphosis, sagittal imbalance" },
  { id: "trauma", label: "Spinal trauma", description: "Fractures and dislocations, classification (AO Spine, TLICS), instability" },
  { id: "tumor", label: "Spinal tumours", description: "Metastases, primary bone and intradural tumours, SINS, epidural spinal cord compression" },
  { id: "infection", label: "Spinal infection", description: "Pyogenic spondylodiscitis, tuberculous spondylitis, epidural abscess, postoperative infection" },
  { id: "inflammatory", label: "Inflammatory spine disease", description: "Ankylosing spondylitis, axial spondyloarthritis, rheumatoid cervical instability, DISH" },
  { id: "osteoporosis", label: "Osteoporosis and fragility fractures", description: "Osteoporotic vertebral fractures, augmentation, bone health before fusion" },
  { id: "pediatric_congenital", label: "Paediatric and congenital", description: "Congenital vertebral anomalies, spondylolysis in adolescents, skeletal dysplasia, transitional anatomy" },
  { id: "revision_complications", label: "Revision surgery and complications", description: "Adjacent segment disease, pseudarthrosis, implant failure, dural tear, failed back surgery" },
  { id: "minimally_invasive", label: "Minimally invasive and endoscopic surgery", description: "Endoscopic discectomy, MIS-TLIF, lateral and oblique interbody fusion, navigation" },
  { id: "rehabilitation", label: "Rehabilitation and conservative care", description: "Physiotherapy, pain management, injections, return to work, postoperative rehabilitation" },
] as const;

export type Subfield = (typeof SUBFIELDS)[number]["id"];

export const SUBFIELD_IDS = SUBFIELDS.map((s) => s.id) as unknown as readonly [Subfield, ...Subfield[]];

const LABELS = new Map<string, string>(SUBFIELDS.map((s) => [s.id, s.label]));

export function isSubfield(value: unknown): value is Subfield {
  return typeof value === "string" && LABELS.has(value);
}

/** The label of a subfield id; an unknown id is shown as is rather than hiding the row. */
export function subfieldLabel(id: string): string {
  return LABELS.get(id) ?? id;
}
