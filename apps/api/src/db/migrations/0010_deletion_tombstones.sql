-- Tombstones for the exports' updatedSince (decision 0600): a deleted row of an exported table
-- leaves (entity, id, time) in deleted_records, one INSERT per statement from its transition
-- table, so a bulk or cascading delete costs one statement, not one per row.
CREATE OR REPLACE FUNCTION socplan_record_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deleted_records (entity, entity_id) SELECT TG_ARGV[0], gone.id::text FROM gone;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION socplan_record_value_deletions() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO deleted_records (entity, entity_id)
    SELECT 'submission-values', gone.submission_id::text || '/' || gone.field || '/' || gone.row FROM gone;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER territorial_units_deletions AFTER DELETE ON territorial_units REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('territorial-units');
--> statement-breakpoint
CREATE TRIGGER providers_deletions AFTER DELETE ON providers REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('providers');
--> statement-breakpoint
CREATE TRIGGER services_deletions AFTER DELETE ON services REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('services');
--> statement-breakpoint
CREATE TRIGGER facilities_deletions AFTER DELETE ON facilities REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('facilities');
--> statement-breakpoint
CREATE TRIGGER network_entries_deletions AFTER DELETE ON network_entries REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('network-entries');
--> statement-breakpoint
CREATE TRIGGER reference_values_deletions AFTER DELETE ON reference_values REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('reference-values');
--> statement-breakpoint
CREATE TRIGGER financing_keys_deletions AFTER DELETE ON financing_keys REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('financing-keys');
--> statement-breakpoint
CREATE TRIGGER plans_deletions AFTER DELETE ON plans REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('plans');
--> statement-breakpoint
CREATE TRIGGER plan_nodes_deletions AFTER DELETE ON plan_nodes REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('plan-nodes');
--> statement-breakpoint
CREATE TRIGGER monitoring_reports_deletions AFTER DELETE ON monitoring_reports REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('monitoring-reports');
--> statement-breakpoint
CREATE TRIGGER forms_deletions AFTER DELETE ON forms REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('forms');
--> statement-breakpoint
CREATE TRIGGER campaigns_deletions AFTER DELETE ON campaigns REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('campaigns');
--> statement-breakpoint
CREATE TRIGGER submissions_deletions AFTER DELETE ON submissions REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_deletions('submissions');
--> statement-breakpoint
CREATE TRIGGER submission_values_deletions AFTER DELETE ON submission_values REFERENCING OLD TABLE AS gone
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_record_value_deletions();
