import { describe, expect, it } from "vitest";
import { attachStudiesSchema, endpointSchema, studySearchSchema } from "./schemas";
import { studyDateQuery } from "./search-date";

const ok = { name: "hospital-pacs", baseUrl: "https://pacs.example.org/dicom-web/", authKind: "basic", username: "svc", secretEnv: "PACS_PASSWORD" };

describe("endpointSchema", () => {
  it("accepts basic, bearer and no authentication with their defaults", () => {
    expect(endpointSchema.parse(ok)).toMatchObject({ proxy: false, timeoutSeconds: 30, maxInstanceMB: 256 });
    expect(endpointSchema.parse({ ...ok, authKind: "bearer", username: "" }).username).toBeUndefined();
    expect(endpointSchema.parse({ name: "open", baseUrl: "http://127.0.0.1:8042/dicom-web", authKind: "none" }).secretEnv).toBeUndefined();
  });
  it("refuses a secret in place of a variable name, credentials in the URL, and missing pieces", () => {
    const issue = (v: unknown) => endpointSchema.safeParse(v).error?.issues[0]?.message;
    expect(issue({ ...ok, secretEnv: "hunter2 is my password" })).toMatch(/environment variable name/);
    expect(issue({ ...ok, baseUrl: "https://svc:pw@pacs.example.org/dicom-web" })).toMatch(/no credentials in the URL/);
    expect(issue({ ...ok, baseUrl: "ftp://pacs.example.org" })).toMatch(/http:\/\/ or https:\/\//);
    expect(issue({ ...ok, username: "" })).toBe("Basic authentication needs a username");
    expect(issue({ ...ok, secretEnv: "" })).toMatch(/Name the environment variable/);
    expect(issue({ ...ok, name: "a b" })).toMatch(/letters, digits/);
  });
});

describe("study search and attach inputs", () => {
  it("normalises the modality and refuses a malformed date or UID", () => {
    const id = "c".repeat(25);
    expect(studySearchSchema.parse({ endpointId: id, modality: "mr", accessionNumber: "" })).toEqual({ endpointId: id, modality: "MR" });
    expect(studySearchSchema.safeParse({ endpointId: id, dateFrom: "01/02/2025" }).success).toBe(false);
    expect(attachStudiesSchema.safeParse({ endpointId: id, caseExternalId: "case-1", studyInstanceUids: ["1.2.3;rm"], policy: "strip" }).success).toBe(false);
    expect(attachStudiesSchema.safeParse({ endpointId: id, caseExternalId: "Doe, Jane", studyInstanceUids: ["1.2.3"], policy: "strip" }).success).toBe(false);
  });
  it("turns a date range into DICOM range matching", () => {
    expect(studyDateQuery("2025-01-01", "2025-01-31")).toBe("20250101-20250131");
    expect(studyDateQuery("2025-01-01", "2025-01-01")).toBe("20250101");
    expect(studyDateQuery(undefined, "2025-01-31")).toBe("-20250131");
    expect(studyDateQuery("2025-01-01")).toBe("20250101-");
    expect(studyDateQuery()).toBeUndefined();
  });
});
