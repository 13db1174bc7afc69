-- The service list and map are cached like territory (decision 0008): a committed change to
-- a provider, service, service state or facility notifies topic 'network'.
CREATE TRIGGER providers_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON providers
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('network');
--> statement-breakpoint
CREATE TRIGGER services_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON services
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('network');
--> statement-breakpoint
CREATE TRIGGER service_states_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON service_states
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('network');
--> statement-breakpoint
CREATE TRIGGER facilities_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON facilities
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('network');
