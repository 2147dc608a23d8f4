/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle (the DICOM decoders load their own WebAssembly file).
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "dcmjs", "dcmjs-imaging", "dcmjs-codecs"],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
};

export default nextConfig;
