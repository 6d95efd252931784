-- 013_analyses: the current-state analysis (nulägesanalys), one per selected unit and one
-- at organiser level, written under headings that come from a template per level (kept
-- as data the administrator changes), with problems and their causes, comment threads,
-- uploaded evidence and a frozen copy of every approved version. Also the national
-- figure beside a unit's own statistics, kept up to date by the imports.

CREATE TABLE national_stats (
    variable TEXT NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    units INTEGER NOT NULL,
    PRIMARY KEY (variable, year)
);
INSERT INTO national_stats (variable, year, value, units)
    SELECT variable, year, AVG(value), COUNT(value) FROM unit_stats WHERE value IS NOT NULL GROUP BY variable, year;

-- level: preschool (förskola), school (skola), organiser (huvudman). A heading's kind:
-- text (free text), views (how the children's and pupils' views were gathered and
-- what they said), evidence (the statistics and documents are shown above its text).
CREATE TABLE analysis_headings (
    id @ID@,
    level TEXT NOT NULL CHECK (level IN ('preschool', 'school', 'organiser')),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL DEFAULT 'text' CHECK (kind IN ('text', 'views', 'evidence')),
    title TEXT NOT NULL,
    guidance TEXT NOT NULL DEFAULT '',
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX analysis_headings_level ON analysis_headings(level, position);

INSERT INTO analysis_headings (level, position, kind, title, guidance) VALUES
 ('school', 1, 'evidence', 'Underlag', 'Vilka underlag har analysgruppen använt: resultat, betyg, nationella prov, enkäter, Skolinspektionens beslut, egna uppföljningar? Statistiken från registret visas ovanför.'),
 ('school', 2, 'text', 'Måluppfyllelse och resultat', 'Hur ser elevernas kunskapsresultat ut över tid och jämfört med riket? Finns skillnader mellan grupper av elever?'),
 ('school', 3, 'text', 'Undervisningen', 'Hur bedrivs undervisningen? Vad visar lektionsobservationer och kollegiala samtal?'),
 ('school', 4, 'text', 'Trygghet och studiero', 'Hur upplever eleverna tryggheten och studieron, och vad visar skolans egna uppföljningar?'),
 ('school', 5, 'text', 'Extra anpassningar och särskilt stöd', 'Hur fungerar arbetet med extra anpassningar, särskilt stöd och elevhälsan?'),
 ('school', 6, 'text', 'Styrning, ledning och organisation', 'Hur organiseras arbetet på skolan, och hur följer rektor upp och analyserar det?'),
 ('school', 7, 'views', 'Elevernas röster', 'Hur har elevernas synpunkter samlats in (enkät, intervjuer, elevråd), och vad sa de?'),
 ('school', 8, 'text', 'Sammanfattande bedömning', 'Vilka är skolans viktigaste utvecklingsbehov?'),
 ('preschool', 1, 'evidence', 'Underlag', 'Vilka underlag har analysgruppen använt: barngruppernas storlek, personalens utbildning, egna uppföljningar, Skolinspektionens beslut? Statistiken från registret visas ovanför.'),
 ('preschool', 2, 'text', 'Utbildningen och undervisningen', 'Hur genomförs undervisningen i förskolan, och hur stimuleras barnens utveckling och lärande?'),
 ('preschool', 3, 'text', 'Förutsättningar: personal och barngrupper', 'Hur ser personalens utbildning, kontinuitet och barngruppernas sammansättning ut?'),
 ('preschool', 4, 'text', 'Trygghet och omsorg', 'Hur arbetar förskolan med barnens trygghet, omsorg och inflytande?'),
 ('preschool', 5, 'text', 'Styrning, ledning och organisation', 'Hur organiseras arbetet, och hur följer rektor upp och analyserar det?'),
 ('preschool', 6, 'views', 'Barnens röster', 'Hur har barnens perspektiv och synpunkter tagits tillvara, och vad visade de?'),
 ('preschool', 7, 'text', 'Sammanfattande bedömning', 'Vilka är förskolans viktigaste utvecklingsbehov?'),
 ('organiser', 1, 'evidence', 'Underlag', 'Vilka underlag har huvudmannen använt: enheternas resultat, kvalitetsrapporter, Skolinspektionens beslut, ekonomiska uppföljningar?'),
 ('organiser', 2, 'text', 'Huvudmannens styrning och stöd', 'Hur styr och stödjer huvudmannen enheterna: mål, resursfördelning, kompetensutveckling, organisation?'),
 ('organiser', 3, 'text', 'Systematiskt kvalitetsarbete', 'Hur följer huvudmannen upp och analyserar resultaten på alla nivåer, och hur leder analyserna till åtgärder?'),
 ('organiser', 4, 'text', 'Förutsättningar för rektorer och lärare', 'Vilka förutsättningar ger huvudmannen rektorer, lärare och elevhälsa?'),
 ('organiser', 5, 'views', 'Barnens och elevernas röster', 'Hur tar huvudmannen tillvara barnens och elevernas synpunkter i sin styrning?'),
 ('organiser', 6, 'text', 'Sammanfattande bedömning', 'Vilka är huvudmannens viktigaste utvecklingsbehov?');

-- state: draft (utkast), submitted (för godkännande), approved (godkänd). version counts
-- approved versions (0 before the first approval); unit_key is the unit's id, or 0 at
-- organiser level, so that each unit and level has one analysis per case.
CREATE TABLE analyses (
    id @ID@,
    case_id BIGINT NOT NULL REFERENCES cases(id),
    level TEXT NOT NULL CHECK (level IN ('preschool', 'school', 'organiser')),
    unit_id BIGINT REFERENCES units(id),
    unit_key BIGINT NOT NULL DEFAULT 0,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'submitted', 'approved')),
    version INTEGER NOT NULL DEFAULT 0,
    submitted_by TEXT,
    submitted_at BIGINT,
    approved_by TEXT,
    approved_at BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (case_id, unit_key)
);
CREATE INDEX analyses_unit ON analyses(unit_id);

