CREATE TABLE "capacity_targets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"type_code" text NOT NULL,
	"form_code" text DEFAULT '' NOT NULL,
	"unit" text NOT NULL,
	"per_thousand" numeric(10, 3) NOT NULL,
	"population_base" text DEFAULT 'total' NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "capacity_targets_type_form_unit_key" UNIQUE("type_code","form_code","unit"),
	CONSTRAINT "capacity_targets_positive" CHECK ("capacity_targets"."per_thousand" >= 0)
);
--> statement-breakpoint
CREATE TABLE "deleted_records" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"entity" text NOT NULL,
	"entity_id" text NOT NULL,
	"deleted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE INDEX "deleted_records_entity_idx" ON "deleted_records" USING btree ("entity","deleted_at","id");