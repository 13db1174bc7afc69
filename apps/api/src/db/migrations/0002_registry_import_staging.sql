CREATE TABLE "address_points" (
	"code" bigint PRIMARY KEY NOT NULL,
	"municipality_code" text,
	"lat" double precision NOT NULL,
	"lon" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "address_points_lat" CHECK ("address_points"."lat" between -90 and 90),
	CONSTRAINT "address_points_lon" CHECK ("address_points"."lon" between -180 and 180)
);
--> statement-breakpoint
CREATE TABLE "registry_import_staging" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"import_id" uuid NOT NULL,
	"entity" text NOT NULL,
	"key" text NOT NULL,
	"item_index" integer NOT NULL,
	"data" jsonb NOT NULL,
	"extra" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "job_input_chunks" (
	"job_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	CONSTRAINT "job_input_chunks_job_id_seq_pk" PRIMARY KEY("job_id","seq")
);
--> statement-breakpoint
ALTER TABLE "registry_import_staging" ADD CONSTRAINT "registry_import_staging_import_id_registry_imports_id_fk" FOREIGN KEY ("import_id") REFERENCES "public"."registry_imports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_input_chunks" ADD CONSTRAINT "job_input_chunks_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registry_import_staging_key_idx" ON "registry_import_staging" USING btree ("import_id","entity","key");