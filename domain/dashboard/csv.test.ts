import { describe, expect, it } from "vitest";
import { csvField, exportFilename, neutralise, tableToCsv, toCsv } from "./csv";
import type { DashboardTable } from "./table";

describe("CSV injection", () => {
  it.each(["=SUM(A1:A2)", "+44 1234", "-2+3", "@cmd", "\tx", "\rx"])("prefixes %j with a single quote", (text) => {
    expect(neutralise(text)).toBe(`'${text}`);
  });
  it("leaves other text alone, including a sign later in the text", () => {
    expect(neutralise("Cambridge")).toBe("Cambridge");
    expect(neutralise("A=B")).toBe("A=B");
    expect(neutralise("")).toBe("");
  });
  it("writes numbers as numbers, a negative one included", () => {
    expect(csvField(-3)).toBe("-3");
    expect(csvField(12.5)).toBe("12.5");
    expect(csvField(Number.NaN)).toBe("");
  });
  it("neutralises before quoting", () => {
    expect(csvField('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
  });
});

describe("RFC 4180 quoting", () => {
  it("quotes a field with a comma, quote, CR or LF and doubles quotes", () => {
    expect(csvField("18 to 24, male")).toBe('"18 to 24, male"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("plain")).toBe("plain");
  });
  it("ends every record with CRLF", () => {
    expect(toCsv([["a", 1], ["b", 2]])).toBe("a,1\r\nb,2\r\n");
  });
});

describe("tableToCsv", () => {
  it("writes a header and one record per row, with bare numbers and * for suppressed", () => {
    const table: DashboardTable = {
      id: "reach",
      caption: "Reach",
      rowHeading: "Measure",
      columns: [
        { key: "a", label: "Cambridge" },
        { key: "b", label: "=Evil site" },
      ],
      rows: [
        { key: "n", label: "People enrolled", cells: [{ kind: "count", value: 12 }, { kind: "suppressed" }] },
        { key: "p", label: "Rate, in per cent (%)", cells: [{ kind: "percent", value: 25 }, { kind: "none" }] },
        { key: "d", label: "Median days", cells: [{ kind: "days", value: 3.5 }, { kind: "suppressed" }] },
      ],
    };
    expect(tableToCsv(table)).toBe('Measure,Cambridge,\'=Evil site\r\nPeople enrolled,12,*\r\n"Rate, in per cent (%)",25.0,\r\nMedian days,3.5,*\r\n');
  });
});

describe("export file name", () => {
  const period = { from: "2026-01-01", to: "2026-03-31" };
  it("gives the table, the period and the London time the figures are as at", () => {
    // Greenwich Mean Time in winter; British Summer Time (an hour ahead of UTC) in summer.
    expect(exportFilename("reach", period, new Date("2026-12-07T18:04:59Z"))).toBe("pilot-dashboard-reach-2026-01-01-to-2026-03-31-as-at-2026-12-07-1804.csv");
    expect(exportFilename("reach", period, new Date("2026-07-01T23:30:00Z"))).toBe("pilot-dashboard-reach-2026-01-01-to-2026-03-31-as-at-2026-07-02-0030.csv");
  });
});
