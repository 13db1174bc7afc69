-- Campaign completeness is cached like territory, the network and plan trees (decisions 0008,
-- 0502): a committed change of what it shows notifies topic 'collection'. Submissions change
-- on every autosave and push, so their updates notify only when a count or a respondent's line
-- changes (status, submitted, approved, started, place, name), row by row: PostgreSQL folds
-- duplicate notifications of one transaction into one.
CREATE TRIGGER campaigns_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaigns
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('collection');
--> statement-breakpoint
CREATE TRIGGER submissions_added_or_removed AFTER INSERT OR DELETE OR TRUNCATE ON submissions
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('collection');
--> statement-breakpoint
CREATE TRIGGER submissions_progressed AFTER UPDATE ON submissions
  FOR EACH ROW WHEN (
    old.status IS DISTINCT FROM new.status
    OR old.first_submitted_at IS DISTINCT FROM new.first_submitted_at
    OR old.approved_at IS DISTINCT FROM new.approved_at
    OR (old.value_count > 0) <> (new.value_count > 0)
    OR old.orp_id IS DISTINCT FROM new.orp_id
    OR old.respondent_name IS DISTINCT FROM new.respondent_name
    OR old.respondent_code IS DISTINCT FROM new.respondent_code
  ) EXECUTE FUNCTION socplan_notify_change('collection');
--> statement-breakpoint
CREATE TRIGGER campaign_reminders_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON campaign_reminders
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('collection');
