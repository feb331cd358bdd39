import createNextIntlPlugin from "next-intl/plugin";

// Security headers (CSP with per-request nonces, HSTS, framing) are set by the server in front
// of Next.js: lib/server/security-headers.ts, the one place they are defined.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Native modules and the provider run in Node as they are, never bundled.
  serverExternalPackages: [
    "oidc-provider",
    "argon2",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
  ],
};

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

export default withNextIntl(nextConfig);
