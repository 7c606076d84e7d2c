import { describe, expect, it } from "vitest";
import { ageOn } from "./dates";
import type { ScreeningProgramme } from "./health";
import { sexesRegisteredAtGp, type SexRegisteredAtGp } from "./people";
import { allScreeningEligibility, OVERDUE_AFTER_MONTHS, screeningEligibility, type EligibilityInput, type SmokingHistory } from "./screening";

// Expected dates are worked out here with the JavaScript Date's own day rollover (2026-02-29 becomes
// 2026-03-01), not with the module's calendar arithmetic, or written out by hand.
function shift(iso: string, years: number, months = 0, days = 0): string {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y + years, m - 1 + months, d + days)).toISOString().slice(0, 10);
}
const birthday = (dob: string, age: number) => shift(dob, age);
const dayBeforeBirthday = (dob: string, age: number) => shift(birthday(dob, age), 0, 0, -1);

function input(overrides: Partial<EligibilityInput> = {}): EligibilityInput {
  return { dateOfBirth: "1966-05-20", sexRegisteredAtGp: "female", smokingHistory: "current", lastTestOn: null, today: "2026-06-01", ...overrides };
}

const check = (programme: ScreeningProgramme, overrides: Partial<EligibilityInput>) => screeningEligibility(programme, input(overrides));

describe("age limits", () => {
  // Several dates of birth, including 29 February in a leap year whose birthdays fall in both leap
  // and non-leap years, and the turn of the year.
  const datesOfBirth = ["1966-05-20", "1976-02-29", "1964-02-29", "1960-12-31", "1961-01-01"];
  const limits: { programme: ScreeningProgramme; sex: SexRegisteredAtGp; from: number; until: number | null }[] = [
    { programme: "bowel", sex: "female", from: 50, until: 75 },
    { programme: "bowel", sex: "male", from: 50, until: 75 },
    { programme: "bowel", sex: "not_known", from: 50, until: 75 },
    { programme: "breast", sex: "female", from: 50, until: 71 },
    { programme: "cervical", sex: "female", from: 25, until: 65 },
    { programme: "lung", sex: "male", from: 55, until: 75 },
    { programme: "lung", sex: "female", from: 55, until: 75 },
    { programme: "prostate", sex: "male", from: 50, until: null },
  ];

  for (const { programme, sex, from, until } of limits) {
    for (const dateOfBirth of datesOfBirth) {
      const base = { dateOfBirth, sexRegisteredAtGp: sex, smokingHistory: "ex" as const };
      const startOn = birthday(dateOfBirth, from);

      it(`${programme} (${sex}, born ${dateOfBirth}): not eligible the day before the ${from}th birthday, due on it`, () => {
        expect(check(programme, { ...base, today: dayBeforeBirthday(dateOfBirth, from) })).toMatchObject({ eligible: false, status: "not_eligible", nextDueOn: null });
        expect(check(programme, { ...base, today: startOn })).toMatchObject({ programme, eligible: true, status: "due", nextDueOn: startOn });
      });

      if (until !== null) {
        it(`${programme} (${sex}, born ${dateOfBirth}): eligible the day before the ${until}th birthday, not on it`, () => {
          // Never tested since the start age, so long overdue by now.
          expect(check(programme, { ...base, today: dayBeforeBirthday(dateOfBirth, until) })).toMatchObject({ eligible: true, status: "overdue", nextDueOn: startOn });
          expect(check(programme, { ...base, today: birthday(dateOfBirth, until) })).toMatchObject({ eligible: false, status: "not_eligible", nextDueOn: null });
        });
      }
    }
  }

  it("prostate has no upper age", () => {
    expect(check("prostate", { dateOfBirth: "1930-01-01", sexRegisteredAtGp: "male" })).toMatchObject({ eligible: true, status: "due", nextDueOn: "1980-01-01" });
  });

  it("someone born on 29 February 1976 turns 50 on 1 March 2026, as ageOn says", () => {
    const dateOfBirth = "1976-02-29";
    expect(ageOn(dateOfBirth, "2026-02-28")).toBe(49);
    expect(ageOn(dateOfBirth, "2026-03-01")).toBe(50);
    expect(check("bowel", { dateOfBirth, today: "2026-02-28" }).eligible).toBe(false);
    expect(check("bowel", { dateOfBirth, today: "2026-03-01" })).toMatchObject({ eligible: true, status: "due", nextDueOn: "2026-03-01" });
    expect(check("breast", { dateOfBirth, today: "2026-03-01" })).toMatchObject({ eligible: true, status: "due", nextDueOn: "2026-03-01" });
    expect(check("prostate", { dateOfBirth, sexRegisteredAtGp: "male", today: "2026-03-01" })).toMatchObject({ status: "due", nextDueOn: "2026-03-01" });
    // 25th birthday in 2001, also not a leap year.
    expect(check("cervical", { dateOfBirth, today: "2001-02-28" }).eligible).toBe(false);
    expect(check("cervical", { dateOfBirth, today: "2001-03-01" })).toMatchObject({ status: "due", nextDueOn: "2001-03-01" });
  });

  it("someone born on 29 February 1964 turns 60 on 29 February 2024 (a leap year) and 75 on 1 March 2039", () => {
    const dateOfBirth = "1964-02-29";
    expect(check("bowel", { dateOfBirth, today: "2038-02-28" }).eligible).toBe(true);
    expect(check("bowel", { dateOfBirth, today: "2039-02-28" }).eligible).toBe(true);
    expect(check("bowel", { dateOfBirth, today: "2039-03-01" }).eligible).toBe(false);
    expect(check("lung", { dateOfBirth, today: "2019-02-28" }).eligible).toBe(false);
    expect(check("lung", { dateOfBirth, today: "2019-03-01" })).toMatchObject({ eligible: true, nextDueOn: "2019-03-01" });
  });

  it("explains why someone is too young or too old", () => {
    expect(check("bowel", { dateOfBirth: "1990-01-01" }).reason).toMatch(/50/);
    expect(check("bowel", { dateOfBirth: "1940-01-01" }).reason).toMatch(/75/);
    expect(check("breast", { dateOfBirth: "1940-01-01" }).reason).toMatch(/71st birthday/);
    expect(check("cervical", { dateOfBirth: "1940-01-01" }).reason).toMatch(/65th birthday/);
    expect(check("cervical", { dateOfBirth: "2005-01-01" }).reason).toMatch(/25/);
    expect(check("lung", { dateOfBirth: "1990-01-01" }).reason).toMatch(/55 to 74/);
  });
});

