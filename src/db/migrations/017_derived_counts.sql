-- 017_derived_counts: counts that pages would otherwise recount on every request, kept
-- by the register's import in the same transaction as the rows they count: the units of
-- each organiser, and the register's totals for the country ('') and for each county.
ALTER TABLE organisers ADD COLUMN units_count INTEGER NOT NULL DEFAULT 0;
UPDATE organisers SET units_count = (SELECT COUNT(*) FROM units u WHERE u.organiser_id = organisers.id);
CREATE TABLE register_counts (
    county_code TEXT PRIMARY KEY,
    organisers BIGINT NOT NULL,
    units BIGINT NOT NULL,
    preschools BIGINT NOT NULL,
    municipalities BIGINT NOT NULL
);
INSERT INTO register_counts (county_code, organisers, units, preschools, municipalities)
    SELECT '', (SELECT COUNT(*) FROM organisers), (SELECT COUNT(*) FROM units),
           (SELECT COUNT(*) FROM units WHERE school_forms LIKE '%,forskola,%'), (SELECT COUNT(*) FROM municipalities);
INSERT INTO register_counts (county_code, organisers, units, preschools, municipalities)
    SELECT c.code,
           (SELECT COUNT(*) FROM organisers o JOIN municipalities m ON m.code = o.municipality_code WHERE m.county_code = c.code),
           (SELECT COUNT(*) FROM units u JOIN municipalities m ON m.code = u.municipality_code WHERE m.county_code = c.code),
           (SELECT COUNT(*) FROM units u JOIN municipalities m ON m.code = u.municipality_code
             WHERE m.county_code = c.code AND u.school_forms LIKE '%,forskola,%'),
           (SELECT COUNT(*) FROM municipalities m WHERE m.county_code = c.code)
    FROM counties c;

-- The data generation: one number that every committed change to the product's data
-- moves on (triggers on every table, installed after the migrations by the program), so
-- that a cache of what pages derive from the data knows at once when it is out of date.
CREATE TABLE data_generation (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO data_generation (id, n) VALUES (1, 0);

-- The case scope asks whether a user supports a case: one index answers it by case.
CREATE INDEX case_people_scope ON case_people(case_id, role, user_id);
DROP INDEX case_people_case;

-- The register's lists are ordered by name, then number: one index gives them in order,
-- so a page of fifty reads fifty rows.
CREATE INDEX organisers_name_orgnr ON organisers(name_search, orgnr);
DROP INDEX organisers_name;
CREATE INDEX units_name_code ON units(name_search, code);
DROP INDEX units_name;

-- A unit's page asks whether a round froze a value of the unit.
CREATE INDEX round_values_unit ON round_values(unit_id, round_id);
-- The county counts group the units by municipality along an index.
CREATE INDEX units_municipality ON units(municipality_code);
