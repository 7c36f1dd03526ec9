//! The schema, as an append-only list of steps. `PRAGMA user_version` counts the steps applied.
//! Never edit a released step: add a new one.

pub const MIGRATIONS: &[&str] = &[
    // 1: office, units, people, positions, audit log.
    r#"
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE unit (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    short_name  TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL,
    parent_id   TEXT REFERENCES unit(id),
    supervisor  TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    sort_order  INTEGER NOT NULL DEFAULT 0,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE INDEX unit_parent ON unit(parent_id);

CREATE TABLE person (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    -- '|'-separated full readings and initials of the name, for search (张三 → |zhangsan|, |zs|)
    name_pinyin     TEXT NOT NULL DEFAULT '',
    name_initials   TEXT NOT NULL DEFAULT '',
    gender          TEXT,
    ethnicity       TEXT NOT NULL DEFAULT '',
    birth_date      TEXT,
    party_join_date TEXT,
    education       TEXT NOT NULL DEFAULT '',
    id_number       TEXT,
    phone           TEXT NOT NULL DEFAULT '',
    notes           TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    created_by      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    updated_by      TEXT NOT NULL,
    voided_at       TEXT,
    void_reason     TEXT
) STRICT;
CREATE INDEX person_id_number ON person(id_number) WHERE id_number IS NOT NULL;

CREATE TABLE position (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES person(id),
    unit_id       TEXT NOT NULL REFERENCES unit(id),
    title         TEXT NOT NULL,
    rank          TEXT NOT NULL DEFAULT '',
    is_head       INTEGER NOT NULL DEFAULT 0,
    is_leadership INTEGER NOT NULL DEFAULT 0,
    portfolio     TEXT NOT NULL DEFAULT '',
    start_date    TEXT,
    end_date      TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    voided_at     TEXT,
    void_reason   TEXT
) STRICT;
CREATE INDEX position_person ON position(person_id);
CREATE INDEX position_unit ON position(unit_id);

-- Every change, in the same transaction as the change itself. Rows are only ever added.
CREATE TABLE audit_log (
    id        INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    entity    TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    before    TEXT,
    after     TEXT
) STRICT;
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- Records are voided (作废), never deleted: the database itself refuses a DELETE.
CREATE TRIGGER unit_no_delete BEFORE DELETE ON unit
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER person_no_delete BEFORE DELETE ON person
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER position_no_delete BEFORE DELETE ON position
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
"#,
    // 2: supervision talks, rectification items, the yearly talk plan, office calendar years.
    r#"
-- Holiday arrangements the office typed in for a year (an office year replaces the built-in one).
CREATE TABLE calendar_year (
    year       INTEGER PRIMARY KEY,
    source     TEXT NOT NULL DEFAULT '',
    holidays   TEXT NOT NULL,   -- JSON [{name, dates: [YYYY-MM-DD]}]
    workdays   TEXT NOT NULL,   -- JSON [YYYY-MM-DD], 调休 working weekends
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
) STRICT;

CREATE TABLE talk (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL,
    state               TEXT NOT NULL,
    date                TEXT NOT NULL,   -- held date, or the planned date while 计划
    place               TEXT NOT NULL DEFAULT '',
    conductor_person_id TEXT REFERENCES person(id),
    conductor_role      TEXT NOT NULL DEFAULT '',
    recorder            TEXT NOT NULL DEFAULT '',
    attendees           TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT '',
    focus_areas         TEXT NOT NULL DEFAULT '[]',
    outline             TEXT NOT NULL DEFAULT '',
    statement           TEXT NOT NULL DEFAULT '',
    commitment_signed   INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT NOT NULL,
    voided_at           TEXT,
    void_reason         TEXT
) STRICT;
CREATE INDEX talk_date ON talk(date);
CREATE INDEX talk_state_date ON talk(state, date) WHERE voided_at IS NULL;
-- Covering for the year's figures and coverage (kind, dates, state, id without the table).
CREATE INDEX talk_kind_date ON talk(kind, date, state, id) WHERE voided_at IS NULL;
CREATE INDEX talk_conductor ON talk(conductor_person_id);

-- Who was talked to, with the unit and title they held at the time. A removed subject is voided.
CREATE TABLE talk_subject (
    talk_id   TEXT NOT NULL REFERENCES talk(id),
    person_id TEXT NOT NULL REFERENCES person(id),
    unit_id   TEXT REFERENCES unit(id),
    title     TEXT NOT NULL DEFAULT '',
    seq       INTEGER NOT NULL,
    voided_at TEXT,
    PRIMARY KEY (talk_id, person_id)
) STRICT;
CREATE INDEX talk_subject_person ON talk_subject(person_id, talk_id) WHERE voided_at IS NULL;
CREATE INDEX talk_subject_talk ON talk_subject(talk_id, person_id) WHERE voided_at IS NULL;
CREATE INDEX talk_subject_unit ON talk_subject(unit_id, talk_id) WHERE voided_at IS NULL;

-- The ordered lists of a talk: problems pointed out (打板子, list 'problem') and requirements
-- and remedies (开方子, list 'remedy'). Shortening a list voids its tail.
CREATE TABLE talk_point (
    talk_id   TEXT NOT NULL REFERENCES talk(id),
    list      TEXT NOT NULL CHECK (list IN ('problem', 'remedy')),
    seq       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    voided_at TEXT,
    PRIMARY KEY (talk_id, list, seq)
) STRICT;

-- 整改事项. The origin is kept general (谈话 now; 函件, 监督发现问题, 考核 later): no foreign key.
CREATE TABLE rectification_item (
    id                    TEXT PRIMARY KEY,
    origin_kind           TEXT NOT NULL,
    origin_id             TEXT NOT NULL,
    origin_date           TEXT NOT NULL,   -- the date of the originating event (the talk date)
    seq                   INTEGER NOT NULL DEFAULT 0,
    problem               TEXT NOT NULL,
    measure               TEXT NOT NULL DEFAULT '',
    responsible_person_id TEXT REFERENCES person(id),
    responsible_unit_id   TEXT REFERENCES unit(id),
    due_workdays          INTEGER,         -- set when the deadline was given as N 工作日
    due_date              TEXT NOT NULL,   -- given, or computed from the rule
    due_estimated         INTEGER NOT NULL DEFAULT 0,
    status                TEXT NOT NULL,
    closed_date           TEXT,
    evidence              TEXT NOT NULL DEFAULT '',
    created_at            TEXT NOT NULL,
    created_by            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    updated_by            TEXT NOT NULL,
    voided_at             TEXT,
    void_reason           TEXT
) STRICT;
CREATE INDEX item_origin ON rectification_item(origin_kind, origin_id);
CREATE INDEX item_open_due ON rectification_item(due_date) WHERE status = '整改中' AND voided_at IS NULL;
CREATE INDEX item_origin_date ON rectification_item(origin_date, status) WHERE voided_at IS NULL;
CREATE INDEX item_responsible ON rectification_item(responsible_person_id);

CREATE TABLE item_progress (
    id          TEXT PRIMARY KEY,
    item_id     TEXT NOT NULL REFERENCES rectification_item(id),
    date        TEXT NOT NULL,
    note        TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE INDEX item_progress_item ON item_progress(item_id, date);

-- Finding current 一把手 quickly (worklist, plan filling).
CREATE INDEX position_head ON position(person_id) WHERE is_head = 1 AND voided_at IS NULL;

INSERT INTO settings (key, value) VALUES ('focus_areas',
    '["加强政治建设","勇于担当尽责","履行管党治党责任","规范行使权力","贯彻民主集中制和“三重一大”决策","落实中央八项规定精神和作风建设","廉洁自律和管好家属及身边人","选人用人"]');

-- 年度谈话计划: one live row per 一把手 per year.
CREATE TABLE talk_plan (
    id                  TEXT PRIMARY KEY,
    year                INTEGER NOT NULL,
    person_id           TEXT NOT NULL REFERENCES person(id),
    unit_id             TEXT REFERENCES unit(id),
    title               TEXT NOT NULL DEFAULT '',
    conductor_person_id TEXT REFERENCES person(id),
    conductor_role      TEXT NOT NULL DEFAULT '',
    planned_month       INTEGER CHECK (planned_month BETWEEN 1 AND 12),
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT NOT NULL,
    voided_at           TEXT,
    void_reason         TEXT
) STRICT;
CREATE INDEX talk_plan_month ON talk_plan(year, planned_month) WHERE voided_at IS NULL;
CREATE UNIQUE INDEX talk_plan_person ON talk_plan(year, person_id) WHERE voided_at IS NULL;

CREATE TRIGGER calendar_year_no_delete BEFORE DELETE ON calendar_year
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER talk_no_delete BEFORE DELETE ON talk
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER talk_subject_no_delete BEFORE DELETE ON talk_subject
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER talk_point_no_delete BEFORE DELETE ON talk_point
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER rectification_item_no_delete BEFORE DELETE ON rectification_item
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER item_progress_no_delete BEFORE DELETE ON item_progress
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER talk_plan_no_delete BEFORE DELETE ON talk_plan
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
"#,
];
