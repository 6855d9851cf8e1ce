-- The police reporting rules are law, the same for every organization: every property table has RLS
-- on and forced, and this one's policies let everyone read and only the admin role change a rule
-- (the property role holds SELECT alone already).
ALTER TABLE property.police_reporting_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE property.police_reporting_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY police_rules_read ON property.police_reporting_rules FOR SELECT USING (true);
CREATE POLICY police_rules_admin ON property.police_reporting_rules TO ppt_admin USING (true) WITH CHECK (true);
