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
];
