-- What the dashboards' attendance trigger (migration 0012) and the attendance index (migration
-- 0015) add to each outcome written: 4,000 single-row outcome updates on probation appointments
-- that have none yet, with both, without the trigger, and without the index, each in a transaction
-- that is rolled back (the database is left as it was).
-- Against a generated database (scripts/bench/generate.ts), compare the three "DO" timings:
--   psql postgres://postgres@127.0.0.1:5432/hub_bench_national -f scripts/bench/attendance-trigger-cost.sql
\timing on
\echo 'with the trigger:'
BEGIN;
CREATE TEMP TABLE picked AS SELECT id FROM appointments WHERE kind = 'probation' AND outcome IS NULL ORDER BY id LIMIT 4000;
DO $$ DECLARE r record; BEGIN FOR r IN SELECT id FROM picked LOOP UPDATE appointments SET outcome = 'attended' WHERE id = r.id; END LOOP; END $$;
ROLLBACK;
\echo 'without it:'
BEGIN;
ALTER TABLE appointments DISABLE TRIGGER dashboard_attendance_on_appointment_changed;
CREATE TEMP TABLE picked AS SELECT id FROM appointments WHERE kind = 'probation' AND outcome IS NULL ORDER BY id LIMIT 4000;
DO $$ DECLARE r record; BEGIN FOR r IN SELECT id FROM picked LOOP UPDATE appointments SET outcome = 'attended' WHERE id = r.id; END LOOP; END $$;
ROLLBACK;
\echo 'with the trigger, without the index appointments_probation_attendance_idx:'
BEGIN;
DROP INDEX appointments_probation_attendance_idx;
CREATE TEMP TABLE picked AS SELECT id FROM appointments WHERE kind = 'probation' AND outcome IS NULL ORDER BY id LIMIT 4000;
DO $$ DECLARE r record; BEGIN FOR r IN SELECT id FROM picked LOOP UPDATE appointments SET outcome = 'attended' WHERE id = r.id; END LOOP; END $$;
ROLLBACK;
