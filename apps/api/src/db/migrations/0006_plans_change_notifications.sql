-- Plan trees are cached like territory and the network (decision 0008): a committed change to
-- a plan or a node notifies topic 'plans'.
CREATE TRIGGER plans_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plans
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('plans');
--> statement-breakpoint
CREATE TRIGGER plan_nodes_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON plan_nodes
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('plans');
