-- The mapping of the organiser's improvement capacity (seed 000, Kau): the same aspects
-- answered at the start of the period and again at its end, on a scale, with a comment
-- per aspect and the organiser's improvement history. The aspects and the scale are data
-- the administrator keeps; an answer keeps the aspect's name as it was asked.
CREATE TABLE capacity_aspects (
    id @ID@,
    grp TEXT NOT NULL,
    name TEXT NOT NULL,
    guidance TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL,
    active INTEGER NOT NULL DEFAULT 1
);
INSERT INTO capacity_aspects (grp, name, guidance, position) VALUES
 ('Vision och mål', 'En gemensamt framtagen vision och pedagogisk verksamhetsidé', 'Är visionen känd och delad på alla nivåer?', 1),
 ('Struktur', 'Mål', 'Tydliga mål som hela styrkedjan arbetar mot.', 2),
 ('Struktur', 'Ramar och regler', 'Delegation, ansvarsfördelning och rutiner.', 3),
 ('Struktur', 'Grupper', 'Ledningsgrupper, arbetslag och nätverk för lärande.', 4),
 ('Struktur', 'Tid', 'Avsatt tid för analys och kollegialt lärande.', 5),
 ('Struktur', 'System', 'System för uppföljning och det systematiska kvalitetsarbetet.', 6),
 ('Struktur', 'Organisation', 'Hur förvaltning och skolor är organiserade för utveckling.', 7),
 ('Struktur', 'Kompetens', 'Kompetensförsörjning och kompetensutveckling.', 8),
 ('Kultur', 'Idéer', 'Hur nya idéer tas emot och prövas.', 9),
 ('Kultur', 'Kunskapssyn', '', 10),
 ('Kultur', 'Elevsyn', '', 11),
 ('Kultur', 'Samarbetskultur', '', 12),
 ('Kultur', 'Mod', 'Att pröva, granska och ändra det egna arbetet.', 13),
 ('Kultur', 'Vilja', '', 14),
 ('Värdegrund', 'En bärande värdegrund', '', 15),
 ('Hållbart system', 'Ett hållbart system för förbättringsarbete', 'Bär arbetet när personer byts ut?', 16);

CREATE TABLE capacity_levels (
    value INTEGER PRIMARY KEY,
    label TEXT NOT NULL
);
INSERT INTO capacity_levels (value, label) VALUES
 (1, 'Saknas'), (2, 'Påbörjat'), (3, 'Etablerat'), (4, 'Hållbart');

CREATE TABLE capacity_mappings (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    moment TEXT NOT NULL CHECK (moment IN ('start', 'end')),
    history TEXT NOT NULL DEFAULT '',
    done INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    saved_by TEXT,
    saved_at BIGINT,
    created_at BIGINT NOT NULL,
    UNIQUE (case_id, moment)
);

CREATE TABLE capacity_answers (
    mapping_id BIGINT NOT NULL REFERENCES capacity_mappings(id),
    aspect_id BIGINT NOT NULL REFERENCES capacity_aspects(id),
    aspect_name TEXT NOT NULL,
    level INTEGER,
    comment TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (mapping_id, aspect_id)
);
