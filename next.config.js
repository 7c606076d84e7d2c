/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite ships WASM and data files that must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "@node-rs/argon2"],
  poweredByHeader: false,
  reactStrictMode: true,
  // forbidden() renders app/forbidden.tsx with a 403 when a role lacks a permission.
  experimental: { authInterrupts: true },
  // Every page's <title> in the first bytes of <head>, for every browser (WCAG 2.4.2: a screen
  // reader announces it on load). By default Next.js streams metadata of dynamic pages after the
  // body, so for a moment a page has no title (an axe run caught it).
  htmlLimitedBots: /.*/,
  async headers() {
    // Content-Security-Policy carries a per-request nonce, so proxy.ts sets it; these are static.
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          // same-origin, not no-referrer: with no-referrer a form post sends "Origin: null" and Next.js rightly refuses the action.
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