describe("sex registered at GP", () => {
  // Aged 60 on 2026-06-01: inside every programme's age range except AAA.
  const dateOfBirth = "1966-05-20";
  const expected: Record<Exclude<ScreeningProgramme, "aaa">, (sex: SexRegisteredAtGp) => boolean> = {
    bowel: () => true,
    breast: (sex) => sex === "female",
    cervical: (sex) => sex === "female",
    lung: () => true,
    prostate: (sex) => sex === "male",
  };

  for (const sex of sexesRegisteredAtGp) {
    for (const [programme, isEligible] of Object.entries(expected) as [Exclude<ScreeningProgramme, "aaa">, (s: SexRegisteredAtGp) => boolean][]) {
      it(`${programme}: ${sex} is ${isEligible(sex) ? "" : "not "}eligible`, () => {
        const result = check(programme, { dateOfBirth, sexRegisteredAtGp: sex });
        expect(result.eligible).toBe(isEligible(sex));
        expect(result.status === "not_eligible").toBe(!isEligible(sex));
      });
    }

    it(`aaa: ${sex} in the year of the 65th birthday is ${sex === "male" ? "" : "not "}eligible`, () => {
      expect(check("aaa", { dateOfBirth: "1961-08-20", sexRegisteredAtGp: sex }).eligible).toBe(sex === "male");
    });
  }

  it.each(["male", "indeterminate", "not_known"] as const)("says breast and cervical invitations follow the GP record (%s)", (sex) => {
    expect(check("cervical", { dateOfBirth, sexRegisteredAtGp: sex }).reason).toMatch(/follow the GP record/);
    expect(check("breast", { dateOfBirth, sexRegisteredAtGp: sex }).reason).toMatch(/follow the GP record/);
  });
});

