-- 011_selection_checks: what an organiser reads of a choice is kept apart from the
-- analyst's own notes, and an offer has a last day to answer (with reminders).

-- reason stays the analyst's internal note; public_reason is the motivation the organiser
-- reads in its offer.
ALTER TABLE round_choices ADD COLUMN public_reason TEXT NOT NULL DEFAULT '';
-- Whether the analyst confirmed choosing a unit of an organiser already in a running
-- collaboration (the warning shown at the choice).
ALTER TABLE round_choices ADD COLUMN confirmed_running INTEGER NOT NULL DEFAULT 0;

-- The last day to answer an offer ('YYYY-MM-DD'); reminders go before it and after it.
ALTER TABLE offers ADD COLUMN answer_by TEXT;
