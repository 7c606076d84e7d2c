import { describe, expect, it } from "vitest";
import { classifyAudit } from "./audit-deps";

const report = (vulnerabilities: Record<string, unknown>, counts: Record<string, number>) => JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts } });

describe("classifyAudit", () => {
  it("passes a report with only low and moderate advisories", () => {
    const verdict = classifyAudit(report({ a: { name: "a", severity: "moderate", via: [] } }, { low: 0, moderate: 1, high: 0, critical: 0, total: 1 }));
    expect(verdict.kind).toBe("clean");
  });

  it("fails on a high or critical advisory and names it", () => {
    const verdict = classifyAudit(
      report(
        { next: { name: "next", severity: "critical", via: [{ title: "Authorization bypass in middleware" }] }, lodash: { name: "lodash", severity: "high", via: ["lodash.template"] }, ok: { name: "ok", severity: "low", via: [] } },
        { low: 1, high: 1, critical: 1, total: 3 },
      ),
    );
    expect(verdict).toEqual({
      kind: "findings",
      findings: [
        { name: "next", severity: "critical", advisories: ["Authorization bypass in middleware"] },
        { name: "lodash", severity: "high", advisories: ["via lodash.template"] },
      ],
    });
  });

  it("recognises an unreachable audit service: DNS failure, refused bulk endpoint, server error", () => {
    expect(classifyAudit(JSON.stringify({ error: { code: "ENOTFOUND", summary: "request to https://registry.npmjs.org failed" } })).kind).toBe("unreachable");
    expect(classifyAudit(JSON.stringify({ message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk", statusCode: 405 })).kind).toBe("unreachable");
    expect(classifyAudit(JSON.stringify({ message: "503 Service Unavailable", statusCode: 503 })).kind).toBe("unreachable");
    expect(classifyAudit("npm error code EAI_AGAIN").kind).toBe("unreachable");
  });

  it("does not mistake other failures for an unreachable service", () => {
    expect(classifyAudit("").kind).toBe("unknown");
    expect(classifyAudit(JSON.stringify({ error: { code: "ENOLOCK", summary: "This command requires an existing lockfile." } })).kind).toBe("unknown");
  });
});