describe("lung health check and smoking history", () => {
  const dateOfBirth = "1966-05-20"; // 60 on 2026-06-01
  const cases: [SmokingHistory, boolean][] = [
    ["current", true],
    ["ex", true],
    ["never", false],
    ["unknown", false],
  ];
  it.each(cases)("smoking history %s: eligible %s", (smokingHistory, eligible) => {
    const result = check("lung", { dateOfBirth, smokingHistory });
    expect(result.eligible).toBe(eligible);
    expect(result.nextDueOn).toBe(eligible ? "2021-05-20" : null);
  });

  it("asks for the smoking history when it is not known", () => {
    expect(check("lung", { dateOfBirth, smokingHistory: "unknown" }).reason).toMatch(/smoking history needed/i);
  });

  it("gives the age reason, not the smoking one, outside 55 to 74", () => {
    const result = check("lung", { dateOfBirth: "1990-01-01", smokingHistory: "unknown" });
    expect(result.status).toBe("not_eligible");
    expect(result.reason).toMatch(/55 to 74/);
  });

  it("does not depend on smoking history for any other programme", () => {
    for (const smokingHistory of ["current", "ex", "never", "unknown"] as const) {
      expect(check("bowel", { dateOfBirth, smokingHistory }).eligible).toBe(true);
      expect(check("breast", { dateOfBirth, smokingHistory }).eligible).toBe(true);
    }
  });
});

describe("abdominal aortic aneurysm (AAA)", () => {
  const male = { dateOfBirth: "1961-08-20", sexRegisteredAtGp: "male" as const }; // turns 65 in 2026

  it("is not offered in the year before the 65th birthday's year", () => {
    const result = check("aaa", { ...male, today: "2025-12-31" });
    expect(result).toMatchObject({ eligible: false, status: "not_eligible", nextDueOn: null });
    expect(result.reason).toMatch(/2026/);
  });

  it("is due from 1 January of the year he turns 65, then overdue after 6 months", () => {
    expect(check("aaa", { ...male, today: "2026-01-01" })).toMatchObject({ eligible: true, status: "due", nextDueOn: "2026-01-01" });
    expect(check("aaa", { ...male, today: "2026-06-30" })).toMatchObject({ status: "due" });
    expect(check("aaa", { ...male, today: "2026-07-01" })).toMatchObject({ status: "overdue" });
    // Before and after the birthday itself makes no difference within the year.
    expect(check("aaa", { ...male, today: "2026-08-19" }).eligible).toBe(true);
    expect(check("aaa", { ...male, today: "2026-12-31" })).toMatchObject({ eligible: true, status: "overdue" });
  });

  it.each(["2027-01-01", "2031-06-15", "2045-01-01"])("after that year a never-screened man can self-refer (%s)", (today) => {
    const result = check("aaa", { ...male, today });
    expect(result).toMatchObject({ eligible: true, status: "due", nextDueOn: "2026-01-01" });
    expect(result.reason).toMatch(/self-refer/);
  });

  it.each(["2026-03-10", "2026-09-01", "2027-01-01", "2035-01-01"])("is once only: after a screen he is not eligible (%s)", (today) => {
    const result = check("aaa", { ...male, today, lastTestOn: "2026-03-10" });
    expect(result).toMatchObject({ eligible: false, status: "not_eligible", nextDueOn: null });
    expect(result.reason).toMatch(/once/);
  });

  it("uses the calendar year of a 29 February birthday", () => {
    // Born 1960-02-29: 65th birthday 2025-03-01.
    expect(check("aaa", { dateOfBirth: "1960-02-29", sexRegisteredAtGp: "male", today: "2024-12-31" }).eligible).toBe(false);
    expect(check("aaa", { dateOfBirth: "1960-02-29", sexRegisteredAtGp: "male", today: "2025-01-01" })).toMatchObject({ status: "due", nextDueOn: "2025-01-01" });
  });

  it("follows the GP record", () => {
    expect(check("aaa", { ...male, sexRegisteredAtGp: "female", today: "2026-03-01" }).reason).toMatch(/GP record/);
  });
});

