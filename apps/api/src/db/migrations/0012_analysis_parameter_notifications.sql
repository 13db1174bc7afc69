-- The capacity analysis is completed with the targets and the year's reference values (decision
-- 0602): an edit of either notifies topic 'capacity-parameters', so every API process drops the
-- analyses it keeps (they no longer fingerprint both tables on every request).
CREATE TRIGGER capacity_targets_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON capacity_targets
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('capacity-parameters');
--> statement-breakpoint
CREATE TRIGGER reference_values_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reference_values
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('capacity-parameters');
