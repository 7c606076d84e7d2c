CREATE TYPE "public"."requirement_status" AS ENUM('proposed', 'assessed_suitable', 'assessed_unsuitable', 'ordered', 'started', 'completed', 'breached');--> statement-breakpoint
CREATE TYPE "public"."closure_reason" AS ENUM('not_engaged', 'moved_away', 'returned_to_custody', 'declined', 'no_longer_needed', 'other');--> statement-breakpoint
CREATE TYPE "public"."commissioner_type" AS ENUM('nhs_england', 'icb', 'local_authority', 'nhs_england_health_justice', 'voluntary_sector');--> statement-breakpoint
CREATE TYPE "public"."referral_status" AS ENUM('draft', 'sent', 'accepted', 'rejected', 'appointment_booked', 'attended', 'did_not_attend', 'completed', 'closed');--> statement-breakpoint
CREATE TYPE "public"."referral_urgency" AS ENUM('routine', 'soon', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."see_request_reason" AS ENUM('general_health', 'gp_registration', 'mental_health_concern', 'drug_or_alcohol_concern', 'missed_health_appointments', 'other');--> statement-breakpoint
CREATE TYPE "public"."see_request_status" AS ENUM('open', 'seen', 'closed');--> statement-breakpoint
CREATE TYPE "public"."service_category" AS ENUM('gp_primary_care', 'talking_therapies', 'community_mental_health', 'crisis', 'drug_alcohol', 'stop_smoking', 'sexual_health', 'liaison_diversion', 'dental', 'optometry', 'social_care', 'housing', 'other');--> statement-breakpoint
ALTER TYPE "public"."appointment_type" ADD VALUE 'referral_first_appointment';--> statement-breakpoint
CREATE TABLE "referral_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"referral_id" uuid NOT NULL,
	"from_status" "referral_status",
	"to_status" "referral_status" NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_id" uuid NOT NULL,
	"note" text
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"health_check_id" uuid,
	"reason" text NOT NULL,
	"urgency" "referral_urgency" NOT NULL,
	"person_agreed" boolean NOT NULL,
	"status" "referral_status" DEFAULT 'draft' NOT NULL,
	"closure_reason" "closure_reason",
	"rejection_reason" text,
	"first_appointment_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"responded_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"appointment_booked_at" timestamp with time zone,
	"first_attended_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"created_by_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requirement_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"requirement_id" uuid NOT NULL,
	"reviewed_on" date NOT NULL,
	"outcome" text NOT NULL,
	"recorded_by_id" uuid NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "see_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"site_id" uuid NOT NULL,
	"reason" "see_request_reason" NOT NULL,
	"note" text,
	"status" "see_request_status" DEFAULT 'open' NOT NULL,
	"requested_by_id" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"handled_by_id" uuid,
	"handled_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"site_id" uuid NOT NULL,
	"name" text NOT NULL,
	"category" "service_category" NOT NULL,
	"commissioner_type" "commissioner_type" NOT NULL,
	"contact" text,
	"address" text,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "status" "requirement_status" DEFAULT 'ordered' NOT NULL;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "suitability_assessed_on" date;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "suitable" boolean;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "provider" text;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "treatment_started_on" date;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "ended_on" date;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "note" text;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "version" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "treatment_requirements" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_referral_id_referrals_id_fk" FOREIGN KEY ("referral_id") REFERENCES "public"."referrals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_events" ADD CONSTRAINT "referral_events_by_id_users_id_fk" FOREIGN KEY ("by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_health_check_id_health_checks_id_fk" FOREIGN KEY ("health_check_id") REFERENCES "public"."health_checks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_first_appointment_id_appointments_id_fk" FOREIGN KEY ("first_appointment_id") REFERENCES "public"."appointments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_created_by_id_users_id_fk" FOREIGN KEY ("created_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_reviews" ADD CONSTRAINT "requirement_reviews_requirement_id_treatment_requirements_id_fk" FOREIGN KEY ("requirement_id") REFERENCES "public"."treatment_requirements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "requirement_reviews" ADD CONSTRAINT "requirement_reviews_recorded_by_id_users_id_fk" FOREIGN KEY ("recorded_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "see_requests" ADD CONSTRAINT "see_requests_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "see_requests" ADD CONSTRAINT "see_requests_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "see_requests" ADD CONSTRAINT "see_requests_requested_by_id_users_id_fk" FOREIGN KEY ("requested_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "see_requests" ADD CONSTRAINT "see_requests_handled_by_id_users_id_fk" FOREIGN KEY ("handled_by_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_site_id_sites_id_fk" FOREIGN KEY ("site_id") REFERENCES "public"."sites"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_events_referral_idx" ON "referral_events" USING btree ("referral_id","at");--> statement-breakpoint
CREATE INDEX "referrals_person_idx" ON "referrals" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "referrals_site_status_idx" ON "referrals" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "referrals_first_appointment_idx" ON "referrals" USING btree ("first_appointment_id");--> statement-breakpoint
CREATE INDEX "requirement_reviews_requirement_idx" ON "requirement_reviews" USING btree ("requirement_id","reviewed_on");--> statement-breakpoint
CREATE INDEX "see_requests_site_status_idx" ON "see_requests" USING btree ("site_id","status");--> statement-breakpoint
CREATE INDEX "services_site_category_idx" ON "services" USING btree ("site_id","category");