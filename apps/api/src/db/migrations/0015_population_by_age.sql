CREATE TABLE "population_by_age" (
	"unit_id" uuid NOT NULL,
	"age_group" text NOT NULL,
	"population" integer NOT NULL,
	"population_date" date NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "population_by_age_unit_id_age_group_pk" PRIMARY KEY("unit_id","age_group"),
	CONSTRAINT "population_by_age_population_check" CHECK ("population_by_age"."population" >= 0)
);
--> statement-breakpoint
ALTER TABLE "population_by_age" ADD CONSTRAINT "population_by_age_unit_id_territorial_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."territorial_units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- The breakdown is territory data: a write empties the read caches of topic 'territory' (the
-- capacity analysis keeps each unit's age-group populations in its network part, decision 0602).
CREATE TRIGGER population_by_age_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON population_by_age
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('territory');
