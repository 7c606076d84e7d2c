-- Probation attendance for the dashboards, kept current as appointments are written instead of
-- rebuilt on every rollup refresh. The two materialized views of migration 0008 become tables with
-- the same names, columns and meaning, kept up to date by triggers on appointments and people:
-- rebuilding them on every refresh read all 3.3 million appointments twice at national scale, on
-- the core the person facts were not using. Only the person facts (migrations 0009, 0011) are
-- still refreshed, and probation attendance on the dashboards is as recorded, not as at a refresh.
--
-- Counted, as before: probation appointments with an attendance outcome; before the London date of
-- the person's enrolment or from it on; at the site the person belongs to now.
DROP MATERIALIZED VIEW "dashboard_attendance_days";
--> statement-breakpoint
DROP MATERIALIZED VIEW "dashboard_person_attendance";
--> statement-breakpoint
CREATE TABLE "dashboard_person_attendance" (
	"person_id" uuid PRIMARY KEY NOT NULL,
	"site_id" uuid NOT NULL,
	"enrolled_on" date NOT NULL,
	"before_recorded" integer NOT NULL,
	"before_missed" integer NOT NULL,
	"after_recorded" integer NOT NULL,
	"after_missed" integer NOT NULL,
	"after_last_day" date
);
--> statement-breakpoint
CREATE INDEX "dashboard_person_attendance_site_enrolled_idx" ON "dashboard_person_attendance" ("site_id", "enrolled_on") INCLUDE ("before_recorded", "before_missed", "after_recorded", "after_missed", "after_last_day");
--> statement-breakpoint
CREATE TABLE "dashboard_attendance_days" (
	"site_id" uuid NOT NULL,
	"day" date NOT NULL,
	"recorded" integer NOT NULL,
	"missed" integer NOT NULL,
	PRIMARY KEY ("site_id", "day")
);
--> statement-breakpoint
-- What is counted, in one place: whether an appointment counts, and whether it was missed.
CREATE FUNCTION "dashboard_attendance_counts"("p_kind" "appointment_kind", "p_outcome" "appointment_outcome") RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT "p_kind" = 'probation' AND "p_outcome" IN ('attended', 'attended_late', 'dna_acceptable', 'dna_unacceptable')
$$;
--> statement-breakpoint
CREATE FUNCTION "dashboard_attendance_missed"("p_outcome" "appointment_outcome") RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT "p_outcome" IN ('dna_acceptable', 'dna_unacceptable')
$$;
--> statement-breakpoint
-- Every counted appointment, on its London day, with its person's site and enrolment date now.
CREATE VIEW "dashboard_attendance_counted" AS
SELECT a."person_id", p."site_id", p."enrolled_on", (a."starts_at" AT TIME ZONE 'Europe/London')::date AS "day", "dashboard_attendance_missed"(a."outcome") AS "missed"
FROM "appointments" a
JOIN "people" p ON p."id" = a."person_id"
WHERE "dashboard_attendance_counts"(a."kind", a."outcome");
--> statement-breakpoint
-- A row of dashboard_person_attendance as worked out afresh (for one person: filter on person_id).
CREATE VIEW "dashboard_attendance_per_person" AS
SELECT "person_id", "site_id", "enrolled_on",
  (count(*) FILTER (WHERE "day" < "enrolled_on"))::integer AS "before_recorded",
  (count(*) FILTER (WHERE "day" < "enrolled_on" AND "missed"))::integer AS "before_missed",
  (count(*) FILTER (WHERE "day" >= "enrolled_on"))::integer AS "after_recorded",
  (count(*) FILTER (WHERE "day" >= "enrolled_on" AND "missed"))::integer AS "after_missed",
  max("day") FILTER (WHERE "day" >= "enrolled_on") AS "after_last_day"