describe("cervical recall interval", () => {
  const dateOfBirth = "1990-05-10"; // 35 in 2025
  const cases: { lastTestOn: string; hpvNegative: boolean | null | undefined; nextDueOn: string }[] = [
    { lastTestOn: "2025-06-30", hpvNegative: true, nextDueOn: "2028-06-30" }, // before the change
    { lastTestOn: "2025-07-01", hpvNegative: true, nextDueOn: "2030-07-01" }, // first day of the change
    { lastTestOn: "2025-07-02", hpvNegative: true, nextDueOn: "2030-07-02" },
    { lastTestOn: "2025-07-01", hpvNegative: false, nextDueOn: "2028-07-01" },
    { lastTestOn: "2025-07-01", hpvNegative: null, nextDueOn: "2028-07-01" },
    { lastTestOn: "2025-07-01", hpvNegative: undefined, nextDueOn: "2028-07-01" },
    { lastTestOn: "2024-02-29", hpvNegative: false, nextDueOn: "2027-03-01" },
  ];
  it.each(cases)("tested $lastTestOn, HPV negative $hpvNegative: next due $nextDueOn", ({ lastTestOn, hpvNegative, nextDueOn }) => {
    const result = check("cervical", { dateOfBirth, lastTestOn, lastResultHpvNegative: hpvNegative, today: "2026-01-01" });
    expect(result).toMatchObject({ eligible: true, status: "up_to_date", nextDueOn });
  });

  it("says when the 5-year HPV-negative interval applies", () => {
    expect(check("cervical", { dateOfBirth, lastTestOn: "2025-07-01", lastResultHpvNegative: true, today: "2026-01-01" }).reason).toMatch(/HPV-negative/);
  });

  it("recalls every 5 years after a test at 50 or over, every 3 years after one at 49", () => {
    const born = "1970-05-10";
    expect(check("cervical", { dateOfBirth: born, lastTestOn: "2020-05-10", today: "2021-01-01" }).nextDueOn).toBe("2025-05-10");
    expect(check("cervical", { dateOfBirth: born, lastTestOn: "2020-05-09", today: "2021-01-01" }).nextDueOn).toBe("2023-05-09");
    // HPV status does not change the 5-year interval from 50.
    expect(check("cervical", { dateOfBirth: born, lastTestOn: "2020-05-10", lastResultHpvNegative: false, today: "2021-01-01" }).nextDueOn).toBe("2025-05-10");
  });

  it("has no next date when the next test would fall on or after the 65th birthday", () => {
    const born = "1962-03-01"; // 65th birthday 2027-03-01
    expect(check("cervical", { dateOfBirth: born, lastTestOn: "2022-02-28", today: "2026-01-01" })).toMatchObject({ status: "up_to_date", nextDueOn: "2027-02-28" });
    expect(check("cervical", { dateOfBirth: born, lastTestOn: "2022-03-01", today: "2026-01-01" })).toMatchObject({ eligible: true, status: "up_to_date", nextDueOn: null });
  });

  it("is due at the 25th birthday after a test taken before 25", () => {
    const born = "2000-04-01";
    // Tested at 21: 3 years later is still before the 25th birthday.
    expect(check("cervical", { dateOfBirth: born, lastTestOn: "2021-04-01", today: "2025-04-01" })).toMatchObject({ status: "due", nextDueOn: "2025-04-01" });
  });
});

