CREATE TYPE "public"."alert_action" AS ENUM('same_day_review', 'safety_plan', 'crisis_referral', 'other');--> statement-breakpoint
CREATE TYPE "public"."alert_kind" AS ENUM('phq9_item9');--> statement-breakpoint
CREATE TYPE "public"."consent_decision" AS ENUM('given', 'refused');--> statement-breakpoint
CREATE TYPE "public"."consent_kind" AS ENUM('hub_care', 'share_with_probation', 'evaluation');--> statement-breakpoint
CREATE TYPE "public"."consent_method" AS ENUM('own_consent', 'best_interests');--> statement-breakpoint
CREATE TYPE "public"."gp_registration_type" AS ENUM('permanent', 'temporary');--> statement-breakpoint
CREATE TYPE "public"."gp_status" AS ENUM('registered', 'not_registered', 'unknown');--> statement-breakpoint
CREATE TYPE "public"."health_check_status" AS ENUM('draft', 'completed');--> statement-breakpoint
CREATE TYPE "public"."recorded_screening_status" AS ENUM('discussed', 'booked', 'attended', 'declined', 'result_received');--> statement-breakpoint
CREATE TYPE "public"."screening_programme" AS ENUM('bowel', 'breast', 'cervical', 'aaa', 'lung', 'prostate');--> statement-breakpoint
CREATE TYPE "public"."smoking_status" AS ENUM('never', 'ex', 'current');--> statement-breakpoint
CREATE TABLE "clinical_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"health_check_id" uuid NOT NULL,
	"kind" "alert_kind" NOT NULL,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"action" "alert_action",
	"action_note" text,
	"actioned_at" timestamp with time zone,
	"actioned_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "consents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "consent_kind" NOT NULL,
	"decision" "consent_decision" NOT NULL,
	"decided_on" date NOT NULL,
	"information_version" text NOT NULL,
	"method" "consent_method" NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_on" date,
	"withdrawal_recorded_by_id" uuid,
	"withdrawal_recorded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "gp_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"status" "gp_status" NOT NULL,
	"practice_name" text,
	"ods_code" text,
	"registration_type" "gp_registration_type",
	"support_started_on" date,
	"registered_on" date,
	"barriers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"at_enrolment" boolean DEFAULT false NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "health_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"appointment_id" uuid,
	"status" "health_check_status" DEFAULT 'draft' NOT NULL,
	"answers" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"smoking_status" "smoking_status",
	"vapes" boolean,
	"hsi_score" integer,
	"hsi_band" text,
	"audit_c_score" integer,
	"audit_c_positive" boolean,
	"audit_score" integer,
	"audit_band" text,
	"phq9_score" integer,
	"phq9_band" text,
	"phq9_item9" integer,
	"gad7_score" integer,
	"gad7_band" text,
	"bmi" real,
	"created_by_id" uuid NOT NULL,
	"updated_by_id" uuid,
	"completed_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "screenings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"programme" "screening_programme" NOT NULL,
	"status" "recorded_screening_status",
	"last_test_on" date,
	"last_result_hpv_negative" boolean,
	"discussed_on" date,
	"booked_for" date,
	"attended_on" date,
	"result_received_on" date,
	"declined_on" date,
	"note" text,
	"updated_by_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_health_check_id_health_checks_id_fk" FOREIGN KEY ("health_check_id") REFERENCES "public"."health_checks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "clinical_alerts" ADD CONSTRAINT "clinical_alerts_actioned_by_id_users_id_fk" FOREIGN KEY ("actioned_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consents" ADD CONSTRAINT "consents_withdrawal_recorded_by_id_users_id_fk" FOREIGN KEY ("withdrawal_recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gp_registrations" ADD CONSTRAINT "gp_registrations_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gp_registrations" ADD CONSTRAINT "gp_registrations_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_appointment_id_appointments_id_fk" FOREIGN KEY ("appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "health_checks" ADD CONSTRAINT "health_checks_completed_by_id_users_id_fk" FOREIGN KEY ("completed_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screenings" ADD CONSTRAINT "screenings_updated_by_id_users_id_fk" FOREIGN KEY ("updated_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clinical_alerts_check_kind_key" ON "clinical_alerts" USING btree ("health_check_id","kind");--> statement-breakpoint
CREATE INDEX "clinical_alerts_site_open_idx" ON "clinical_alerts" USING btree ("site_id","actioned_at");--> statement-breakpoint
CREATE INDEX "consents_person_kind_idx" ON "consents" USING btree ("person_id","kind","recorded_at");--> statement-breakpoint
CREATE INDEX "gp_registrations_person_idx" ON "gp_registrations" USING btree ("person_id","recorded_at");--> statement-breakpoint
CREATE INDEX "health_checks_person_idx" ON "health_checks" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "health_checks_site_status_idx" ON "health_checks" USING btree ("site_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "screenings_person_programme_key" ON "screenings" USING btree ("person_id","programme");