import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { bindLog, createLogger, logLevelFromEnv } from "./log";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString("utf8").split("\n").filter(Boolean));
      done();
    },
  });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { stream, lines, records };
}

// Marker values: if any of them reaches the output, redaction failed.
const person = {
  nhsNumber: "9434765919",
  crn: "X123456",
  name: "Alice Marker",
  firstName: "Alice",
  lastName: "Marker",
  givenName: "Alicia",
  familyName: "Markerson",
  dateOfBirth: "1980-02-03",
  email: "alice.marker@example.com",
  password: "hunter2-marker-password",
  answers: { q1: "marker-answer" },
  notes: "marker clinical note",
};

describe("server log", () => {
  it("writes one JSON object per line with level, time and message", () => {
    const out = capture();
    bindLog(createLogger(out.stream, "info")).logInfo("hello", { count: 3 });
    const [record] = out.records();
    expect(record).toMatchObject({ level: "info", msg: "hello", count: 3, service: "probation-health-hub" });
    expect(typeof record?.time).toBe("string");
  });

  it("redacts personal data one level down and at the top", () => {
    const out = capture();
    const log = bindLog(createLogger(out.stream, "info"));
    log.logInfo("person saved", { person, nhsNumber: person.nhsNumber, email: person.email });
    log.logWarn("odd request", { req: { method: "POST", headers: { cookie: "authjs.session-token=marker-cookie", authorization: "Bearer marker-token" } } });
    const text = out.lines.join("\n");
    for (const value of [...Object.values(person).filter((v): v is string => typeof v === "string"), "marker-answer", "marker-cookie", "marker-token"]) {
      expect(text).not.toContain(value);
    }
    const [saved, odd] = out.records();
    expect(saved?.person).toMatchObject({ nhsNumber: "[Redacted]", crn: "[Redacted]", dateOfBirth: "[Redacted]", answers: "[Redacted]", notes: "[Redacted]" });
    expect(saved?.nhsNumber).toBe("[Redacted]");
    expect(odd?.req).toMatchObject({ method: "POST", headers: { cookie: "[Redacted]", authorization: "[Redacted]" } });
  });

  it("never logs an error's message (a database error can quote the row), but keeps its name and code", () => {
    const out = capture();
    const dbError = Object.assign(new Error('duplicate key value violates unique constraint "people_nhs_number_unique" Key (nhs_number)=(9434765919)'), { code: "23505" });
    const wrapped = new Error("Failed query: insert into people values ('Alice Marker')", { cause: dbError });
    bindLog(createLogger(out.stream, "info")).logError("person create failed", wrapped);
    const text = out.lines.join("\n");
    expect(text).not.toContain("9434765919");
    expect(text).not.toContain("Alice Marker");
    expect(text).not.toContain("duplicate key");
    const [record] = out.records();
    expect(record).toMatchObject({ level: "error", msg: "person create failed", error: { kind: "Error", cause: { kind: "Error", code: "23505" } } });
  });

  it("takes its level from LOG_LEVEL and ignores nonsense", () => {
    expect(logLevelFromEnv("WARN")).toBe("warn");
    expect(logLevelFromEnv("loud")).toBe("info");
    expect(logLevelFromEnv(undefined)).toBe("info");
    const out = capture();
    const log = bindLog(createLogger(out.stream, "warn"));
    log.logInfo("quiet");
    log.logWarn("heard");
    expect(out.records().map((r) => r.msg)).toEqual(["heard"]);
  });
});
