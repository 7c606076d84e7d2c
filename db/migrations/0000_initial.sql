CREATE TYPE "public"."appointment_kind" AS ENUM('probation', 'health');--> statement-breakpoint
CREATE TYPE "public"."appointment_outcome" AS ENUM('attended', 'attended_late', 'dna_acceptable', 'dna_unacceptable', 'cancelled', 'rescheduled');--> statement-breakpoint
CREATE TYPE "public"."appointment_type" AS ENUM('induction', 'supervision', 'home_visit', 'review', 'health_check', 'follow_up', 'gp_registration_support', 'screening_support');--> statement-breakpoint
CREATE TYPE "public"."audit_outcome" AS ENUM('success', 'denied', 'failure');--> statement-breakpoint
CREATE TYPE "public"."ethnic_group" AS ENUM('asian', 'black', 'mixed', 'white', 'other', 'not_stated');--> statement-breakpoint
CREATE TYPE "public"."order_type" AS ENUM('community_order', 'suspended_sentence_order', 'licence', 'post_sentence_supervision');--> statement-breakpoint
CREATE TYPE "public"."requirement_kind" AS ENUM('MHTR', 'DRR', 'ATR');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('clinician', 'probation_officer', 'pilot_manager', 'administrator');--> statement-breakpoint
CREATE TYPE "public"."sex_registered_at_gp" AS ENUM('female', 'male', 'indeterminate', 'not_known');--> statement-breakpoint
CREATE TABLE "sites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"probation_region" text NOT NULL,
	"nhs_region" text NOT NULL,
	"integrated_care_board" text NOT NULL,
	CONSTRAINT "sites_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "user_sites" (
	"user_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	CONSTRAINT "user_sites_user_id_site_id_pk" PRIMARY KEY("user_id","site_id")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" "role" NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"session_version" integer DEFAULT 1 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"crn" text NOT NULL,
	"nhs_number" text,
	"given_name" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date NOT NULL,
	"sex_registered_at_gp" "sex_registered_at_gp" NOT NULL,
	"gender_identity" text,
	"ethnic_group" "ethnic_group" DEFAULT 'not_stated' NOT NULL,
	"order_type" "order_type" NOT NULL,
	"assigned_officer_id" uuid,
	"enrolled_on" date NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "treatment_requirements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"kind" "requirement_kind" NOT NULL,
	"made_on" date,
	"length_months" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "appointments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"kind" "appointment_kind" NOT NULL,
	"type" "appointment_type" NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer DEFAULT 30 NOT NULL,
	"clinician_attends" boolean DEFAULT false NOT NULL,
	"outcome" "appointment_outcome",
	"outcome_note" text,
	"outcome_recorded_at" timestamp with time zone,
	"outcome_recorded_by_id" uuid,
	"rescheduled_from_id" uuid,
	"created_by_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" uuid,
	"actor_email" text,
	"action" text NOT NULL,
	"outcome" "audit_outcome" NOT NULL,
	"person_id" uuid,
	"site_id" uuid,
	"entity_type" text,
	"entity_id" text,
	"ip" text,
	"detail" jsonb
);
--> statement-breakpoint
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_sites" ADD CONSTRAINT "user_sites_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "people" ADD CONSTRAINT "people_assigned_officer_id_users_id_fk" FOREIGN KEY ("assigned_officer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD CONSTRAINT "treatment_requirements_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_outcome_recorded_by_id_users_id_fk" FOREIGN KEY ("outcome_recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_rescheduled_from_id_appointments_id_fk" FOREIGN KEY ("rescheduled_from_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appointments" ADD CONSTRAINT "appointments_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "user_sites_site_idx" ON "user_sites" USING btree ("site_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_crn_key" ON "people" USING btree ("crn");--> statement-breakpoint
CREATE UNIQUE INDEX "people_nhs_number_key" ON "people" USING btree ("nhs_number");--> statement-breakpoint
CREATE INDEX "people_site_family_idx" ON "people" USING btree ("site_id","family_name","given_name");--> statement-breakpoint
CREATE INDEX "people_officer_idx" ON "people" USING btree ("assigned_officer_id");--> statement-breakpoint
CREATE INDEX "treatment_requirements_person_idx" ON "treatment_requirements" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "appointments_person_starts_idx" ON "appointments" USING btree ("person_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_site_starts_idx" ON "appointments" USING btree ("site_id","starts_at");--> statement-breakpoint
CREATE INDEX "appointments_rescheduled_from_idx" ON "appointments" USING btree ("rescheduled_from_id");--> statement-breakpoint
CREATE INDEX "audit_events_person_idx" ON "audit_events" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_user_idx" ON "audit_events" USING btree ("user_id","at");--> statement-breakpoint
CREATE INDEX "audit_events_at_idx" ON "audit_events" USING btree ("at");