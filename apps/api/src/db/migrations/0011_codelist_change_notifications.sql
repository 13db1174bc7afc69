-- The public catalogue keeps its facets and map with codelist names (decision 0008): an edit of
-- a codelist item notifies topic 'codelists', so every API process drops those answers.
CREATE TRIGGER codelist_items_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON codelist_items
  FOR EACH STATEMENT EXECUTE FUNCTION socplan_notify_change('codelists');
