-- A fingerprint of each health check's neurodiversity section (md5 of its JSON text), kept by
-- Postgres as a generated column, and the person facts (0013) again with that fingerprint in place
-- of the section's text: the text was half the bytes of the facts, read and parsed on every
-- dashboard for a classification that only a few distinct answers need. The dashboard classifies
-- each distinct answer once, reading it by its fingerprint (indexed here) from health_checks
-- (server/dashboards/neurodivergence.ts). Everything else in the facts is as in 0013; the checks and
-- the smoking history now come from one pass over health_checks instead of two.
ALTER TABLE "health_checks" ADD COLUMN "neurodiversity_key" text GENERATED ALWAYS AS (md5(("answers" -> 'neurodiversity')::text)) STORED;--> statement-breakpoint
CREATE INDEX "health_checks_neurodiversity_key_idx" ON "health_checks" USING btree ("neurodiversity_key");
--> statement-breakpoint
DROP MATERIALIZED VIEW "dashboard_person_facts";
--> statement-breakpoint
CREATE MATERIALIZED VIEW "dashboard_person_facts" AS
SELECT p."id" AS "person_id", p."site_id", p."enrolled_on",
  json_build_array(p."id", p."enrolled_on", p."date_of_birth", p."sex_registered_at_gp", p."ethnic_group",
    coalesce(c."checks", '[]'::json), coalesce(c."smoking", '[]'::json), coalesce(g."gp", '[]'::json),
    coalesce(sc."screenings", '[]'::json), coalesce(r."referrals", '[]'::json), coalesce(t."requirements", '[]'::json))::text AS "facts"
FROM "people" p
LEFT JOIN (
  SELECT "person_id",
    json_agg(json_build_array(floor(extract(epoch FROM "completed_at") * 1000)::bigint, "smoking_status", "audit_c_positive", "phq9_score", "gad7_score", "neurodiversity_key") ORDER BY "completed_at", "id")
      FILTER (WHERE "status" = 'completed' AND "completed_at" IS NOT NULL) AS "checks",
    json_agg(json_build_array(floor(extract(epoch FROM "created_at") * 1000)::bigint, floor(extract(epoch FROM "updated_at") * 1000)::bigint, "smoking_status") ORDER BY "created_at", "updated_at", "id")
      FILTER (WHERE "smoking_status" IS NOT NULL) AS "smoking"
  FROM "health_checks" WHERE ("status" = 'completed' AND "completed_at" IS NOT NULL) OR "smoking_status" IS NOT NULL GROUP BY "person_id"
) c ON c."person_id" = p."id"
LEFT JOIN (
  SELECT "person_id", json_agg(json_build_array("status", "at_enrolment", "registered_on", "support_started_on", floor(extract(epoch FROM "recorded_at") * 1000)::bigint) ORDER BY "recorded_at", "id") AS "gp"
  FROM "gp_registrations" GROUP BY "person_id"
) g ON g."person_id" = p."id"
LEFT JOIN (
  SELECT "person_id", json_agg(json_build_array("programme", "last_test_on", "last_result_hpv_negative", "booked_for", "attended_on") ORDER BY "programme", "id") AS "screenings"
  FROM "screenings" GROUP BY "person_id"
) sc ON sc."person_id" = p."id"
LEFT JOIN (
  SELECT rf."person_id", json_agg(json_build_array(sv."category", floor(extract(epoch FROM rf."sent_at") * 1000)::bigint, floor(extract(epoch FROM rf."accepted_at") * 1000)::bigint, floor(extract(epoch FROM rf."first_attended_at") * 1000)::bigint) ORDER BY rf."sent_at", rf."id") AS "referrals"
  FROM "referrals" rf JOIN "services" sv ON sv."id" = rf."service_id" WHERE rf."sent_at" IS NOT NULL GROUP BY rf."person_id"
) r ON r."person_id" = p."id"
LEFT JOIN (
  SELECT "person_id", json_agg(json_build_array("status", "treatment_started_on", "ended_on") ORDER BY "id") AS "requirements"
  FROM "treatment_requirements" GROUP BY "person_id"
) t ON t."person_id" = p."id"
ORDER BY p."site_id", p."enrolled_on", p."id";
--> statement-breakpoint
CREATE UNIQUE INDEX "dashboard_person_facts_person_key" ON "dashboard_person_facts" ("person_id");
--> statement-breakpoint
CREATE INDEX "dashboard_person_facts_site_enrolled_idx" ON "dashboard_person_facts" ("site_id", "enrolled_on");
