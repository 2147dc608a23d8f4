// A real PACS for the tests: Debian's Orthanc with its DICOMweb plugin, started without systemd from a config of
// its own (temporary storage, free HTTP and DICOM ports on 127.0.0.1, basic authentication), loaded through its
// REST API, stopped afterwards. Packages: orthanc, orthanc-dicomweb.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";

export const ORTHANC_BIN = "/usr/sbin/Orthanc";
export const DICOMWEB_PLUGIN = "/usr/share/orthanc/plugins/libOrthancDicomWeb.so";

export interface OrthancPeer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** The DICOMweb root, as an endpoint's base URL. */
  dicomWebUrl: string;
  username: string;
  password: string;
  /** Stores one DICOM file (POST /instances); returns Orthanc's answer (ID, ParentStudy…). */
  upload(file: Buffer): Promise<{ ID: string; Status: string; ParentStudy: string; ParentSeries: string }>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export async function startOrthanc(opts: { username?: string; password?: string } = {}): Promise<OrthancPeer> {
  for (const [file, pkg] of [[ORTHANC_BIN, "orthanc"], [DICOMWEB_PLUGIN, "orthanc-dicomweb"]]) {
    if (!existsSync(file)) throw new Error(`${file} is missing: apt-get install -y ${pkg}`);
  }
  const username = opts.username ?? "test";
  const password = opts.password ?? "test-only-pw";
  const dir = mkdtempSync(path.join(os.tmpdir(), "orthanc-"));
  const [httpPort, dicomPort] = [await freePort(), await freePort()];
  const config = {
    Name: "TestPACS",
    StorageDirectory: path.join(dir, "storage"),
    IndexDirectory: path.join(dir, "index"),
    Plugins: [DICOMWEB_PLUGIN],
    HttpPort: httpPort,
    DicomPort: dicomPort,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: true,
    RegisteredUsers: { [username]: password },
    DicomWeb: { Enable: true, Root: "/dicom-web/" },
    HttpTimeout: 60,
    StableAge: 1,
  };
  const configFile = path.join(dir, "config.json");
  writeFileSync(configFile, JSON.stringify(config));
  const child: ChildProcess = spawn(ORTHANC_BIN, [configFile], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${httpPort}`;
  const auth = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Orthanc exited at start (code ${child.exitCode}): ${stderr.slice(-600)}`);
    }
    try {
      const res = await fetch(`${url}/system`, { headers: { Authorization: auth } });
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Orthanc did not start within 20 s: ${stderr.slice(-600)}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    dicomWebUrl: `${url}/dicom-web`,
    username,
    password,
    async upload(file: Buffer) {
      const res = await fetch(`${url}/instances`, { method: "POST", headers: { Authorization: auth, "Content-Type": "application/dicom" }, body: new Uint8Array(file) });
      if (!res.ok) throw new Error(`Orthanc refused an instance: HTTP ${res.status} ${await res.text()}`);
      return (await res.json()) as { ID: string; Status: string; ParentStudy: string; ParentSeries: string };
    },
    stop,
  };
}