describe("due, overdue and up to date", () => {
  // Each starts from a test on the 15th, so the 6-month window needs no end-of-month rule.
  const cases: { programme: ScreeningProgramme; overrides: Partial<EligibilityInput>; lastTestOn: string; years: number }[] = [
    { programme: "bowel", overrides: { dateOfBirth: "1960-03-15", sexRegisteredAtGp: "male" }, lastTestOn: "2024-03-15", years: 2 },
    { programme: "breast", overrides: { dateOfBirth: "1960-03-15" }, lastTestOn: "2023-09-15", years: 3 },
    { programme: "cervical", overrides: { dateOfBirth: "1985-01-20" }, lastTestOn: "2023-11-15", years: 3 },
    { programme: "cervical", overrides: { dateOfBirth: "1970-01-20" }, lastTestOn: "2021-11-15", years: 5 },
    { programme: "lung", overrides: { dateOfBirth: "1960-03-15", smokingHistory: "ex" }, lastTestOn: "2024-10-15", years: 2 },
  ];

  for (const { programme, overrides, lastTestOn, years } of cases) {
    const nextDueOn = shift(lastTestOn, years);
    const overdueOn = shift(nextDueOn, 0, OVERDUE_AFTER_MONTHS);
    const at = (today: string) => check(programme, { ...overrides, lastTestOn, today });

    it(`${programme} tested ${lastTestOn}: up to date until ${nextDueOn}, due until ${overdueOn}, then overdue`, () => {
      expect(at(shift(lastTestOn, 0, 0, 1))).toMatchObject({ eligible: true, status: "up_to_date", nextDueOn });
      expect(at(shift(nextDueOn, 0, 0, -1))).toMatchObject({ status: "up_to_date", nextDueOn });
      expect(at(nextDueOn)).toMatchObject({ status: "due", nextDueOn });
      expect(at(shift(overdueOn, 0, 0, -1))).toMatchObject({ status: "due", nextDueOn });
      expect(at(overdueOn)).toMatchObject({ status: "overdue", nextDueOn });
    });
  }

  it("uses a 6-month overdue window", () => {
    expect(OVERDUE_AFTER_MONTHS).toBe(6);
  });

  it("is due from the date someone became eligible when never tested, overdue 6 months later", () => {
    const dateOfBirth = "1975-09-15"; // 50 on 2025-09-15
    expect(check("bowel", { dateOfBirth, today: "2026-03-14" })).toMatchObject({ status: "due", nextDueOn: "2025-09-15" });
    expect(check("bowel", { dateOfBirth, today: "2026-03-15" })).toMatchObject({ status: "overdue", nextDueOn: "2025-09-15" });
  });

  it("moves a date the later month lacks to the 1st of the next month", () => {
    // Due 2025-08-31; 6 months later there is no 31 February, so overdue from 1 March 2026.
    const overrides = { dateOfBirth: "1960-01-01", lastTestOn: "2023-08-31" };
    expect(check("bowel", { ...overrides, today: "2026-02-28" })).toMatchObject({ status: "due", nextDueOn: "2025-08-31" });
    expect(check("bowel", { ...overrides, today: "2026-03-01" })).toMatchObject({ status: "overdue" });
  });

  it("puts the anniversary of a 29 February test on 1 March in a non-leap year", () => {
    expect(check("bowel", { dateOfBirth: "1960-01-01", lastTestOn: "2024-02-29", today: "2026-02-28" })).toMatchObject({ status: "up_to_date", nextDueOn: "2026-03-01" });
    expect(check("bowel", { dateOfBirth: "1960-01-01", lastTestOn: "2024-02-29", today: "2026-03-01" })).toMatchObject({ status: "due" });
    expect(check("breast", { dateOfBirth: "1960-01-01", lastTestOn: "2024-02-29", today: "2026-01-01" }).nextDueOn).toBe("2027-03-01");
    expect(check("lung", { dateOfBirth: "1960-01-01", lastTestOn: "2020-02-29", today: "2021-01-01" }).nextDueOn).toBe("2022-03-01");
    // Four years on is a leap year again.
    expect(check("cervical", { dateOfBirth: "1960-01-01", lastTestOn: "2016-02-29", today: "2017-01-01" }).nextDueOn).toBe("2021-03-01");
  });

  it("never makes someone due before they became eligible", () => {
    // A kit at 47 (2022-01-01): two years later is still before the 50th birthday.
    expect(check("bowel", { dateOfBirth: "1975-01-01", lastTestOn: "2022-01-01", today: "2025-02-01" })).toMatchObject({ status: "due", nextDueOn: "2025-01-01" });
  });

  it("has no next date when the next test would fall on or after the upper age limit", () => {
    const dateOfBirth = "1952-01-10"; // 75 on 2027-01-10
    expect(check("bowel", { dateOfBirth, lastTestOn: "2025-01-09", today: "2026-01-01" })).toMatchObject({ status: "up_to_date", nextDueOn: "2027-01-09" });
    const last = check("bowel", { dateOfBirth, lastTestOn: "2025-01-10", today: "2026-01-01" });
    expect(last).toMatchObject({ eligible: true, status: "up_to_date", nextDueOn: null });
    expect(last.reason).toMatch(/75th birthday/);
    // Breast: born 1956-01-10, 71 on 2027-01-10.
    expect(check("breast", { dateOfBirth: "1956-01-10", lastTestOn: "2024-06-01", today: "2026-01-01" })).toMatchObject({ status: "up_to_date", nextDueOn: null });
  });
});

