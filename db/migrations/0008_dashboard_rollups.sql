CREATE TABLE "dashboard_rollup_state" (
	"id" integer PRIMARY KEY NOT NULL,
	"refreshed_at" timestamp with time zone,
	"refresh_ms" integer
);
--> statement-breakpoint
INSERT INTO "dashboard_rollup_state" ("id", "refreshed_at") VALUES (1, NULL);
--> statement-breakpoint
-- Probation attendance per person (server/dashboards/build.ts "Attendance"): appointments with an
-- attendance outcome before the London date of enrolment, and from it on; the last such day lets a
-- period ending earlier count only its own part. People count at the site they belong to now.
CREATE MATERIALIZED VIEW "dashboard_person_attendance" AS
SELECT p."id" AS "person_id", p."site_id", p."enrolled_on",
  count(*) FILTER (WHERE (a."starts_at" AT TIME ZONE 'Europe/London')::date < p."enrolled_on")::integer AS "before_recorded",
  count(*) FILTER (WHERE (a."starts_at" AT TIME ZONE 'Europe/London')::date < p."enrolled_on" AND a."outcome" IN ('dna_acceptable', 'dna_unacceptable'))::integer AS "before_missed",
  count(*) FILTER (WHERE (a."starts_at" AT TIME ZONE 'Europe/London')::date >= p."enrolled_on")::integer AS "after_recorded",
  count(*) FILTER (WHERE (a."starts_at" AT TIME ZONE 'Europe/London')::date >= p."enrolled_on" AND a."outcome" IN ('dna_acceptable', 'dna_unacceptable'))::integer AS "after_missed",
  max((a."starts_at" AT TIME ZONE 'Europe/London')::date) FILTER (WHERE (a."starts_at" AT TIME ZONE 'Europe/London')::date >= p."enrolled_on") AS "after_last_day"
FROM "appointments" a
JOIN "people" p ON p."id" = a."person_id"
WHERE a."kind" = 'probation' AND a."outcome" IN ('attended', 'attended_late', 'dna_acceptable', 'dna_unacceptable')
GROUP BY p."id", p."site_id", p."enrolled_on";
--> statement-breakpoint
CREATE UNIQUE INDEX "dashboard_person_attendance_person_key" ON "dashboard_person_attendance" ("person_id");
--> statement-breakpoint
CREATE INDEX "dashboard_person_attendance_site_enrolled_idx" ON "dashboard_person_attendance" ("site_id", "enrolled_on") INCLUDE ("before_recorded", "before_missed", "after_recorded", "after_missed", "after_last_day");
--> statement-breakpoint
-- Probation attendance on or after each person's enrolment, per site (the person's) and London day:
-- the monthly did-not-attend trend, for any range of days.
CREATE MATERIALIZED VIEW "dashboard_attendance_days" AS
SELECT p."site_id", (a."starts_at" AT TIME ZONE 'Europe/London')::date AS "day",
  count(*)::integer AS "recorded",
  count(*) FILTER (WHERE a."outcome" IN ('dna_acceptable', 'dna_unacceptable'))::integer AS "missed"
FROM "appointments" a
JOIN "people" p ON p."id" = a."person_id"
WHERE a."kind" = 'probation' AND a."outcome" IN ('attended', 'attended_late', 'dna_acceptable', 'dna_unacceptable')
  AND (a."starts_at" AT TIME ZONE 'Europe/London')::date >= p."enrolled_on"
GROUP BY p."site_id", (a."starts_at" AT TIME ZONE 'Europe/London')::date;
--> statement-breakpoint
CREATE UNIQUE INDEX "dashboard_attendance_days_site_day_key" ON "dashboard_attendance_days" ("site_id", "day") INCLUDE ("recorded", "missed");
