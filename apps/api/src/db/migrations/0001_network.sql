CREATE TABLE "codelist_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"codelist" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"registry_id" text,
	"attributes" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"valid_from" date DEFAULT '1900-01-01' NOT NULL,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "codelist_items_codelist_code_from_key" UNIQUE("codelist","code","valid_from")
);
--> statement-breakpoint
CREATE TABLE "facilities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"name" text NOT NULL,
	"address" jsonb,
	"address_point_code" bigint,
	"municipality_code" text,
	"lat" double precision,
	"lon" double precision,
	"secret_address" boolean DEFAULT false NOT NULL,
	"valid_from" date,
	"valid_to" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "financing_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year_from" integer NOT NULL,
	"year_to" integer,
	"state_share_bp" integer NOT NULL,
	"region_share_bp" integer NOT NULL,
	"municipal_share_bp" integer NOT NULL,
	"municipal_split" text DEFAULT 'population' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "financing_keys_sum" CHECK ("financing_keys"."state_share_bp" + "financing_keys"."region_share_bp" + "financing_keys"."municipal_share_bp" = 10000 and "financing_keys"."state_share_bp" >= 0 and "financing_keys"."region_share_bp" >= 0 and "financing_keys"."municipal_share_bp" >= 0)
);
--> statement-breakpoint
CREATE TABLE "network_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"author_id" uuid,
	"author_name" text,
	"text" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"resolution_number" text NOT NULL,
	"decided_on" date NOT NULL,
	"body" text,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "network_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"period_id" uuid NOT NULL,
	"service_id" uuid NOT NULL,
	"level" text DEFAULT 'basic' NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"capacities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"fte" numeric(8, 2),
	"entrustment" jsonb,
	"decision_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "network_entries_period_service_key" UNIQUE("period_id","service_id")
);
--> statement-breakpoint
CREATE TABLE "network_entry_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entry_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"principal_id" uuid,
	"principal_name" text,
	"from_status" text,
	"to_status" text NOT NULL,
	"reason" text,
	"snapshot" jsonb
);
--> statement-breakpoint
CREATE TABLE "network_periods" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"year_from" integer NOT NULL,
	"year_to" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "network_periods_years" CHECK ("network_periods"."year_to" >= "network_periods"."year_from")
);
--> statement-breakpoint
CREATE TABLE "network_statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"municipality_id" uuid NOT NULL,
	"needed" boolean NOT NULL,
	"capacities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"text" text,
	"author_id" uuid,
	"author_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ico" text NOT NULL,
	"ico_valid" boolean DEFAULT true NOT NULL,
	"name" text NOT NULL,
	"legal_form" text,
	"address" jsonb,
	"email" text,
	"phone" text,
	"web" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "providers_ico_key" UNIQUE("ico")
);
--> statement-breakpoint
CREATE TABLE "reference_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"type_code" text NOT NULL,
	"form_code" text NOT NULL,
	"unit_basis" text NOT NULL,
	"cost_per_unit_haler" bigint NOT NULL,
	"own_revenue_share_bp" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "reference_values_year_type_form_key" UNIQUE("year","type_code","form_code"),
	CONSTRAINT "reference_values_share" CHECK ("reference_values"."own_revenue_share_bp" between 0 and 10000),
	CONSTRAINT "reference_values_cost" CHECK ("reference_values"."cost_per_unit_haler" >= 0)
);
--> statement-breakpoint
CREATE TABLE "registry_import_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"change" text NOT NULL,
	"key" text NOT NULL,
	"label" text,
	"fields" jsonb,
	"data" jsonb
);
--> statement-breakpoint
CREATE TABLE "registry_import_issues" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"severity" text NOT NULL,
	"item_index" integer,
	"identifier" text,
	"reason" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registry_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid,
	"status" text DEFAULT 'analysing' NOT NULL,
	"file_name" text,
	"region_only" boolean DEFAULT true NOT NULL,
	"summary" jsonb,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_by" uuid,
	"applied_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_states" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"service_id" uuid NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date,
	"type_code" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"registered_from" date,
	"registered_to" date,
	"forms" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"target_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"territory_unit_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"fte_direct" numeric(8, 2),
	"fte_other" numeric(8, 2),
	"email" text,
	"phone" text,
	"web" text,
	"change_note" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "service_states_valid_range" CHECK ("service_states"."valid_to" is null or "service_states"."valid_to" > "service_states"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"provider_id" uuid NOT NULL,
	"registry_identifier" text,
	"registry_portal_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "services_portal_id_key" UNIQUE("registry_portal_id")
);
--> statement-breakpoint
ALTER TABLE "facilities" ADD CONSTRAINT "facilities_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_comments" ADD CONSTRAINT "network_comments_entry_id_network_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."network_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_decisions" ADD CONSTRAINT "network_decisions_period_id_network_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."network_periods"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_entries" ADD CONSTRAINT "network_entries_period_id_network_periods_id_fk" FOREIGN KEY ("period_id") REFERENCES "public"."network_periods"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_entries" ADD CONSTRAINT "network_entries_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_entries" ADD CONSTRAINT "network_entries_decision_id_network_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."network_decisions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_entry_events" ADD CONSTRAINT "network_entry_events_entry_id_network_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."network_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_statements" ADD CONSTRAINT "network_statements_entry_id_network_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."network_entries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "network_statements" ADD CONSTRAINT "network_statements_municipality_id_territorial_units_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."territorial_units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_import_changes" ADD CONSTRAINT "registry_import_changes_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registry_import_issues" ADD CONSTRAINT "registry_import_issues_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_states" ADD CONSTRAINT "service_states_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "services" ADD CONSTRAINT "services_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "codelist_items_registry_idx" ON "codelist_items" USING btree ("codelist","registry_id");--> statement-breakpoint
CREATE INDEX "facilities_service_idx" ON "facilities" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "facilities_municipality_idx" ON "facilities" USING btree ("municipality_code");--> statement-breakpoint
CREATE INDEX "network_comments_entry_idx" ON "network_comments" USING btree ("entry_id","created_at");--> statement-breakpoint
CREATE INDEX "network_decisions_period_idx" ON "network_decisions" USING btree ("period_id");--> statement-breakpoint
CREATE INDEX "network_entries_service_idx" ON "network_entries" USING btree ("service_id");--> statement-breakpoint
CREATE INDEX "network_entry_events_entry_idx" ON "network_entry_events" USING btree ("entry_id","at");--> statement-breakpoint
CREATE INDEX "network_statements_entry_idx" ON "network_statements" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "registry_import_changes_import_idx" ON "registry_import_changes" USING btree ("import_id","entity","change");--> statement-breakpoint
CREATE INDEX "registry_import_issues_import_idx" ON "registry_import_issues" USING btree ("import_id");--> statement-breakpoint
CREATE INDEX "registry_imports_created_idx" ON "registry_imports" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "service_states_service_idx" ON "service_states" USING btree ("service_id","valid_from");--> statement-breakpoint
CREATE INDEX "service_states_current_idx" ON "service_states" USING btree ("service_id") WHERE "service_states"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "services_provider_idx" ON "services" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "services_identifier_idx" ON "services" USING btree ("registry_identifier");--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_provider_id_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."providers"("id") ON DELETE restrict ON UPDATE no action;