describe("prostate (PSA discussion)", () => {
  const man = { dateOfBirth: "1970-04-02", sexRegisteredAtGp: "male" as const };

  it("is due until a discussion is recorded, however long ago he turned 50, then up to date for good", () => {
    expect(check("prostate", { ...man, today: "2020-04-02" })).toMatchObject({ eligible: true, status: "due", nextDueOn: "2020-04-02" });
    expect(check("prostate", { ...man, today: "2030-01-01" })).toMatchObject({ eligible: true, status: "due", nextDueOn: "2020-04-02" });
    expect(check("prostate", { ...man, lastTestOn: "2021-05-01", today: "2021-05-01" })).toMatchObject({ eligible: true, status: "up_to_date", nextDueOn: null });
    expect(check("prostate", { ...man, lastTestOn: "2021-05-01", today: "2040-01-01" })).toMatchObject({ status: "up_to_date", nextDueOn: null });
  });

  it("says there is no national programme and notes higher risk", () => {
    const reason = check("prostate", { ...man, ethnicGroup: "white" }).reason;
    expect(reason).toMatch(/no national programme/i);
    expect(reason).toMatch(/Black men/);
    expect(reason).toMatch(/family history/);
  });

  it("notes the higher risk for a Black man", () => {
    const reason = check("prostate", { ...man, ethnicGroup: "black" }).reason;
    expect(reason).toMatch(/Black man/);
    expect(reason).toMatch(/family history/);
  });
});

describe("input checks", () => {
  it.each([
    { dateOfBirth: "1970-02-30" },
    { today: "2026-13-01" },
    { lastTestOn: "2025-02-29" },
    { dateOfBirth: "01/02/1970" },
  ])("rejects a date that is not real: %o", (overrides) => {
    expect(() => check("bowel", overrides)).toThrow(RangeError);
  });
});

describe("allScreeningEligibility", () => {
  it("works out every programme, each with its own last test", () => {
    const person = { dateOfBirth: "1961-08-20", sexRegisteredAtGp: "female" as const, smokingHistory: "current" as const, today: "2026-06-01" };
    const all = allScreeningEligibility(person, {
      bowel: { lastTestOn: "2025-01-15" },
      cervical: { lastTestOn: "2025-07-01", lastResultHpvNegative: true },
    });
    expect(Object.keys(all).sort()).toEqual(["aaa", "bowel", "breast", "cervical", "lung", "prostate"]);
    expect(all.bowel).toMatchObject({ programme: "bowel", status: "up_to_date", nextDueOn: "2027-01-15" });
    expect(all.breast).toMatchObject({ programme: "breast", status: "overdue", nextDueOn: "2011-08-20" });
    // 64 at the test, so 5 years, which reaches the 65th birthday: no further routine invitation.
    expect(all.cervical).toMatchObject({ status: "up_to_date", nextDueOn: null });
    expect(all.lung).toMatchObject({ status: "overdue", nextDueOn: "2016-08-20" });
    expect(all.aaa.status).toBe("not_eligible");
    expect(all.prostate.status).toBe("not_eligible");
    expect(all.cervical).toEqual(screeningEligibility("cervical", { ...person, lastTestOn: "2025-07-01", lastResultHpvNegative: true }));
  });
});
