/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and Node-only packages stay out of the server bundle.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "pg", "dcmjs"],
  poweredByHeader: false,
  experimental: { authInterrupts: true },
};

export default nextConfig;
