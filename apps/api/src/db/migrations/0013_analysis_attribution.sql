-- The analyses' kept attribution of the network per day, and what tells it stale (decision 0602).
CREATE TABLE "capacity_attribution" (
	"day" date NOT NULL,
	"service_id" uuid NOT NULL,
	"municipality_id" uuid,
	"orp_id" uuid,
	"share" numeric NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capacity_attribution_changes" (
	"id" bigserial PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "capacity_attribution_days" (
	"day" date PRIMARY KEY NOT NULL,
	"change_id" bigint NOT NULL,
	"filled_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "capacity_attribution" ADD CONSTRAINT "capacity_attribution_day_capacity_attribution_days_day_fk" FOREIGN KEY ("day") REFERENCES "public"."capacity_attribution_days"("day") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "capacity_attribution_day_idx" ON "capacity_attribution" USING btree ("day");--> statement-breakpoint
CREATE INDEX "submission_values_field_idx" ON "submission_values" USING btree ("field");--> statement-breakpoint
-- A statement changing what the attribution is computed from adds a change row. The shared
-- advisory lock, held until the writer commits, keeps the attribution from being filled while
-- any such write is in progress: a fill takes the lock exclusively (without waiting) before it
-- reads, so it sees every change whose row it records as the day's change_id.
CREATE FUNCTION socplan_capacity_attribution_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7318420602);
  INSERT INTO capacity_attribution_changes DEFAULT VALUES;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER service_states_attribution AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_states
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_capacity_attribution_changed();
--> statement-breakpoint
CREATE TRIGGER facilities_attribution AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facilities
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_capacity_attribution_changed();
--> statement-breakpoint
CREATE TRIGGER territorial_units_attribution AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territorial_units
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_capacity_attribution_changed();
--> statement-breakpoint
CREATE TRIGGER planning_area_members_attribution AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON planning_area_members
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_capacity_attribution_changed();