FROM "dashboard_attendance_counted"
GROUP BY "person_id", "site_id", "enrolled_on";
--> statement-breakpoint
-- Both tables worked out afresh from the appointments, writers held off meanwhile: on migration,
-- after a bulk load with the triggers off (the benchmark's generator), or to repair.
CREATE FUNCTION "dashboard_attendance_rebuild"() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE "people", "appointments" IN SHARE MODE;
  DELETE FROM "dashboard_attendance_days";
  DELETE FROM "dashboard_person_attendance";
  INSERT INTO "dashboard_person_attendance" SELECT * FROM "dashboard_attendance_per_person";
  INSERT INTO "dashboard_attendance_days"
  SELECT "site_id", "day", count(*)::integer, (count(*) FILTER (WHERE "missed"))::integer
  FROM "dashboard_attendance_counted"
  WHERE "day" >= "enrolled_on"
  GROUP BY "site_id", "day";
END $$;
--> statement-breakpoint
SELECT "dashboard_attendance_rebuild"();
--> statement-breakpoint
-- One counted appointment of a person added (sign 1) or taken away (sign -1), on its London day.
-- The person's row is locked FOR SHARE first: a change to their site or enrolment date (below)
-- waits for this transaction, and this waits for it, so the two never count on different bases.
CREATE FUNCTION "dashboard_attendance_count"("p_person" uuid, "p_starts_at" timestamptz, "p_missed" boolean, "p_sign" integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  v_site uuid;
  v_enrolled date;
  v_day date := ("p_starts_at" AT TIME ZONE 'Europe/London')::date;
  v_after boolean;
  v_last date;
BEGIN
  SELECT "site_id", "enrolled_on" INTO v_site, v_enrolled FROM "people" WHERE "id" = "p_person" FOR SHARE;
  -- Gone: the person is being deleted, and their own trigger has already taken them out.
  IF NOT FOUND THEN RETURN; END IF;
  v_after := v_day >= v_enrolled;
  INSERT INTO "dashboard_person_attendance" AS t
  VALUES ("p_person", v_site, v_enrolled,
    CASE WHEN v_after THEN 0 ELSE "p_sign" END,
    CASE WHEN NOT v_after AND "p_missed" THEN "p_sign" ELSE 0 END,
    CASE WHEN v_after THEN "p_sign" ELSE 0 END,
    CASE WHEN v_after AND "p_missed" THEN "p_sign" ELSE 0 END,
    CASE WHEN v_after AND "p_sign" > 0 THEN v_day END)
  ON CONFLICT ("person_id") DO UPDATE SET
    "before_recorded" = t."before_recorded" + excluded."before_recorded",
    "before_missed" = t."before_missed" + excluded."before_missed",
    "after_recorded" = t."after_recorded" + excluded."after_recorded",
    "after_missed" = t."after_missed" + excluded."after_missed",
    "after_last_day" = CASE WHEN "p_sign" > 0 THEN greatest(t."after_last_day", excluded."after_last_day") ELSE t."after_last_day" END
  RETURNING t."after_last_day" INTO v_last;
  IF "p_sign" < 0 THEN
    DELETE FROM "dashboard_person_attendance" WHERE "person_id" = "p_person" AND "before_recorded" = 0 AND "after_recorded" = 0;
    IF v_after AND v_last = v_day THEN
      -- The last day after enrolment lost one: it may no longer be the last.
      UPDATE "dashboard_person_attendance" SET "after_last_day" = (
        SELECT max("day") FROM "dashboard_attendance_counted" WHERE "person_id" = "p_person" AND "day" >= v_enrolled)
      WHERE "person_id" = "p_person";
    END IF;
  END IF;
  IF v_after THEN
    INSERT INTO "dashboard_attendance_days" AS d
    VALUES (v_site, v_day, "p_sign", CASE WHEN "p_missed" THEN "p_sign" ELSE 0 END)
    ON CONFLICT ("site_id", "day") DO UPDATE SET "recorded" = d."recorded" + excluded."recorded", "missed" = d."missed" + excluded."missed";
    IF "p_sign" < 0 THEN
      DELETE FROM "dashboard_attendance_days" WHERE "site_id" = v_site AND "day" = v_day AND "recorded" = 0;
    END IF;
  END IF;
END $$;
--> statement-breakpoint
CREATE FUNCTION "dashboard_attendance_on_appointment"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND "dashboard_attendance_counts"(OLD."kind", OLD."outcome") THEN
    PERFORM "dashboard_attendance_count"(OLD."person_id", OLD."starts_at", "dashboard_attendance_missed"(OLD."outcome"), -1);
  END IF;
  IF TG_OP <> 'DELETE' AND "dashboard_attendance_counts"(NEW."kind", NEW."outcome") THEN
    PERFORM "dashboard_attendance_count"(NEW."person_id", NEW."starts_at", "dashboard_attendance_missed"(NEW."outcome"), 1);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "dashboard_attendance_on_appointment" AFTER INSERT OR DELETE ON "appointments"
FOR EACH ROW EXECUTE FUNCTION "dashboard_attendance_on_appointment"();
--> statement-breakpoint
-- Only when what is counted changes (an edit that leaves them as they were locks nothing).
CREATE TRIGGER "dashboard_attendance_on_appointment_changed" AFTER UPDATE OF "person_id", "kind", "outcome", "starts_at" ON "appointments"
FOR EACH ROW WHEN (OLD."person_id" IS DISTINCT FROM NEW."person_id" OR OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."outcome" IS DISTINCT FROM NEW."outcome" OR OLD."starts_at" IS DISTINCT FROM NEW."starts_at")
EXECUTE FUNCTION "dashboard_attendance_on_appointment"();
--> statement-breakpoint
-- Every counted appointment of a person after the given enrolment date added to (sign 1) or taken
-- from (sign -1) the site's days.
CREATE FUNCTION "dashboard_attendance_days_of"("p_person" uuid, "p_site" uuid, "p_enrolled" date, "p_sign" integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "dashboard_attendance_days" AS d
  SELECT "p_site", "day", "p_sign" * count(*)::integer, "p_sign" * (count(*) FILTER (WHERE "missed"))::integer
  FROM "dashboard_attendance_counted"
  WHERE "person_id" = "p_person" AND "day" >= "p_enrolled"
  GROUP BY "day"
  ON CONFLICT ("site_id", "day") DO UPDATE SET "recorded" = d."recorded" + excluded."recorded", "missed" = d."missed" + excluded."missed";
  IF "p_sign" < 0 THEN
    DELETE FROM "dashboard_attendance_days" WHERE "site_id" = "p_site" AND "recorded" = 0;
  END IF;
END $$;
--> statement-breakpoint
-- A person moved to another site or given another enrolment date: their appointments counted again
-- on the new basis. A person deleted: taken out before their appointments go with them.
CREATE FUNCTION "dashboard_attendance_on_person"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM "dashboard_attendance_days_of"(OLD."id", OLD."site_id", OLD."enrolled_on", -1);
  DELETE FROM "dashboard_person_attendance" WHERE "person_id" = OLD."id";
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  PERFORM "dashboard_attendance_days_of"(NEW."id", NEW."site_id", NEW."enrolled_on", 1);
  -- The people row already holds the new site and date.
  INSERT INTO "dashboard_person_attendance" SELECT * FROM "dashboard_attendance_per_person" WHERE "person_id" = NEW."id";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "dashboard_attendance_on_person_moved" AFTER UPDATE OF "site_id", "enrolled_on" ON "people"
FOR EACH ROW WHEN (OLD."site_id" IS DISTINCT FROM NEW."site_id" OR OLD."enrolled_on" IS DISTINCT FROM NEW."enrolled_on")
EXECUTE FUNCTION "dashboard_attendance_on_person"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_attendance_on_person_deleted" BEFORE DELETE ON "people"
FOR EACH ROW EXECUTE FUNCTION "dashboard_attendance_on_person"();
--> statement-breakpoint
CREATE FUNCTION "dashboard_attendance_on_truncate"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM "dashboard_attendance_days";
  DELETE FROM "dashboard_person_attendance";
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER "dashboard_attendance_on_appointments_truncated" AFTER TRUNCATE ON "appointments"
FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_attendance_on_truncate"();
--> statement-breakpoint
CREATE TRIGGER "dashboard_attendance_on_people_truncated" AFTER TRUNCATE ON "people"
FOR EACH STATEMENT EXECUTE FUNCTION "dashboard_attendance_on_truncate"();