-- The analysis's own copy of its template's headings (a later change of the template
-- does not rewrite an analysis under way), each with its text and edit version.
CREATE TABLE analysis_sections (
    id @ID@,
    analysis_id BIGINT NOT NULL REFERENCES analyses(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    guidance TEXT NOT NULL DEFAULT '',
    body TEXT NOT NULL DEFAULT '',
    version INTEGER NOT NULL DEFAULT 1,
    saved_by TEXT,
    saved_at BIGINT
);
CREATE INDEX analysis_sections_analysis ON analysis_sections(analysis_id, position);

-- A problem: what in results or goal attainment falls short (result), and the evidence
-- that shows it (evidence, and optionally a statistics variable or a document).
CREATE TABLE analysis_problems (
    id @ID@,
    analysis_id BIGINT NOT NULL REFERENCES analyses(id),
    title TEXT NOT NULL,
    result TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL DEFAULT '',
    variable TEXT NOT NULL DEFAULT '',
    document_id BIGINT,
    version INTEGER NOT NULL DEFAULT 1,
    saved_by TEXT,
    saved_at BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX analysis_problems_analysis ON analysis_problems(analysis_id);

-- A cause of a problem, of one of the four kinds seed 001 names: organisation (hur
-- arbetet organiseras), teaching (hur undervisningen bedrivs), follow_up (hur
-- beslutsnivåerna följer upp och analyserar), steering (huvudmannens styrning och stöd).
CREATE TABLE analysis_causes (
    id @ID@,
    problem_id BIGINT NOT NULL REFERENCES analysis_problems(id),
    analysis_id BIGINT NOT NULL REFERENCES analyses(id),
    kind TEXT NOT NULL CHECK (kind IN ('organisation', 'teaching', 'follow_up', 'steering')),
    text TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX analysis_causes_problem ON analysis_causes(problem_id);
CREATE INDEX analysis_causes_analysis ON analysis_causes(analysis_id);

-- A comment in the thread of a section (section_id) or of the analysis as a whole (NULL).
CREATE TABLE analysis_comments (
    id @ID@,
    analysis_id BIGINT NOT NULL REFERENCES analyses(id),
    section_id BIGINT REFERENCES analysis_sections(id),
    user_id BIGINT REFERENCES users(id),
    author TEXT NOT NULL,
    body TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX analysis_comments_analysis ON analysis_comments(analysis_id, at);

-- Each approved version, frozen: the headings' texts, the problems and causes (JSON).
CREATE TABLE analysis_versions (
    analysis_id BIGINT NOT NULL REFERENCES analyses(id),
    version INTEGER NOT NULL,
    content TEXT NOT NULL,
    approved_by TEXT NOT NULL,
    approved_at BIGINT NOT NULL,
    PRIMARY KEY (analysis_id, version)
);

-- Uploaded evidence: the bytes (base64, so both databases keep them in the same
-- transaction as the row), their type as read from the content, size and SHA-256.
CREATE TABLE analysis_documents (
    id @ID@,
    analysis_id BIGINT NOT NULL REFERENCES analyses(id),
    filename TEXT NOT NULL,
    media_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX analysis_documents_analysis ON analysis_documents(analysis_id);
