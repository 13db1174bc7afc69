-- The kept attribution also keeps the day's capacities and unplaced services (decision 0602);
-- days kept before lack them, so they are dropped (the next analysis refills them).
DELETE FROM "capacity_attribution_days";--> statement-breakpoint
CREATE TABLE "capacity_attribution_caps" (
	"day" date NOT NULL,
	"service_id" uuid NOT NULL,
	"type_code" text NOT NULL,
	"form" text,
	"unit" text,
	"count" numeric
);
--> statement-breakpoint
ALTER TABLE "capacity_attribution_days" ADD COLUMN "unplaced_services" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "capacity_attribution_caps" ADD CONSTRAINT "capacity_attribution_caps_day_capacity_attribution_days_day_fk" FOREIGN KEY ("day") REFERENCES "public"."capacity_attribution_days"("day") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capacity_attribution_caps_day_idx" ON "capacity_attribution_caps" USING btree ("day");