// The demo items: about 40 LLM-drafted QA items (draft + revision) in the import format of lib/items/schema.ts,
// written by hand so that reviewing them is clinically meaningful. Most revisions fix something a reviewer should
// notice in the word diff (a wrong level, laterality, grade or a hallucinated finding); two items carry HTML in
// LLM text that the UI must show literally. The output is a pure function of the image paths: no randomness.

import type { ImportLineInput, Language, SourceType } from "@/lib/items/schema";
import type { ConsultationContent, McqContent, ReportContent } from "@/lib/items/content";
import type { Subfield } from "@/lib/items/subfields";

export interface DemoImageRefs {
  /** Sagittal T2 lumbar MR stack (T10–S1), relative paths in instance order. */
  mr: string[];
  /** Lateral spine radiographs: the one of the MR case and the one of the X-ray case. */
  xray: string[];
  mrCaseId: string;
  xrayCaseId: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Specs

type LevelIn = string | { level: string; castellvi?: string; note?: string };

interface SourceIn {
  sourceType: SourceType;
  reference: string;
  caseId?: string;
  licence?: string;
}

/** Images an item is about: MR slices by instance number (of the 15-slice stack), or the lateral radiograph of a case. */
type Media = { mr: number[] } | { xr: "mrCase" | "xrayCase" };

type ModelKey = "gpt4o" | "qwenVl" | "claude" | "qwenZh" | "r1" | "o3mini";

interface Base {
  language?: Language;
  subfield: Subfield;
  levels: LevelIn[];
  /** Independent reviews required (default 1). */
  reviews?: number;
  /** Provenance; for items with images the case id is taken from the images. */
  source: SourceIn;
  media?: Media;
  drafter?: ModelKey;
}

interface McqSpec extends Base {
  draft: McqContent;
  revision: Partial<McqContent>;
}

interface OpenQaSpec extends Base {
  question: string;
  draft: string;
  revision: string;
}

interface ConsultationSpec extends Base {
  turns: ConsultationContent["turns"];
  /** Turn index → revised doctor text. */
  revise: Record<number, string>;
}

interface ReportSpec extends Base {
  draft: ReportContent["sections"];
  revision: ReportContent["sections"];
}

// ---------------------------------------------------------------------------------------------------------------
// References

const LICENCE_HOSPITAL = "Internal research use only";

const REF = {
  bonoCervical: {
    sourceType: "guideline",
    reference:
      "Bono CM et al. An evidence-based clinical guideline for the diagnosis and treatment of cervical radiculopathy from degenerative disorders. Spine J 2011;11(1):64-72. doi:10.1016/j.spinee.2010.10.023",
  },
  kreinerDisc: {
    sourceType: "guideline",
    reference:
      "Kreiner DS et al. An evidence-based clinical guideline for the diagnosis and treatment of lumbar disc herniation with radiculopathy. Spine J 2014;14(1):180-191. doi:10.1016/j.spinee.2013.08.003",
  },
  kreinerStenosis: {
    sourceType: "guideline",
    reference:
      "Kreiner DS et al. An evidence-based clinical guideline for the diagnosis and treatment of degenerative lumbar spinal stenosis (update). Spine J 2013;13(7):734-743. doi:10.1016/j.spinee.2012.11.059",
  },
  fehlingsDcm: {
    sourceType: "guideline",
    reference:
      "Fehlings MG et al. A clinical practice guideline for the management of patients with degenerative cervical myelopathy. Global Spine J 2017;7(3 Suppl):70S-83S. doi:10.1177/2192568217701914",
  },
  idsaOsteomyelitis: {
    sourceType: "guideline",
    reference:
      "Berbari EF et al. 2015 IDSA clinical practice guidelines for the diagnosis and treatment of native vertebral osteomyelitis in adults. Clin Infect Dis 2015;61(6):e26-e46. doi:10.1093/cid/civ482",
  },
  niceNg59: {
    sourceType: "guideline",
    reference: "NICE guideline NG59: Low back pain and sciatica in over 16s: assessment and management (2016, updated 2020)",
    licence: "NICE UK Open Content Licence",
  },
  niceTa279: {
    sourceType: "guideline",
    reference:
      "NICE technology appraisal TA279: Percutaneous vertebroplasty and percutaneous balloon kyphoplasty for treating osteoporotic vertebral compression fractures (2013)",
    licence: "NICE UK Open Content Licence",
  },
  girftCes: {
    sourceType: "guideline",
    reference: "GIRFT National Suspected Cauda Equina Syndrome Pathway, NHS England, 2023",
  },
  vaccaroTlics: {
    sourceType: "guideline",
    reference:
      "Vaccaro AR et al. A new classification of thoracolumbar injuries: the importance of injury morphology, the integrity of the posterior ligamentous complex, and neurologic status. Spine 2005;30(20):2325-2333. doi:10.1097/01.brs.0000182986.43345.cb",
  },
  aoThoracolumbar: {
    sourceType: "consensus",
    reference:
      "Vaccaro AR et al. AOSpine thoracolumbar spine injury classification system: fracture description, neurological status, and key modifiers. Spine 2013;38(23):2028-2037. doi:10.1097/BRS.0b013e3182a8a381",
  },
  sins: {
    sourceType: "consensus",
    reference:
      "Fisher CG et al. A novel classification system for spinal instability in neoplastic disease: an evidence-based approach and expert consensus from the Spine Oncology Study Group. Spine 2010;35(22):E1221-E1229. doi:10.1097/BRS.0b013e3181e16ae2",
  },
  sosort: {
    sourceType: "consensus",
    reference:
      "Negrini S et al. 2016 SOSORT guidelines: orthopaedic and rehabilitation treatment of idiopathic scoliosis during growth. Scoliosis Spinal Disord 2018;13:3. doi:10.1186/s13013-017-0145-8",
    licence: "CC BY 4.0",
  },
  rothman: {
    sourceType: "textbook",
    reference:
      "Garfin SR et al. (eds). Rothman-Simeone and Herkowitz's The Spine, 7th ed. Elsevier; 2018. Vol. 1, ch. 52 (lumbar disc herniation), p. 1003, Fig. 52.4",
  },
  rothmanAsd: {
    sourceType: "textbook",
    reference:
      "Garfin SR et al. (eds). Rothman-Simeone and Herkowitz's The Spine, 7th ed. Elsevier; 2018. Vol. 2, ch. 93 (adjacent segment degeneration), p. 1786",
  },
  hoppenfeld: {
    sourceType: "textbook",
    reference:
      "Hoppenfeld S. Orthopaedic Neurology: A Diagnostic Guide to Neurologic Levels, 2nd ed. Wolters Kluwer; 2017. Part I (cervical spine nerve roots), p. 14, Fig. 1-12",
  },
  benzel: {
    sourceType: "textbook",
    reference:
      "Steinmetz MP, Benzel EC (eds). Benzel's Spine Surgery, 5th ed. Elsevier; 2021. Ch. 17 (congenital and transitional anomalies), p. 187, Fig. 17.6",
  },
  benzelEndoscopy: {
    sourceType: "textbook",
    reference:
      "Steinmetz MP, Benzel EC (eds). Benzel's Spine Surgery, 5th ed. Elsevier; 2021. Ch. 78 (endoscopic lumbar discectomy), p. 692, Fig. 78.2",
  },
  huYouguZh: {
    sourceType: "textbook",
    reference: "胡有谷 主编. 腰椎间盘突出症（第4版）. 北京: 人民卫生出版社; 2011. 第212页, 图9-3",
  },
  practicalOrthoZh: {
    sourceType: "textbook",
    reference: "胥少汀, 葛宝丰, 徐印坎 主编. 实用骨科学（第4版）. 北京: 人民军医出版社; 2012. 第1842页, 图54-12",
  },
  qbCervical: {
    sourceType: "question_bank",
    reference: "Spine board-review question bank (institutional), cervical section, item QB-CERV-0117",
  },
  qbOsteoporosis: {
    sourceType: "question_bank",
    reference:
      "Spine board-review question bank (institutional), item QB-OST-0088; grading after Genant HK et al. J Bone Miner Res 1993;8(9):1137-1148. doi:10.1002/jbmr.5650080915",
  },
  qbMyelopathy: {
    sourceType: "question_bank",
    reference: "Spine board-review question bank (institutional), myelopathy section, item QB-MYEL-0042",
  },
  rsna: {
    sourceType: "open_dataset",
    reference:
      "RSNA 2024 Lumbar Spine Degenerative Classification challenge dataset, study 4096820 (label: L4/L5 spinal canal stenosis, severe)",
    caseId: "rsna2024-lsdc-4096820",
    licence: "RSNA challenge data terms (non-commercial research)",
  },
  caseConference: {
    sourceType: "case_report",
    reference: "Department of spine surgery case conference, 2023-11, de-identified case CR-2023-0142",
  },
  caseConferenceMyelopathy: {
    sourceType: "case_report",
    reference: "Department of spine surgery case conference, 2024-02, de-identified case CR-2024-0031",
  },
  caseConferenceInfection: {
    sourceType: "case_report",
    reference: "Department of spine surgery morbidity and infection conference, 2024-05, de-identified case CR-2024-0077",
  },
  caseConferenceAcdf: {
    sourceType: "case_report",
    reference: "Department of spine surgery postoperative follow-up series, 2024-09, de-identified case CR-2024-0119",
  },
} satisfies Record<string, SourceIn>;

const HOSPITAL_MR: SourceIn = {
  sourceType: "hospital_case",
  reference: "Partner hospital spine imaging archive, de-identified teaching cases 2024: sagittal T2 lumbar MRI",
  licence: LICENCE_HOSPITAL,
};
const HOSPITAL_XR_MR_CASE: SourceIn = {
  sourceType: "hospital_case",
  reference: "Partner hospital spine imaging archive, de-identified teaching cases 2024: lateral whole-spine radiograph (CR)",
  licence: LICENCE_HOSPITAL,
};
const HOSPITAL_XR_CASE: SourceIn = {
  sourceType: "hospital_case",
  reference: "Partner hospital walk-in clinic radiograph archive, de-identified cases 2024: lateral spine radiograph",
  licence: LICENCE_HOSPITAL,
};

// ---------------------------------------------------------------------------------------------------------------
// MCQ (12)

const MCQ: McqSpec[] = [
  {
    subfield: "degenerative_lumbar",
    levels: [{ level: "L5/S1", note: "Pfirrmann IV disc desiccation" }],
    reviews: 2,
    source: HOSPITAL_MR,
    media: { mr: [7, 8] },
    drafter: "qwenVl",
    draft: {
      format: "image_text",
      question:
        "Sagittal T2-weighted images of the lumbar spine of a 52-year-old man with chronic low back pain are shown. At which level is the disc dark and narrowed, indicating degeneration?",
      options: { A: "L3/L4", B: "L4/L5", C: "L5/S1", D: "T12/L1", E: "No disc is degenerated" },
      answer: "B",
      explanation:
        "The L4/L5 disc has lost its normal high T2 signal and is narrowed, in keeping with desiccation (Pfirrmann IV). The other discs keep a bright nucleus.",
    },
    revision: {
      answer: "C",
      explanation:
        "Counting up from the sacrum, the dark, narrowed disc is L5/S1: its nucleus has lost the high T2 signal and the disc is thinner than the discs above, in keeping with desiccation (Pfirrmann IV). L4/L5 and the discs above keep a bright nucleus and normal height. Confirm the count on a sagittal image that includes the sacrum, since a transitional vertebra would shift every label by one.",
    },
  },
  {
    subfield: "degenerative_lumbar",
    levels: ["L5/S1"],
    source: HOSPITAL_MR,
    media: { mr: [8] },
    draft: {
      format: "image_text",
      question:
        "On this mid-sagittal T2-weighted image, the L5/S1 disc is grey to black, the nucleus can no longer be distinguished from the annulus, and the disc height is moderately reduced. What is its Pfirrmann grade?",
      options: { A: "Grade I", B: "Grade II", C: "Grade III", D: "Grade IV", E: "Grade V" },
      answer: "C",
      explanation: "Grade III: the disc is grey, the nucleus–annulus boundary is unclear and the height is slightly decreased.",
    },
    revision: {
      answer: "D",
      explanation:
        "Grade IV: the signal is intermediate to hypointense (grey to black), the distinction between nucleus and annulus is lost, and the height is normal to moderately decreased. Grade III keeps an unclear but still visible nucleus–annulus distinction with intermediate signal; grade V means a collapsed disc space. The discs above L5/S1 are bright and well hydrated (grade I–II).",
    },
  },
  {
    subfield: "scoliosis_deformity",
    levels: ["L1", "S1"],
    source: HOSPITAL_XR_CASE,
    media: { xr: "xrayCase" },
    drafter: "gpt4o",
    draft: {
      format: "image_text",
      question:
        "This lateral radiograph shows the spine from C2 to the sacrum. Which approach labels the lumbar vertebrae most reliably on this film?",
      options: {
        A: "Count down from C2, identified by its odontoid process, and confirm by counting up from the sacrum",
        B: "Take the lowest rib-bearing vertebra as T12 without counting",
        C: "Take the vertebra at the level of the iliac crests as L4",
        D: "Take the vertebra with the largest body as L5",
      },
      answer: "C",
      explanation: "The iliac crests lie at the L4 level, so the vertebra at the crests is L4 and the others can be labelled from it.",
    },
    revision: {
      answer: "A",
      explanation:
        "A whole-spine lateral view lets you count every vertebra from C2, whose odontoid process is unmistakable, down to the sacrum; counting in both directions and getting the same labels guards against a transitional vertebra or a hypoplastic twelfth rib. The intercrestal line crosses L4 or L4/L5 in most but not all people, and the lowest rib may belong to T11 or be a lumbar rib, so both are only cross-checks.",
    },
  },
  {
    subfield: "scoliosis_deformity",
    levels: ["L1", "S1"],
    reviews: 2,
    source: HOSPITAL_XR_MR_CASE,
    media: { xr: "mrCase" },
    draft: {
      format: "image_text",
      question:
        "Lumbar lordosis is to be measured on this lateral radiograph with the Cobb method. Between which endplates is the angle drawn?",
      options: {
        A: "Inferior endplate of T12 and inferior endplate of L5",
        B: "Superior endplate of L1 and superior endplate of S1",
        C: "Superior endplate of L1 and inferior endplate of L5",
        D: "Superior endplate of L2 and superior endplate of S1",
      },
      answer: "C",
      explanation:
        "Lumbar lordosis is the Cobb angle between the superior endplate of L1 and the inferior endplate of L5, which covers the five lumbar vertebrae.",
    },
    revision: {
      answer: "B",
      explanation:
        "Lumbar lordosis (L1–S1) is measured between the superior endplate of L1 and the superior endplate of S1, so that the L5/S1 segment, which contributes a large share of lumbar lordosis, is included. Ending at the inferior endplate of L5 leaves out L5/S1 and underestimates lordosis. Compare the result with pelvic incidence: a PI − LL mismatch above about 10° suggests sagittal malalignment.",
    },
  },
  {
    subfield: "degenerative_cervical",
    levels: ["C5/C6"],
    source: REF.qbCervical,
    draft: {
      format: "text",
      question:
        "A 45-year-old woman has pain radiating down the lateral forearm to the thumb and index finger. Examination shows weak wrist extension and a reduced brachioradialis reflex. Which nerve root and disc level are most likely involved?",
      options: { A: "C5 root, C4/C5", B: "C6 root, C5/C6", C: "C7 root, C6/C7", D: "C8 root, C7/T1" },
      answer: "B",
      explanation:
        "The C6 root exits at C5/C6. It supplies wrist extension and the triceps reflex, and its dermatome covers the thumb and index finger.",
    },
    revision: {
      explanation:
        "The C6 root exits above the C6 pedicle, at C5/C6, where a posterolateral disc herniation or uncovertebral osteophyte compresses it. C6 supplies wrist extension and the biceps and brachioradialis reflexes, and its dermatome covers the lateral forearm, thumb and index finger. A C7 lesion (C6/C7) would weaken elbow extension and reduce the triceps reflex, with symptoms in the middle finger.",
    },
  },
  {
    subfield: "degenerative_cervical",
    levels: ["C6/C7"],
    source: REF.hoppenfeld,
    draft: {
      format: "text",
      question: "Which finding best distinguishes a C7 radiculopathy from a C6 radiculopathy?",
      options: {
        A: "Weak elbow flexion",
        B: "Reduced triceps reflex",
        C: "Numbness of the thumb",
        D: "Weak finger abduction",
        E: "Reduced biceps reflex",
      },
      answer: "B",
      explanation: "C7 radiculopathy, usually from a C6/C7 disc, reduces the triceps reflex.",
    },
    revision: {
      explanation:
        "C7 radiculopathy, usually from a C6/C7 disc herniation, reduces the triceps reflex and weakens elbow extension and wrist flexion, with sensory change in the middle finger. Weak elbow flexion, a reduced biceps reflex and thumb numbness point to C5–C6; weak finger abduction points to T1.",
    },
  },
  {
    language: "zh",
    subfield: "degenerative_lumbar",
    levels: ["L4-5"],
    source: REF.huYouguZh,
    draft: {
      format: "text",
      question:
        "患者男，38岁，左下肢放射痛2个月，疼痛放射至小腿前外侧及足背，左侧拇趾背伸肌力减弱。MRI示L4/L5椎间盘左侧旁中央型突出。最可能受压的神经根是：",
      options: { A: "左侧L4神经根", B: "左侧L5神经根", C: "右侧L5神经根", D: "左侧S1神经根" },
      answer: "B",
      explanation: "L4/L5旁中央型突出压迫下行的L5神经根，表现为小腿外侧及足背麻木、拇趾背伸无力，跟腱反射减弱。",
    },
    revision: {
      explanation:
        "L4/L5旁中央型突出压迫走行（下行）的L5神经根，表现为小腿前外侧及足背麻木、拇趾背伸无力；L5神经根没有可靠的对应反射，跟腱反射减弱提示S1神经根受累。极外侧型突出才压迫出口的L4神经根。症状在左侧，故为左侧L5神经根。",
    },
  },
  {
    subfield: "trauma",
    levels: ["L1"],
    source: REF.vaccaroTlics,
    draft: {
      format: "text",
      question:
        "A 30-year-old man falls from a ladder. CT shows an L1 burst fracture with 30% loss of anterior height and no widening of the interspinous distance; MRI shows an intact posterior ligamentous complex (PLC). He is neurologically intact. What is his TLICS score and the usual management?",
      options: {
        A: "2: non-operative treatment with early mobilisation",
        B: "4: either non-operative or operative treatment",
        C: "5: posterior stabilisation",
        D: "7: decompression and stabilisation",
      },
      answer: "B",
      explanation:
        "Burst morphology scores 2, intact neurology 0 and an indeterminate PLC 2, giving 4, where either approach is reasonable.",
    },
    revision: {
      answer: "A",
      explanation:
        "Burst morphology scores 2, an intact neurological examination 0 and a PLC shown to be intact on MRI 0, so TLICS is 2. A score of 3 or less favours non-operative care: early mobilisation, with or without a thoracolumbar orthosis, and upright radiographs to check that kyphosis does not progress. A score of 4 is indeterminate and 5 or more favours surgery.",
    },
  },
  {
    subfield: "osteoporosis",
    levels: ["L1"],
    source: REF.qbOsteoporosis,
    draft: {
      format: "text",
      question:
        "A 72-year-old woman's lateral radiograph shows the L1 vertebral body with a 30% reduction of its anterior height compared with its posterior height. How is this fracture graded with the Genant semiquantitative method?",
      options: {
        A: "Grade 0 (normal)",
        B: "Grade 1 (mild, 20–25%)",
        C: "Grade 2 (moderate, 25–40%)",
        D: "Grade 3 (severe, more than 40%)",
      },
      answer: "B",
      explanation: "A 30% anterior height loss is a mild wedge fracture, Genant grade 1.",
    },
    revision: {
      answer: "C",
      explanation:
        "A 25–40% reduction in height is a moderate (grade 2) fracture; grade 1 is 20–25% and grade 3 more than 40%. Loss of anterior height makes it a wedge fracture. A moderate or severe vertebral fracture indicates osteoporosis regardless of bone density and warrants treatment to prevent further fractures.",
    },
  },
  {
    subfield: "pediatric_congenital",
    levels: [{ level: "L6", castellvi: "IIa", note: "Six lumbar-type vertebrae; left L6 transverse process pseudarthrosis with the sacral ala" }, "L5/L6"],
    source: REF.benzel,
    drafter: "claude",
    draft: {
      format: "text",
      question:
        "A 24-year-old with left-sided low back pain has six lumbar-type vertebrae. The lowest (L6) has an enlarged left transverse process that forms a pseudarthrosis with the sacral ala; the right transverse process is normal. What is the Castellvi type?",
      options: { A: "Type Ia", B: "Type IIa", C: "Type IIb", D: "Type IIIa", E: "Type IV" },
      answer: "D",
      explanation: "Type IIIa: unilateral fusion of an enlarged transverse process with the sacrum.",
    },
    revision: {
      answer: "B",
      explanation:
        "A pseudarthrosis (a diarthrodial joint) between an enlarged transverse process and the sacrum is type II; it is unilateral here, so IIa. Type III requires complete bony fusion, and type IV is type II on one side with type III on the other. A painful unilateral pseudarthrosis is the classic pain generator of Bertolotti syndrome. Report the numbering explicitly (how many lumbar-type vertebrae and which vertebra bears the last rib) so that the surgical level is not mislabelled.",
    },
  },
  {
    subfield: "spinal_cord_myelopathy",
    levels: ["C4/C5", "C5/C6"],
    source: REF.qbMyelopathy,
    draft: {
      format: "text",
      question:
        "A 61-year-old with hand clumsiness and gait imbalance has cord compression at C4/C5 and C5/C6. His modified JOA (mJOA) score is 13. How is his myelopathy classified? <script>alert(1)</script>",
      options: {
        A: "Mild (mJOA 15–17)",
        B: "<b>Moderate</b> (mJOA 12–14)",
        C: "Severe (mJOA 0–11)",
        D: "No myelopathy (mJOA 18)",
      },
      answer: "B",
      explanation: "An mJOA of 13 is <b>moderate</b> myelopathy; physiotherapy is tried first.",
    },
    revision: {
      explanation:
        "An mJOA of 13 falls in the <b>moderate</b> band (12–14). The AO Spine/WFNS guideline recommends surgical decompression for moderate and severe degenerative cervical myelopathy; for mild myelopathy, surgery or a supervised trial of structured rehabilitation are both options.",
    },
  },
  {
    language: "zh",
    subfield: "degenerative_lumbar",
    levels: ["L5-S1"],
    source: HOSPITAL_MR,
    media: { mr: [7, 8, 9] },
    drafter: "qwenVl",
    draft: {
      format: "image_text",
      question: "以上为腰椎矢状位T2加权像（3个层面）。关于L5/S1椎间盘，下列描述正确的是：",
      options: {
        A: "T2信号正常，椎间盘高度正常",
        B: "T2信号减低，提示椎间盘退变（脱水）",
        C: "T2信号增高，提示急性椎间盘炎",
        D: "椎间盘完全塌陷伴终板破坏",
      },
      answer: "B",
      explanation: "L5/S1椎间盘T2信号减低，提示椎间盘退变。",
    },
    revision: {
      explanation:
        "L5/S1椎间盘髓核T2高信号消失、呈低信号，髓核与纤维环分界不清，椎间隙轻度变窄，符合椎间盘退变（脱水），Pfirrmann IV级；其上方各椎间盘髓核仍呈高信号。椎间盘炎通常表现为椎间盘T2高信号伴相邻终板破坏及椎体骨髓水肿，本例未见。",
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Open QA (10)

const OPEN_QA: OpenQaSpec[] = [
  {
    subfield: "degenerative_lumbar",
    levels: ["L5/S1"],
    source: REF.rothman,
    question:
      "A foraminal disc herniation is seen at L5/S1. Which nerve root is compressed, and how does the clinical picture differ from a paracentral herniation at the same level?",
    draft:
      "A foraminal L5/S1 herniation compresses the S1 nerve root, causing pain in the posterior calf and sole, weak plantar flexion and a reduced ankle reflex, the same as a paracentral herniation.",
    revision:
      "A foraminal (or extraforaminal) L5/S1 herniation compresses the exiting L5 nerve root, not the traversing S1 root that a paracentral herniation at this level affects. Expect pain over the lateral leg and dorsum of the foot and weak great-toe and ankle dorsiflexion, often with more severe pain than a paracentral herniation because the dorsal root ganglion lies in the foramen. The ankle reflex is usually preserved; a reduced ankle reflex with posterior calf and sole symptoms points to S1 instead.",
  },
  {
    subfield: "degenerative_lumbar",
    levels: ["L3/L4", "L4/L5", { level: "L5/S1", note: "Pfirrmann IV" }],
    source: HOSPITAL_MR,
    media: { mr: [8, 9] },
    drafter: "qwenVl",
    question: "Describe the intervertebral discs from L3/L4 to L5/S1 on these sagittal T2-weighted images.",
    draft:
      "The L3/L4 and L4/L5 discs are dark and narrowed, consistent with multilevel degeneration. The L5/S1 disc is normal.",
    revision:
      "The L3/L4 and L4/L5 discs have a bright nucleus and normal height (Pfirrmann I–II). The L5/S1 disc is dark, with loss of the nucleus–annulus distinction and moderately reduced height, consistent with desiccation (Pfirrmann IV). Degeneration is therefore confined to L5/S1; axial images are needed to assess a herniation or root contact at that level.",
  },
  {
    subfield: "degenerative_cervical",
    levels: ["C6/C7"],
    source: REF.bonoCervical,
    question:
      "A soft foraminal disc herniation at C6/C7 causes a C7 radiculopathy that has not improved after 8 weeks of non-operative care. Compare anterior cervical discectomy and fusion (ACDF) with posterior foraminotomy.",
    draft:
      "ACDF is the only recommended procedure. Posterior foraminotomy is outdated and has a high recurrence rate.",
    revision:
      "Both are accepted options with similar rates of arm-pain relief. ACDF decompresses directly from the front, removes the disc and restores foraminal height; it suits central or bilateral pathology and patients with kyphosis, and its drawbacks are dysphagia, recurrent laryngeal nerve palsy and adjacent segment degeneration. Posterior (keyhole) foraminotomy suits a lateral soft disc or foraminal osteophyte with preserved lordosis; it avoids fusion and the anterior neck structures but causes more early neck pain and cannot address central compression. Cervical disc arthroplasty is a further option for a single-level soft disc without facet arthropathy.",
  },
  {
    subfield: "spinal_cord_myelopathy",
    levels: ["C4/C5", "C5/C6"],
    reviews: 2,
    source: REF.fehlingsDcm,
    question:
      "How does the modified Japanese Orthopaedic Association (mJOA) score grade degenerative cervical myelopathy, and what does the AO Spine guideline recommend for each grade?",
    draft:
      "mJOA 15–17 is mild, 12–14 moderate and below 12 severe. All patients should be offered a trial of physiotherapy first, with surgery only if they deteriorate.",
    revision:
      "mJOA 15–17 is mild, 12–14 moderate and 0–11 severe. The AO Spine/WFNS guideline (Fehlings et al., 2017) recommends surgical decompression for moderate and severe myelopathy. For mild myelopathy, surgery or a supervised trial of structured rehabilitation are both options; if the trial fails or the patient deteriorates, surgery is recommended. Patients with cord compression but no myelopathy should be told about the risk of progression and followed; those with radiculopathy are at higher risk of developing myelopathy.",
  },
  {
    subfield: "scoliosis_deformity",
    levels: ["C7", "S1"],
    reviews: 2,
    source: HOSPITAL_XR_CASE,
    media: { xr: "xrayCase" },
    question:
      "How is the sagittal vertical axis (SVA) measured on this lateral radiograph, and which values indicate sagittal malalignment?",
    draft:
      "Drop a plumb line from the centre of the C2 vertebral body and measure its horizontal distance to the anterior edge of the L5 vertebral body. More than 5 cm is abnormal.",
    revision:
      "Drop a plumb line from the centre of the C7 vertebral body and measure its horizontal distance to the posterosuperior corner of the S1 endplate; a line passing in front of it is positive. An SVA under 4 cm is normal; in the SRS–Schwab classification 4–9.5 cm is moderate (+) and more than 9.5 cm marked (++) malalignment. The measurement needs a standing full-length film with hips and knees extended, because patients compensate by flexing the knees or retroverting the pelvis.",
  },
  {
    subfield: "infection",
    levels: ["L2/L3"],
    source: REF.idsaOsteomyelitis,
    drafter: "claude",
    question:
      "Which MRI findings suggest pyogenic spondylodiscitis at L2/L3, and what should be done before starting antibiotics in a haemodynamically stable patient?",
    draft:
      "The disc is dark on T2 and the endplates are preserved. Start broad-spectrum antibiotics immediately and take blood cultures if the patient does not improve.",
    revision:
      "Typical findings are high T2/STIR signal in the L2/L3 disc, erosion of the adjacent endplates, marrow oedema in L2 and L3 (low T1, high STIR signal) and enhancement of the disc and vertebrae after gadolinium, often with paravertebral or epidural phlegmon or abscess. In a stable patient without a neurological deficit, take two sets of blood cultures and, if they are negative, an image-guided biopsy before antibiotics, because a microbiological diagnosis guides about 6 weeks of targeted therapy. Start empirical antibiotics at once only for sepsis, haemodynamic instability or a neurological deficit.",
  },
  {
    subfield: "tumor",
    levels: ["T12"],
    source: REF.sins,
    question:
      "A 64-year-old with breast cancer has a lytic metastasis of the T12 vertebral body with 60% collapse, no posterolateral involvement, normal alignment and mechanical back pain. Calculate the SINS score and interpret it.",
    draft:
      "Thoracic location 2, mechanical pain 3, lytic lesion 2, normal alignment 0, collapse over 50% 3, no posterolateral involvement 0: total 10. This is potentially unstable; radiotherapy alone is sufficient.",
    revision:
      "Junctional location (T11–L1) 3, mechanical pain 3, lytic lesion 2, normal alignment 0, collapse over 50% 3, no posterolateral involvement 0: total 11. Scores of 7–12 are indeterminate (potentially unstable), and any score of 7 or more warrants a surgical consultation. Decide on stabilisation or cement augmentation together with the epidural compression grade (Bilsky), the neurological status and the oncological prognosis (NOMS framework).",
  },
  {
    subfield: "revision_complications",
    levels: ["L3/L4", "L4/L5"],
    source: REF.rothmanAsd,
    question:
      "Five years after an instrumented L4/L5 fusion, a patient has new neurogenic claudication. Which level is most likely responsible, and what are the risk factors?",
    draft: "Adjacent segment disease most often affects L5/S1, below the fusion. Risk factors include young age and male sex.",
    revision:
      "Adjacent segment disease most often affects the cranial segment, L3/L4, where stenosis from disc degeneration, facet hypertrophy or a new degenerative slip causes claudication. Risk factors include pre-existing degeneration at the adjacent level, longer fusions, sagittal malalignment (lordosis too low for the pelvic incidence), a laminectomy that extends to the adjacent level and damages its facets or ligaments, older age and a high body-mass index. Evaluate with MRI and standing flexion–extension radiographs.",
  },
  {
    subfield: "rehabilitation",
    levels: ["L5/S1"],
    source: REF.kreinerDisc,
    question:
      "After an uncomplicated L5/S1 microdiscectomy, which activity restrictions and rehabilitation do you recommend, and when can a patient with an office job return to work?",
    draft: "Strict bed rest for 2 weeks and no sitting for 6 weeks. Return to office work after 3 months.",
    revision:
      "No restrictions are needed beyond comfort: patients walk on the day of surgery and increase activity as tolerated, since early unrestricted activity does not increase reherniation. An exercise programme started 4–6 weeks after surgery improves pain and function more than no treatment. Most office workers return within 2–4 weeks and heavy manual workers after 6–8 weeks. Advise urgent review for new leg weakness, saddle numbness, bladder disturbance or wound problems.",
  },
  {
    subfield: "minimally_invasive",
    levels: ["L4/L5"],
    source: REF.benzelEndoscopy,
    question:
      "What are the boundaries of Kambin's triangle, and why do they matter in transforaminal endoscopic discectomy at L4/L5?",
    draft:
      "Kambin's triangle is bounded by the <b>exiting nerve root</b> (hypotenuse), the superior endplate of the lower vertebra (base) and the superior articular process (height) <img src=x onerror=alert(1)>. It is the safe working zone.",
    revision:
      "Kambin's triangle is bounded by the <b>exiting nerve root</b> (the hypotenuse; at L4/L5 the L4 root), the superior endplate of L5 (the base) and the traversing L5 root with the dural sac (the height), with the superior articular process of L5 behind it. <img src=x onerror=alert(1)> It is the working zone of the transforaminal approach to the disc: staying low and medial in the triangle, close to the L5 endplate and the superior articular process, protects the exiting L4 root and its dorsal root ganglion, whose irritation causes postoperative dysaesthesia. Foraminoplasty of the superior articular process enlarges a narrow triangle.",
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Consultations (8)

const CONSULTATIONS: ConsultationSpec[] = [
  {
    subfield: "degenerative_cervical",
    levels: ["c5-6"],
    source: REF.bonoCervical,
    turns: [
      {
        role: "patient",
        text: "For a month I've had sharp pain from my neck into my left shoulder and down the outside of my left arm to the thumb. It gets worse when I tilt my head back.",
      },
      {
        role: "doctor",
        text: "That sounds like irritation of the C6 nerve root on the right side, usually from a disc at C5/C6. Do you have weakness in your arm?",
      },
      { role: "patient", text: "My left wrist feels a bit weak when I lift the kettle, but my hands work fine and I walk normally." },
      { role: "doctor", text: "You will need an MRI and probably an operation to remove the disc." },
      { role: "patient", text: "And if it doesn't get better?" },
      {
        role: "doctor",
        text: "If the pain is still disabling after about 6 to 12 weeks, or the weakness increases, an operation to take the pressure off the nerve is considered, usually through the front of the neck.",
      },
    ],
    revise: {
      1: "That pattern fits irritation of the left C6 nerve root, most often from a disc bulge or bone spur at the C5/C6 level. Have you noticed weakness in the arm, clumsiness of your hands, or unsteadiness when walking?",
      3: "Clumsy hands or unsteady walking would suggest pressure on the spinal cord, and you have neither, which is reassuring. Most people with this kind of arm pain improve within 6 to 12 weeks with pain relief, staying active and physiotherapy. Because of the wrist weakness I will examine your strength and reflexes today and arrange an MRI of your neck.",
      5: "If the pain is still disabling after about 6 to 12 weeks, or the weakness increases, an operation to take the pressure off the nerve is considered, usually through the front of the neck. Please contact us promptly if the weakness gets worse or you notice new clumsiness or walking problems.",
    },
  },
  {
    subfield: "degenerative_lumbar",
    levels: ["L5/S1"],
    reviews: 2,
    source: HOSPITAL_MR,
    media: { mr: [8] },
    turns: [
      {
        role: "patient",
        text: "My MRI was done last week. The doctor said there's a problem with one of the discs in my lower back. Which one is it, and is that what's causing my pain?",
      },
      {
        role: "doctor",
        text: "Your MRI shows that the L4/L5 disc, second from the bottom, has dried out and lost height. This is called disc degeneration and it is the cause of your back pain.",
      },
      { role: "patient", text: "Does that mean I need an operation?" },
      { role: "doctor", text: "Yes, a fusion at that level would fix the problem." },
      { role: "patient", text: "What should I watch out for?" },
      {
        role: "doctor",
        text: "Seek help urgently if you develop numbness around your bottom or genitals, trouble passing urine or controlling your bowels, or weakness in your legs. Otherwise we will see you again in six weeks.",
      },
    ],
    revise: {
      1: "Your MRI shows that the lowest disc, L5/S1, between the last lumbar vertebra and the sacrum, is darker and thinner than the others. That means it has lost water, which is called disc degeneration. The discs above it look healthy. This kind of degeneration is very common, also in people without any pain, so it may contribute to your back pain but does not prove it is the cause.",
      3: "No. For back pain with a worn disc and no pressure on a nerve, the first treatment is exercise-based physiotherapy, staying active and simple pain relief, and most people improve over weeks to months. A fusion operation is not recommended for this kind of back pain.",
    },
  },
  {
    language: "zh",
    subfield: "degenerative_lumbar",
    levels: ["L4/L5"],
    source: REF.practicalOrthoZh,
    turns: [
      {
        role: "patient",
        text: "医生，我今年68岁，走路走不到200米两条腿就又酸又麻，要蹲下或者坐下歇一会儿才能继续走，骑自行车倒没事。",
      },
      { role: "doctor", text: "您这是典型的血管性间歇性跛行，建议先去血管外科检查下肢动脉。" },
      { role: "patient", text: "我之前拍过核磁，说L4/L5椎管狭窄。需要马上做手术吗？" },
      { role: "doctor", text: "需要，椎管狭窄只能靠手术解决。" },
      { role: "patient", text: "有什么情况要马上来医院？" },
      { role: "doctor", text: "如果出现大小便失禁或排尿困难、会阴部麻木，或者双腿力量明显下降，请立即就诊。" },
    ],
    revise: {
      1: "您描述的症状很像腰椎管狭窄引起的神经源性间歇性跛行：行走后双腿酸麻，弯腰、蹲下或坐下休息后缓解，骑自行车（身体前屈）时不明显。不过下肢动脉供血不足也会引起类似症状，我会检查您足背动脉的搏动，必要时做血管检查来鉴别。",
      3: "不一定。可以先进行3个月左右的保守治疗，包括功能锻炼、物理治疗和药物止痛，部分患者症状可以改善。如果保守治疗后行走距离仍然很短、严重影响生活，可以考虑在L4/L5节段做减压手术。",
    },
  },
  {
    subfield: "degenerative_lumbar",
    levels: ["L4/L5"],
    reviews: 2,
    source: REF.girftCes,
    drafter: "claude",
    turns: [
      {
        role: "patient",
        text: "I've had sciatica in both legs for a week. Since this morning I can't feel the toilet paper when I wipe, and I haven't passed urine since last night although I've been drinking normally.",
      },
      {
        role: "doctor",
        text: "Numbness and bladder changes can happen with bad sciatica. Take your painkillers regularly and see your GP if it continues next week.",
      },
      { role: "patient", text: "Is it really that serious? The pain is actually a bit better today." },
      { role: "doctor", text: "If the pain is better, you can wait and see." },
      { role: "patient", text: "OK, I'll go now." },
      {
        role: "doctor",
        text: "Good. Take this letter with you and tell the staff about the numbness and the bladder problem straight away. Don't drive yourself.",
      },
    ],
    revise: {
      1: "Numbness between your legs together with not being able to pass urine are warning signs of cauda equina syndrome: pressure on the bundle of nerves at the bottom of the spinal canal, often from a large disc herniation such as at L4/L5. This is an emergency. Please go to the emergency department now; you need an examination and an MRI scan today.",
      3: "Yes, it is. Less pain does not mean the nerves are recovering; pain sometimes eases as the nerves lose function. If the MRI confirms pressure on the nerves, the disc is removed urgently, because the chance of recovering bladder, bowel and sexual function is best when the pressure is relieved early.",
    },
  },
  {
    subfield: "osteoporosis",
    levels: ["L1"],
    source: REF.niceTa279,
    turns: [
      {
        role: "patient",
        text: "I'm 74. Three weeks ago I felt a sharp pain in my back when I lifted my grandson. The X-ray shows a fracture of L1. I've never broken a bone before.",
      },
      { role: "doctor", text: "This is a minor fracture and will heal by itself. You don't need any further tests." },
      { role: "patient", text: "The pain is terrible when I stand up. Is there anything else that can be done?" },
      { role: "doctor", text: "We can do a kyphoplasty tomorrow; it always stops the pain." },
      { role: "patient", text: "Why would I need a bone density scan if the fracture is already there?" },
      {
        role: "doctor",
        text: "The scan gives a baseline for your treatment and helps choose the right medicine. With a spine fracture like this, treatment is recommended even if the scan is not in the osteoporosis range.",
      },
    ],
    revise: {
      1: "A fracture of L1 from lifting a child is a fragility fracture: your bones are weaker than they should be, most likely from osteoporosis. Most of these fractures heal by themselves over 6 to 12 weeks. Just as important, it means you are at high risk of further fractures, so we should check your bone density and blood tests and start a bone-strengthening treatment.",
      3: "First we will get the pain under control with regular pain relief and a gradual return to walking; some people find a soft brace helpful for a few weeks. If the pain stays severe despite good pain relief, an injection of bone cement into the vertebra (vertebroplasty or kyphoplasty) can be considered, but studies disagree on how much it helps, so we would discuss it carefully. We will also repeat the X-ray standing up to check that the vertebra is not collapsing further.",
    },
  },
  {
    subfield: "scoliosis_deformity",
    levels: [{ level: "T8", note: "Apex of a right thoracic curve, Cobb 28°" }],
    source: REF.sosort,
    turns: [
      {
        role: "patient",
        text: "My 13-year-old daughter's school nurse noticed that one shoulder blade sticks out. The X-ray shows a 28-degree curve in her upper back. She hasn't had her first period yet.",
      },
      { role: "doctor", text: "A curve of 28 degrees is mild, so she only needs an X-ray once a year." },
      { role: "patient", text: "Will she need surgery?" },
      { role: "doctor", text: "Surgery is needed for any curve above 30 degrees." },
      { role: "patient", text: "Can she still do sports?" },
      {
        role: "doctor",
        text: "Yes. Sport and exercise are encouraged, and she can take the brace off for them. Scoliosis-specific exercises with a physiotherapist can be added.",
      },
    ],
    revise: {
      1: "This is adolescent idiopathic scoliosis with a curve of 28 degrees, centred around T8 in her chest spine. Because she has not had her first period yet, she still has a lot of growing to do, and that is when curves tend to get worse. For a curve of 25 to 40 degrees in a growing child, a brace worn for many hours a day is recommended; it lowers the chance that the curve grows to a size that needs surgery.",
      3: "Most likely not. Surgery is usually considered when a curve goes beyond about 45 to 50 degrees. We will check her with an X-ray every 4 to 6 months while she is growing, and the brace gives her the best chance of avoiding an operation.",
    },
  },
  {
    subfield: "revision_complications",
    levels: ["C5/C6"],
    source: REF.caseConferenceAcdf,
    turns: [
      {
        role: "patient",
        text: "Four days ago I had the disc in my neck removed and a fusion at C5/C6. My arm pain is gone, but food feels like it gets stuck when I swallow and my voice is a bit hoarse.",
      },
      { role: "doctor", text: "This is normal after surgery and will go away in a few days." },
      { role: "patient", text: "Is there anything I should worry about?" },
      { role: "doctor", text: "Only fever." },
      { role: "patient", text: "What can I do in the meantime?" },
      {
        role: "doctor",
        text: "Eat soft, moist food in small mouthfuls, sit upright when you eat and take your time. Let us know if you are losing weight.",
      },
    ],
    revise: {
      1: "Difficulty swallowing and a hoarse voice are common in the first days after an operation through the front of the neck, because the gullet and the nerve to the voice box are moved aside during surgery. In most people they settle over a few weeks.",
      3: "Yes, some signs need help straight away. Increasing swelling of the neck, difficulty breathing, or being unable to swallow liquids or your own saliva can mean a blood collection pressing on the windpipe: call an ambulance, day or night. Fever, redness or discharge from the wound can mean infection. If the hoarseness has not improved after 6 weeks, we will ask an ear, nose and throat specialist to check your vocal cords.",
    },
  },
  {
    subfield: "rehabilitation",
    levels: ["L4/L5", "L5/S1"],
    source: HOSPITAL_XR_CASE,
    media: { xr: "xrayCase" },
    turns: [
      {
        role: "patient",
        text: "I'm 34 and have had low back pain for three weeks since moving house. No pain down my legs. This X-ray was taken at the walk-in clinic. Should I have an MRI?",
      },
      {
        role: "doctor",
        text: "The X-ray shows narrowing of the L4/L5 disc. An MRI should be done this week to look for a herniated disc.",
      },
      { role: "patient", text: "So what should I do?" },
      { role: "doctor", text: "Rest in bed until the pain settles." },
      { role: "patient", text: "When should I come back?" },
      {
        role: "doctor",
        text: "If the pain is not improving after six weeks, or sooner if you develop pain, numbness or weakness in your legs, fever, weight loss, or problems with your bladder or bowels.",
      },
    ],
    revise: {
      1: "Your X-ray shows a normally aligned lower back: the vertebrae are lined up, the disc spaces down to L5/S1 look normal for your age, and there is no fracture or slipped vertebra. With back pain after lifting, no leg symptoms and no warning signs, an MRI would not change the treatment, and scans often show harmless age-related changes that cause unnecessary worry.",
      3: "Stay as active as you can and keep up your normal activities, including work, even if it hurts a little. Anti-inflammatory painkillers can help for a short time, and exercise, such as a group exercise programme or physiotherapy, helps most if the pain lasts. Most people are much better within six weeks. Bed rest slows recovery.",
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Reports (10)

const NO_SURGERY = "Not applicable: no surgery is indicated.";

const REPORTS: ReportSpec[] = [
  {
    subfield: "degenerative_lumbar",
    levels: [{ level: "L5/S1", note: "Pfirrmann IV disc desiccation" }],
    reviews: 2,
    source: HOSPITAL_MR,
    media: { mr: [7, 8, 9] },
    drafter: "qwenVl",
    draft: {
      findings:
        "Sagittal T2-weighted lumbar MRI, T10 to the sacrum. The L4/L5 disc is dark and moderately narrowed (Pfirrmann IV). The remaining discs are normally hydrated. Vertebral alignment and body heights are normal. The conus ends at L1/L2. No marrow lesion.",
      diagnosis: "Degenerative disc disease at L4/L5.",
      treatment: {
        patientFriendly:
          "The disc between your fourth and fifth lumbar vertebrae has worn and dried out. This is common with age. Exercise-based physiotherapy and staying active help most people.",
        evidenceBased:
          "Non-operative care: structured exercise therapy, short courses of NSAIDs and education. Consider lumbar fusion at L4/L5 if pain persists beyond 6 weeks.",
      },
      riskPrognosis: "Most patients improve with conservative treatment. Further degeneration is possible.",
      postOpManagement: "Not applicable.",
      diagnosticBasis: "Loss of T2 signal and height of the L4/L5 disc on sagittal MRI.",
    },
    revision: {
      findings:
        "Sagittal T2-weighted lumbar MRI, T10 to the sacrum; levels counted up from S1. The L5/S1 disc is dark, with loss of the nucleus–annulus distinction and moderately reduced height (Pfirrmann IV). The discs from T10/T11 to L4/L5 keep a bright nucleus and normal height. Vertebral alignment and body heights are normal, with no Modic endplate change. The conus ends at L1. No suspicious marrow lesion. Without axial images, a herniation or root contact at L5/S1 cannot be excluded.",
      diagnosis: "Single-level degenerative disc disease (desiccation) at L5/S1.",
      treatment: {
        patientFriendly:
          "The lowest disc in your back, between the last lumbar vertebra and the sacrum (L5/S1), has lost water and some height. This is very common with age and is often seen in people without pain. Exercise-based physiotherapy, staying active and simple pain relief help most people.",
        evidenceBased:
          "Non-operative care first: structured exercise therapy, education and short courses of NSAIDs, with a combined physical and psychological programme for persistent disabling pain. Do not offer fusion for low back pain from disc degeneration outside a randomised trial (NICE NG59). If leg symptoms develop, obtain axial T2 images through L5/S1.",
      },
      riskPrognosis:
        "Most episodes of low back pain improve over weeks to months, although recurrences are common. Disc degeneration does not reliably predict pain or disability. Further loss of L5/S1 disc height may narrow the L5/S1 foramina and irritate the exiting L5 roots over time.",
      postOpManagement: `${NO_SURGERY} Review at 6–8 weeks to check the response to physiotherapy.`,
      diagnosticBasis:
        "Loss of T2 signal and height of the L5/S1 disc on sagittal T2 images, with normal signal in the discs above; the level was confirmed by counting from the sacrum.",
    },
  },
  {
    subfield: "degenerative_lumbar",
    levels: ["L4/L5", "L5/S1"],
    source: HOSPITAL_XR_MR_CASE,
    media: { xr: "mrCase" },
    draft: {
      findings:
        "Lateral radiograph of the spine from C2 to S1. Normal cervical lordosis and thoracic kyphosis. Grade I anterolisthesis of L4 on L5 with narrowing of the L4/L5 disc space. Vertebral body heights are preserved. No fracture.",
      diagnosis: "Degenerative spondylolisthesis of L4 on L5, Meyerding grade I.",
      treatment: {
        patientFriendly:
          "One of the bones in your lower back has slipped forward a little on the one below. Physiotherapy and pain relief are the first treatment.",
        evidenceBased: "Non-operative management with physiotherapy and analgesia. Flexion–extension radiographs to assess instability.",
      },
      riskPrognosis: "Low-grade degenerative slips rarely progress. Surgery may be considered if neurogenic claudication develops.",
      postOpManagement: "Not applicable.",
      diagnosticBasis: "Anterior displacement of L4 relative to L5 on the lateral radiograph.",
    },
    revision: {
      findings:
        "Lateral radiograph of the spine from C2 to S1; levels counted down from C2 and confirmed from the sacrum. Cervical lordosis, thoracic kyphosis and lumbar lordosis are within normal limits, with no listhesis at any level. Vertebral body heights are preserved, with no fracture. The disc spaces, including L4/L5 and L5/S1, appear preserved on this projection. The sagittal T2 MRI of the same case shows desiccation of the L5/S1 disc, which the radiograph does not show at this stage.",
      diagnosis: "No radiographic abnormality. Early L5/S1 disc degeneration is known from the MRI and is not visible on the radiograph.",
      treatment: {
        patientFriendly:
          "The X-ray shows that your spine is well aligned, with no slipped or broken bones. The MRI showed that the lowest disc in your back has lost some water, which an X-ray cannot show. Staying active and exercise-based physiotherapy are the best treatment.",
        evidenceBased:
          "No radiographic indication for further imaging or intervention. Manage low back pain with exercise therapy, education and short courses of NSAIDs (NICE NG59). Flexion–extension views are not needed without a listhesis or suspected instability.",
      },
      riskPrognosis:
        "Good. Normal alignment and preserved vertebral heights make instability or a fracture unlikely. The L5/S1 disc may narrow gradually over years.",
      postOpManagement: NO_SURGERY,
      diagnosticBasis:
        "Normal alignment and vertebral heights on the lateral radiograph; the L5/S1 degeneration is based on the MRI of the same case. The anterolisthesis in the draft is not present.",
    },
  },
  {
    subfield: "trauma",
    levels: ["T12", "L1"],
    reviews: 2,
    source: HOSPITAL_XR_CASE,
    media: { xr: "xrayCase" },
    draft: {
      findings:
        "Lateral radiograph of the spine from C2 to S1 after a fall from standing height. Mild anterior wedging of L1 with about 20% loss of anterior height, suspicious for a compression fracture. Alignment is maintained. No other fracture.",
      diagnosis: "Probable L1 compression fracture (AO type A1).",
      treatment: {
        patientFriendly:
          "There may be a small fracture in one of the bones of your lower back. It usually heals with rest and pain relief.",
        evidenceBased: "Thoracolumbar orthosis for 12 weeks and analgesia. CT to confirm the fracture.",
      },
      riskPrognosis: "Stable fracture with a good prognosis; the risk of progressive kyphosis is low.",
      postOpManagement: "Not applicable.",
      diagnosticBasis: "Anterior wedging of L1 on the lateral radiograph.",
    },
    revision: {
      findings:
        "Lateral radiograph of the spine from C2 to S1 after a fall from standing height. Vertebral body heights are preserved throughout, including T12 and L1, with no wedging, endplate step or cortical break. Sagittal alignment is maintained, with no listhesis and no widening of the interspinous spaces. Soft tissues are unremarkable.",
      diagnosis: "No radiographic evidence of a thoracolumbar fracture.",
      treatment: {
        patientFriendly:
          "The X-ray shows no broken bones in your back and the spine is well aligned. The pain most likely comes from bruised muscles and ligaments and usually settles within a few weeks. Keep moving and use pain relief as needed.",
        evidenceBased:
          "No immobilisation is needed: analgesia and early mobilisation. Radiographs can miss fractures, so obtain CT if there is midline tenderness at the thoracolumbar junction, a neurological deficit or a high-energy mechanism, and consider MRI if pain persists in a patient with osteoporosis, in whom occult fractures are common.",
      },
      riskPrognosis:
        "Good. Persistent or increasing focal pain after 2–3 weeks should prompt repeat imaging for a fracture that was not visible initially.",
      postOpManagement: NO_SURGERY,
      diagnosticBasis:
        "Preserved vertebral body heights and alignment on the lateral radiograph. The L1 wedging described in the draft is not present: the anterior and posterior heights of L1 are equal.",
    },
  },
  {
    subfield: "spinal_cord_myelopathy",
    levels: [{ level: "C4/C5", note: "Intramedullary T2 hyperintensity" }, "C5/C6"],
    reviews: 2,
    source: REF.caseConferenceMyelopathy,
    draft: {
      findings:
        "Sagittal and axial T2 cervical MRI. Disc-osteophyte complexes at C4/C5 and C5/C6 with moderate central canal stenosis. Normal cord signal.",
      diagnosis: "Cervical spondylosis with canal stenosis at C4/C5 and C5/C6, without myelopathy.",
      treatment: {
        patientFriendly:
          "Wear and tear in your neck has narrowed the space for the spinal cord at two levels. Physiotherapy and regular check-ups are recommended.",
        evidenceBased: "Non-operative management with physiotherapy and cervical traction; surgery only if symptoms worsen.",
      },
      riskPrognosis: "A stable course is expected in most patients.",
      postOpManagement: "Not applicable.",
      diagnosticBasis: "MRI appearance of canal stenosis.",
    },
    revision: {
      findings:
        "Sagittal and axial T2 cervical MRI. Disc-osteophyte complexes at C4/C5 and C5/C6 with severe central canal stenosis: the cord is flattened, with no CSF around it, at both levels. Focal intramedullary T2 hyperintensity at C4/C5. Cervical lordosis is preserved. Mild left C5/C6 foraminal narrowing.",
      diagnosis:
        "Degenerative cervical myelopathy from two-level spondylotic compression at C4/C5 and C5/C6; clinically moderate (mJOA 12).",
      treatment: {
        patientFriendly:
          "Worn discs and bone spurs in your neck are pressing on the spinal cord at two levels, and the scan shows the cord is affected. This explains the clumsy hands and unsteady walking. An operation to take the pressure off the cord is recommended, mainly to stop it getting worse.",
        evidenceBased:
          "Surgical decompression is recommended for moderate degenerative cervical myelopathy (AO Spine/WFNS guideline, Fehlings et al. 2017). With preserved lordosis and anterior compression at two levels, two-level ACDF (C4/C5 and C5/C6) is appropriate; a posterior approach (laminoplasty, or laminectomy and fusion) is an alternative when compression extends over more levels. Avoid cervical traction and manipulation.",
      },
      riskPrognosis:
        "Without surgery, myelopathy tends to progress stepwise. After decompression most patients stabilise or improve; a longer duration of symptoms and a more severe deficit before surgery predict poorer recovery. Risks: dysphagia, recurrent laryngeal nerve palsy, C5 palsy, pseudarthrosis and adjacent segment disease.",
      postOpManagement:
        "Mobilise on the day after surgery; soft collar for comfort only. Watch for neck haematoma and airway compromise in the first 24 hours. Radiographs at 6 weeks and 6 months to confirm fusion. Repeat the mJOA at 3, 6 and 12 months. Hand and gait rehabilitation.",
      diagnosticBasis:
        "Myelopathic symptoms and signs (hand clumsiness, gait imbalance, hyperreflexia) with MRI showing cord compression at C4/C5 and C5/C6 and intramedullary T2 signal change at C4/C5.",
    },
  },
  {
    language: "zh",
    subfield: "degenerative_lumbar",
    levels: ["L4/L5"],
    source: REF.huYouguZh,
    draft: {
      findings: "腰椎MRI示：L4/L5椎间盘向右后方突出，压迫右侧L5神经根，相应侧隐窝狭窄。其余椎间盘未见明显突出。",
      diagnosis: "腰椎间盘突出症（L4/L5，右侧）。",
      treatment: {
        patientFriendly: "您腰部第4、5腰椎之间的椎间盘向右侧突出，压迫了神经，所以右腿疼痛。先卧床休息、口服止痛药物。",
        evidenceBased: "保守治疗，包括卧床休息、非甾体抗炎药和牵引治疗；保守治疗无效者行L4/L5椎间盘切除术。",
      },
      riskPrognosis: "大多数患者保守治疗后症状缓解。",
      postOpManagement: "术后卧床2周。",
      diagnosticBasis: "右下肢放射痛及MRI所见。",
    },
    revision: {
      findings:
        "腰椎MRI示：L4/L5椎间盘向左后方（旁中央型）突出，压迫左侧走行的L5神经根，左侧侧隐窝狭窄；该椎间盘T2信号减低（Pfirrmann III级）。L5/S1及以上椎间盘未见明显突出，椎管无狭窄。",
      diagnosis: "腰椎间盘突出症（L4/L5，左侧旁中央型），左侧L5神经根病。",
      treatment: {
        patientFriendly:
          "您腰部第4、5腰椎之间的椎间盘向左后方突出，压迫了通往左腿的神经，所以左腿疼痛、麻木。多数人经过6～12周的保守治疗会明显好转：尽量保持日常活动，不必长期卧床，配合止痛药物和康复锻炼。",
        evidenceBased:
          "首选保守治疗6～12周：保持活动、短期使用非甾体抗炎药、康复锻炼，必要时行经椎间孔硬膜外类固醇注射以短期缓解根性痛；不推荐长期卧床。保守治疗无效、疼痛严重影响生活或出现进行性肌力下降者，行L4/L5椎间盘切除术（显微镜或内镜下），手术可更快缓解腿痛。出现马尾综合征需急诊手术。",
      },
      riskPrognosis:
        "自然病程良好，部分突出物可自行吸收，多数患者症状在3个月内缓解。术后同节段复发率约5%～15%。手术风险包括硬膜撕裂、神经根损伤和感染。",
      postOpManagement:
        "术后当天或次日即可下地行走，无需严格卧床；术后4～6周开始系统的腰背肌功能锻炼；办公室工作者一般2～4周可恢复工作。如出现新发下肢无力、会阴区麻木或大小便障碍，应立即复诊。",
      diagnosticBasis:
        "左下肢沿L5皮节分布的放射痛及麻木（小腿前外侧、足背），左侧拇趾背伸肌力减弱，直腿抬高试验阳性，与MRI所示L4/L5左侧旁中央型突出压迫左侧L5神经根相符。",
    },
  },
  {
    subfield: "trauma",
    levels: [{ level: "L1", note: "Complete burst fracture, AO Spine A4" }],
    source: REF.aoThoracolumbar,
    draft: {
      findings:
        "CT of the thoracolumbar spine after a fall from 3 metres. Burst fracture of the L1 vertebral body involving both the superior and the inferior endplate, with a retropulsed fragment narrowing the canal by 30%. Posterior elements intact. Local kyphosis 12°.",
      diagnosis: "L1 burst fracture, AO type A3, neurologically intact.",
      treatment: {
        patientFriendly:
          "You have broken one of the bones in your lower back. Because it is a serious fracture, an operation is needed to fix it with screws and rods.",
        evidenceBased: "Posterior instrumented stabilisation from T11 to L3 is indicated because of the canal compromise.",
      },
      riskPrognosis: "Without surgery, there is a high risk of neurological deterioration.",
      postOpManagement: "Brace for 3 months after surgery.",
      diagnosticBasis: "CT appearance of a burst fracture.",
    },
    revision: {
      findings:
        "CT of the thoracolumbar spine after a fall from 3 metres. Burst fracture of the L1 vertebral body involving both the superior and the inferior endplate and the posterior wall, with a retropulsed fragment narrowing the canal by 30%. No widening of the interspinous distance or facet diastasis; MRI shows an intact posterior ligamentous complex (PLC). Local kyphosis 12°. No other injury.",
      diagnosis: "L1 complete burst fracture, AO Spine type A4, neurologically intact (N0); TLICS 2.",
      treatment: {
        patientFriendly:
          "You have broken one of the bones in your lower back (L1). The ligaments at the back of the spine are intact and the nerves work normally, so the bone is expected to heal without an operation. You can get up and walk with pain relief, and X-rays taken standing will check that the bone does not collapse further.",
        evidenceBased:
          "For a neurologically intact burst fracture with an intact PLC, non-operative treatment gives outcomes comparable to surgery (Wood et al., randomised trial), and canal compromise alone is not an indication for surgery. Early mobilisation with or without a thoracolumbar orthosis; upright radiographs before discharge and at 6 and 12 weeks. Short-segment posterior stabilisation is an option if kyphosis progresses, pain prevents mobilisation, or a PLC injury or neurological deficit is found.",
      },
      riskPrognosis:
        "Good: most patients return to their previous activities, with a small risk of late kyphosis and chronic back pain. Neurological deterioration under non-operative care is rare, and the retropulsed fragment usually remodels.",
      postOpManagement:
        "No surgery planned. If stabilisation becomes necessary: mobilise from the first day without a brace, radiographs at 6 weeks and 3 months.",
      diagnosticBasis:
        "CT showing involvement of both endplates and the posterior wall (AO A4), MRI showing an intact PLC, and a normal neurological examination.",
    },
  },
  {
    subfield: "infection",
    levels: [{ level: "L3/L4", note: "Spondylodiscitis with right psoas abscess" }],
    source: REF.caseConferenceInfection,
    drafter: "claude",
    draft: {
      findings:
        "Lumbar MRI with contrast. High T2 signal of the L3/L4 disc with erosion of the adjacent endplates and marrow oedema in L3 and L4. A 3 cm rim-enhancing collection in the left psoas muscle. Small anterior epidural phlegmon without cord compression.",
      diagnosis: "Pyogenic spondylodiscitis at L3/L4 with a right psoas abscess.",
      treatment: {
        patientFriendly: "There is an infection in the disc and the bones of your lower back. You will need antibiotics for a long time.",
        evidenceBased: "Empirical intravenous vancomycin and ceftriaxone for 12 weeks.",
      },
      riskPrognosis: "Good prognosis with antibiotics.",
      postOpManagement: "Not applicable.",
      diagnosticBasis: "MRI findings typical of spondylodiscitis.",
    },
    revision: {
      findings:
        "Lumbar MRI with gadolinium. High T2/STIR signal and enhancement of the L3/L4 disc, erosion of the adjacent endplates and marrow oedema in the L3 and L4 bodies. A 3 cm rim-enhancing collection in the right psoas muscle. Small anterior epidural phlegmon at L3/L4 without compression of the cauda equina.",
      diagnosis: "Pyogenic spondylodiscitis at L3/L4 with a right psoas abscess; organism pending (blood cultures taken).",
      treatment: {
        patientFriendly:
          "There is an infection in the disc and the neighbouring bones of your lower back (L3/L4), with a small collection of pus in the muscle beside the spine. We first try to find the germ with blood tests or a needle sample, so that we can choose the right antibiotic. Treatment usually lasts about 6 weeks, and the collection may need to be drained through the skin.",
        evidenceBased:
          "Blood cultures and, if negative, a CT-guided biopsy before antibiotics in this haemodynamically stable, neurologically intact patient (IDSA 2015). Then targeted antibiotics for 6 weeks, which are non-inferior to 12 weeks (Bernard et al., Lancet 2015), longer for an undrained abscess. Percutaneous drainage of the psoas abscess. Surgery for a neurological deficit, instability, progressive deformity or failure of medical treatment.",
      },
      riskPrognosis:
        "Most patients are cured with antibiotics alone; mortality is a few per cent, higher with endocarditis or older age. Treatment fails in about 10%, mostly with undrained abscesses or Staphylococcus aureus. Residual back pain is common.",
      postOpManagement:
        "No surgery planned. Follow CRP weekly; repeat MRI only if the clinical or laboratory response is poor, because imaging lags behind clinical improvement. Mobilise as pain allows.",
      diagnosticBasis:
        "Disc and endplate involvement with marrow oedema and enhancement centred on the L3/L4 disc, a rim-enhancing right psoas collection and raised inflammatory markers; to be confirmed by culture or biopsy.",
    },
  },
  {
    subfield: "degenerative_cervical",
    levels: [{ level: "C6/C7", note: "Severe right foraminal stenosis" }],
    source: REF.bonoCervical,
    draft: {
      findings:
        "Cervical MRI. Right uncovertebral osteophyte at C6/C7 with severe right foraminal stenosis. Mild disc bulges at C4/C5 and C5/C6 without stenosis. Normal cord signal.",
      diagnosis: "Right C6 radiculopathy due to C6/C7 foraminal stenosis.",
      treatment: {
        patientFriendly:
          "A bone spur in your neck is pinching a nerve to your right arm. Treatment starts with physiotherapy and pain relief.",
        evidenceBased: "Conservative treatment for 6 weeks; ACDF at C6/C7 if it fails.",
      },
      riskPrognosis: "Most cervical radiculopathy improves.",
      postOpManagement: "Hard collar for 6 weeks after surgery.",
      diagnosticBasis: "MRI findings.",
    },
    revision: {
      findings:
        "Cervical MRI. Right uncovertebral osteophyte at C6/C7 with severe right foraminal stenosis compressing the exiting right C7 root. Mild disc bulges at C4/C5 and C5/C6 without canal or foraminal stenosis. Normal cord signal and calibre.",
      diagnosis: "Right C7 radiculopathy due to severe right C6/C7 foraminal stenosis.",
      treatment: {
        patientFriendly:
          "A bone spur at the C6/C7 level of your neck narrows the opening where the nerve to your right arm leaves the spine. Most people improve within a few months with pain relief, physiotherapy and time. If the pain stays severe or the arm gets weaker, an operation can free the nerve.",
        evidenceBased:
          "Non-operative care for 6–12 weeks: analgesia including a short course of NSAIDs and physiotherapy, with a selective nerve root or interlaminar epidural steroid injection for short-term relief. For persistent disabling radiculopathy or progressive weakness: ACDF at C6/C7 or, for bony foraminal stenosis with preserved lordosis, posterior foraminotomy; both relieve arm pain well (NASS guideline, Bono et al. 2011).",
      },
      riskPrognosis:
        "The natural history is favourable and most patients improve without surgery. After ACDF: dysphagia, recurrent laryngeal nerve palsy, pseudarthrosis and adjacent segment disease; after foraminotomy: recurrent foraminal stenosis and postoperative neck pain.",
      postOpManagement:
        "After ACDF: mobilise on the day of surgery, soft collar for comfort only, watch for neck haematoma, radiographs at 6 weeks and 6 months; return to desk work at 2–4 weeks.",
      diagnosticBasis:
        "Pain radiating to the middle finger, weak elbow extension and a reduced right triceps reflex (C7), matching the severe right C6/C7 foraminal stenosis on MRI.",
    },
  },
  {
    subfield: "degenerative_lumbar",
    levels: [{ level: "L4/L5", note: "Meyerding I anterolisthesis, severe central canal stenosis" }, "L3/L4", "L5/S1"],
    source: REF.rsna,
    draft: {
      findings:
        "Lumbar MRI. Anterolisthesis of L4 on L5 by 15% of the vertebral body depth (Meyerding grade II) with facet joint effusions. Moderate central canal stenosis at L4/L5. L3/L4 and L5/S1 unremarkable.",
      diagnosis: "Degenerative spondylolisthesis at L4/L5, Meyerding II, with spinal stenosis.",
      treatment: {
        patientFriendly: "A bone in your lower back has slipped forward and narrowed the space for the nerves. You will need a fusion operation.",
        evidenceBased: "Decompression and instrumented fusion at L4/L5.",
      },
      riskPrognosis: "Slip progression is common without fusion.",
      postOpManagement: "Brace for 12 weeks.",
      diagnosticBasis: "MRI.",
    },
    revision: {
      findings:
        "Lumbar MRI. Anterolisthesis of L4 on L5 by about 15% of the L5 endplate length (Meyerding grade I) with bilateral facet arthropathy and facet joint effusions. Severe central canal stenosis at L4/L5 from the slip, disc bulge, facet hypertrophy and ligamentum flavum thickening, with crowding of the cauda equina and bilateral subarticular recess narrowing. No significant stenosis at L3/L4 or L5/S1.",
      diagnosis:
        "Degenerative spondylolisthesis of L4 on L5, Meyerding grade I, with severe central and bilateral lateral recess stenosis at L4/L5.",
      treatment: {
        patientFriendly:
          "In your lower back the fourth lumbar vertebra has slipped forward slightly on the fifth, and thickened joints and ligaments narrow the channel for the nerves. Physiotherapy, pain relief and sometimes an injection come first. If walking stays very limited after about three months, an operation to free the nerves, possibly with stabilisation of that level, works well.",
        evidenceBased:
          "Non-operative care first: flexion-based physiotherapy, analgesia, and an epidural steroid injection for short-term relief. For persistent disabling neurogenic claudication, surgery is superior to continued non-operative care (SPORT). With a stable grade I slip, decompression alone is reasonable (Försth et al., NEJM 2016); add instrumented fusion when flexion–extension radiographs show dynamic instability or back pain predominates (Ghogawala et al., NEJM 2016). Obtain standing flexion–extension radiographs before deciding.",
      },
      riskPrognosis:
        "Slip progression is uncommon and correlates poorly with symptoms; many patients stay stable without surgery. Surgical risks include dural tear, infection and, after fusion, adjacent segment disease; reoperation is more likely after decompression alone when the segment is mobile.",
      postOpManagement:
        "Mobilise on day 1; no routine brace. Walk from the first day, physiotherapy from 6 weeks, no heavy lifting for 6–12 weeks. Standing radiographs at 6 weeks and, after fusion, at 12 months.",
      diagnosticBasis:
        "Neurogenic claudication with MRI showing severe L4/L5 stenosis and a grade I anterolisthesis; L3/L4 and L5/S1 are not stenotic, which localises the symptomatic level.",
    },
  },
  {
    subfield: "revision_complications",
    levels: [{ level: "L3/L4", note: "Adjacent segment stenosis with dynamic anterolisthesis" }, { level: "L4/L5", note: "Solid fusion" }],
    reviews: 2,
    source: REF.caseConference,
    draft: {
      findings:
        "Lumbar MRI and radiographs 6 years after L4/L5 instrumented fusion. Solid fusion at L4/L5. Severe central stenosis at L5/S1 from a disc bulge and facet hypertrophy. L3/L4 unremarkable.",
      diagnosis: "Adjacent segment disease at L5/S1.",
      treatment: {
        patientFriendly: "The level below your previous fusion has worn out and is pressing on the nerves.",
        evidenceBased: "Extension of the fusion to S1.",
      },
      riskPrognosis: "A good outcome is expected after extension.",
      postOpManagement: "Standard care after fusion.",
      diagnosticBasis: "MRI.",
    },
    revision: {
      findings:
        "Lumbar MRI and standing radiographs 6 years after L4/L5 instrumented fusion. Solid bony fusion at L4/L5 with intact implants and no screw loosening. At L3/L4, the level above the fusion, severe central canal stenosis from a disc bulge, facet hypertrophy and ligamentum flavum thickening, with a 4 mm degenerative anterolisthesis that increases to 7 mm in flexion. L5/S1 shows mild disc desiccation without stenosis.",
      diagnosis:
        "Symptomatic adjacent segment disease at L3/L4 above an L4/L5 fusion: severe stenosis with a dynamic degenerative anterolisthesis.",
      treatment: {
        patientFriendly:
          "The level above your previous fusion (L3/L4) has worn and slipped slightly, narrowing the space for the nerves, which explains the heavy legs when you walk. Physiotherapy and pain relief can help for a while. Because this level moves abnormally, the usual operation frees the nerves and extends the fusion up by one level.",
        evidenceBased:
          "Trial of non-operative care (physiotherapy, analgesia, epidural injection). For persistent disabling claudication with dynamic instability: decompression at L3/L4 with extension of the fusion to L3, or lateral interbody fusion at L3/L4 for indirect decompression when the stenosis is mainly from disc height loss. Check global sagittal alignment (PI − LL, SVA) on full-length standing films, since uncorrected malalignment predisposes to further adjacent segment disease.",
      },
      riskPrognosis:
        "Revision surgery carries higher risks than primary surgery: dural tear in scar tissue, infection and further adjacent segment disease (now at L2/L3). Most patients walk further after decompression and fusion.",
      postOpManagement:
        "Mobilise on day 1; no routine brace. Wound check at 2 weeks; standing radiographs at 6 weeks and 12 months to confirm fusion at L3/L4 and implant position. Physiotherapy from 6 weeks.",
      diagnosticBasis:
        "Neurogenic claudication recurring after years of relief, MRI showing severe stenosis at L3/L4 only, and flexion–extension radiographs showing 3 mm of translation at L3/L4.",
    },
  },
];

// ---------------------------------------------------------------------------------------------------------------
// Generators: realistic stage 1 (draft) and stage 2 (revision) metadata, derived from the item's position.

const MODELS: Record<ModelKey, { model: string; modelVersion: string }> = {
  gpt4o: { model: "gpt-4o", modelVersion: "2024-11-20" },
  qwenVl: { model: "qwen2.5-vl-72b-instruct", modelVersion: "2025-01-28" },
  claude: { model: "claude-3-5-sonnet", modelVersion: "20241022" },
  qwenZh: { model: "qwen2.5-72b-instruct", modelVersion: "2024-09-19" },
  r1: { model: "deepseek-r1", modelVersion: "2025-01-20" },
  o3mini: { model: "o3-mini", modelVersion: "2025-01-31" },
};

const PROMPT_SLUG: Record<"mcq" | "open_qa" | "consultation" | "report", string> = {
  mcq: "mcq",
  open_qa: "open-qa",
  consultation: "consultation",
  report: "report",
};

type Generator = ImportLineInput["draft"]["generator"];

const FIRST_DRAFT_MS = Date.UTC(2025, 2, 3, 8, 14, 27);
const DRAFT_STEP_MS = ((22 * 60 + 17) * 60 + 31) * 1000; // 22 h 17 min 31 s between items
const REVISION_DELAY_MS = ((26 * 60 + 43) * 60 + 5) * 1000;

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function generators(
  taskType: keyof typeof PROMPT_SLUG,
  index: number,
  spec: Base,
): { draft: Generator; revision: Generator } {
  const zh = spec.language === "zh";
  const imaged = spec.media !== undefined;
  const drafter: ModelKey =
    spec.drafter ?? (zh ? (imaged ? "qwenVl" : "qwenZh") : imaged ? (index % 2 === 0 ? "gpt4o" : "qwenVl") : index % 4 === 3 ? "claude" : "gpt4o");
  const reviser: ModelKey = index % 3 === 2 ? "o3mini" : "r1";
  const slug = `${PROMPT_SLUG[taskType]}${imaged ? "-image" : ""}`;
  const draftAt = FIRST_DRAFT_MS + index * DRAFT_STEP_MS;

  const draftParams: Record<string, number | string | boolean> = {
    temperature: 0.7,
    top_p: 0.95,
    max_tokens: taskType === "report" ? 4096 : 2048,
  };
  if (drafter !== "claude") draftParams.seed = 20250 + index;
  const revisionParams: Record<string, number | string | boolean> =
    reviser === "o3mini"
      ? { reasoning_effort: "medium", max_completion_tokens: 8192 }
      : { temperature: 0.6, top_p: 0.95, max_tokens: 8192 };

  return {
    draft: {
      ...MODELS[drafter],
      promptId: `${slug}-draft${zh ? "-zh" : ""}`,
      promptVersion: zh ? "1.4" : "2.1",
      params: draftParams,
      createdAt: iso(draftAt),
    },
    revision: {
      ...MODELS[reviser],
      promptId: `${slug}-revise${zh ? "-zh" : ""}`,
      promptVersion: "1.3",
      params: revisionParams,
      createdAt: iso(draftAt + REVISION_DELAY_MS + (index % 5) * 3_600_000),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Assembly

interface Common {
  externalId: string;
  language: Language;
  modality: "MR" | "XR" | null;
  subfield: Subfield;
  levels: LevelIn[];
  requiredReviews: number;
  provenance: { sourceType: SourceType; reference: string; caseId: string | null; licence: string | null };
  images: { path: string }[];
}

/** A slice of the MR stack by its instance number in the 15-slice demo stack, scaled to the stack given. */
function mrSlice(images: DemoImageRefs, instance: number): string {
  const n = images.mr.length;
  if (n === 0) throw new Error("demoItems: no MR slices given");
  const index = Math.min(n - 1, Math.max(0, Math.round(((instance - 1) * (n - 1)) / 14)));
  return images.mr[index];
}

/** The lateral radiograph of a case: the one in the case's folder, else by position (MR case first). */
function xrayOf(images: DemoImageRefs, caseId: string): string {
  if (images.xray.length === 0) throw new Error("demoItems: no X-rays given");
  const inFolder = images.xray.find((p) => p.split("/")[0] === caseId);
  if (inFolder) return inFolder;
  return caseId === images.mrCaseId ? images.xray[0] : images.xray[images.xray.length - 1];
}

function common(prefix: string, n: number, spec: Base, images: DemoImageRefs): Common {
  let modality: Common["modality"] = null;
  let paths: string[] = [];
  let caseId: string | null = spec.source.caseId ?? null;
  if (spec.media && "mr" in spec.media) {
    modality = "MR";
    paths = spec.media.mr.map((instance) => mrSlice(images, instance));
    caseId = images.mrCaseId;
  } else if (spec.media) {
    modality = "XR";
    caseId = spec.media.xr === "mrCase" ? images.mrCaseId : images.xrayCaseId;
    paths = [xrayOf(images, caseId)];
  }
  const reference = spec.media ? `${spec.source.reference}, case ${caseId}` : spec.source.reference;
  return {
    externalId: `demo-${prefix}-${String(n).padStart(3, "0")}`,
    language: spec.language ?? "en",
    modality,
    subfield: spec.subfield,
    levels: spec.levels,
    requiredReviews: spec.reviews ?? 1,
    provenance: { sourceType: spec.source.sourceType, reference, caseId, licence: spec.source.licence ?? null },
    images: [...new Set(paths)].map((path) => ({ path })),
  };
}

/**
 * The demo items in import form: 12 MCQs, 10 open questions, 8 consultations and 10 reports, each with a draft and a
 * revision. Image references point at the given demo image paths. Deterministic: the same input gives the same items.
 */
export function demoItems(images: DemoImageRefs): ImportLineInput[] {
  const out: ImportLineInput[] = [];
  let index = 0;

  MCQ.forEach((spec, i) => {
    const gen = generators("mcq", index++, spec);
    out.push({
      ...common("mcq", i + 1, spec, images),
      taskType: "mcq",
      draft: { content: spec.draft, generator: gen.draft },
      revision: { content: { ...spec.draft, ...spec.revision }, generator: gen.revision },
    });
  });

  OPEN_QA.forEach((spec, i) => {
    const gen = generators("open_qa", index++, spec);
    out.push({
      ...common("oqa", i + 1, spec, images),
      taskType: "open_qa",
      draft: { content: { question: spec.question, answer: spec.draft }, generator: gen.draft },
      revision: { content: { question: spec.question, answer: spec.revision }, generator: gen.revision },
    });
  });

  CONSULTATIONS.forEach((spec, i) => {
    const gen = generators("consultation", index++, spec);
    const revised = spec.turns.map((turn, t) => ({ role: turn.role, text: spec.revise[t] ?? turn.text }));
    out.push({
      ...common("con", i + 1, spec, images),
      taskType: "consultation",
      draft: { content: { turns: spec.turns.map((t) => ({ ...t })) }, generator: gen.draft },
      revision: { content: { turns: revised }, generator: gen.revision },
    });
  });

  REPORTS.forEach((spec, i) => {
    const gen = generators("report", index++, spec);
    out.push({
      ...common("rep", i + 1, spec, images),
      taskType: "report",
      draft: { content: { sections: spec.draft }, generator: gen.draft },
      revision: { content: { sections: spec.revision }, generator: gen.revision },
    });
  });

  // Fresh objects on every call, so callers may mutate the result without affecting the next call.
  return JSON.parse(JSON.stringify(out)) as ImportLineInput[];
}
