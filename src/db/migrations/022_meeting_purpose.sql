-- What a case-level meeting is for, beside its kind: a university's visit may be the
-- inception meeting between organiser and university, or a two-party talk between the
-- university's team leader and the agency's process supporters (seed 000).
ALTER TABLE meetings ADD COLUMN purpose TEXT NOT NULL DEFAULT '';
