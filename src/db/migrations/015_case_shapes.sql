-- 015_case_shapes: the agency's decision on support between the organiser's yes and ÖK1
-- (with its date and registry number), and collaborations at organiser level only (the
-- pilot's shape: no units, a shorter period).
ALTER TABLE cases ADD COLUMN support_decision_date TEXT;
ALTER TABLE cases ADD COLUMN support_registry_number TEXT;
ALTER TABLE cases ADD COLUMN support_decided_by TEXT;
ALTER TABLE cases ADD COLUMN organiser_level_only INTEGER NOT NULL DEFAULT 0;
-- Cases already past Accepterad were decided before the product kept the decision.
UPDATE cases SET support_decision_date = decision_date, support_registry_number = ''
    WHERE phase <> 'accepterad' AND support_decision_date IS NULL;
