-- Read caches of every API process listen on channel socplan_changes; a statement that changes
-- cached reference data notifies the topic named in the trigger's argument. Notifications are
-- sent on commit only and duplicates within one transaction are folded by PostgreSQL.
CREATE OR REPLACE FUNCTION socplan_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('socplan_changes', TG_ARGV[0]);
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER territorial_units_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON territorial_units
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('territory');
--> statement-breakpoint
CREATE TRIGGER planning_area_members_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON planning_area_members
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('territory');
