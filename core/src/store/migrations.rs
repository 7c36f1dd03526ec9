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
    // 3: letters (函件), their templates (four built in), the 机关代字 sequence.
    r#"
CREATE TABLE letter_template (
    id             TEXT PRIMARY KEY,
    kind           TEXT NOT NULL,
    name           TEXT NOT NULL,
    title          TEXT NOT NULL,
    body           TEXT NOT NULL,      -- one paragraph a line, {字段} placeholders
    cc             TEXT NOT NULL DEFAULT '[]',
    reply_workdays INTEGER,
    builtin        INTEGER NOT NULL DEFAULT 0,
    sort_order     INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    voided_at      TEXT,
    void_reason    TEXT
) STRICT;

CREATE TABLE letter (
    id                  TEXT PRIMARY KEY,
    kind                TEXT NOT NULL,
    template_id         TEXT REFERENCES letter_template(id),
    number              TEXT,              -- 机关代字〔year〕N号, set once at signing
    code                TEXT NOT NULL DEFAULT '',
    year                INTEGER,
    seq                 INTEGER,
    title               TEXT NOT NULL,
    recipient_unit_id   TEXT REFERENCES unit(id),
    recipient_person_id TEXT REFERENCES person(id),
    recipient           TEXT NOT NULL DEFAULT '',
    body                TEXT NOT NULL DEFAULT '',
    cc                  TEXT NOT NULL DEFAULT '[]',
    contact             TEXT NOT NULL DEFAULT '',
    signed_date         TEXT,
    reply_due_workdays  INTEGER,
    reply_due_date      TEXT,
    due_estimated       INTEGER NOT NULL DEFAULT 0,
    delivered_date      TEXT,
    replied_date        TEXT,
    reply_number        TEXT NOT NULL DEFAULT '',
    reply_summary       TEXT NOT NULL DEFAULT '',
    closed_date         TEXT,
    state               TEXT NOT NULL,
    batch_id            TEXT,
    follow_up_of        TEXT REFERENCES letter(id),
    created_at          TEXT NOT NULL,
    created_by          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    updated_by          TEXT NOT NULL,
    voided_at           TEXT,
    void_reason         TEXT
) STRICT;
-- A number is never given twice, voided letters included: they keep theirs.
CREATE UNIQUE INDEX letter_number ON letter(number) WHERE number IS NOT NULL;
CREATE UNIQUE INDEX letter_code_seq ON letter(code, year, seq) WHERE seq IS NOT NULL;
CREATE INDEX letter_year ON letter(year, seq);
CREATE INDEX letter_awaiting ON letter(reply_due_date) WHERE state IN ('已签发', '已送达') AND voided_at IS NULL;
CREATE INDEX letter_unit ON letter(recipient_unit_id);
CREATE INDEX letter_person ON letter(recipient_person_id);
CREATE INDEX letter_follow_up ON letter(follow_up_of) WHERE follow_up_of IS NOT NULL;
CREATE INDEX letter_batch ON letter(batch_id) WHERE batch_id IS NOT NULL;

CREATE TRIGGER letter_template_no_delete BEFORE DELETE ON letter_template
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
CREATE TRIGGER letter_no_delete BEFORE DELETE ON letter
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
-- The number, once given, stays: the database refuses to change or clear it.
CREATE TRIGGER letter_number_fixed BEFORE UPDATE OF number, code, year, seq ON letter
    WHEN OLD.number IS NOT NULL AND (NEW.number IS NOT OLD.number OR NEW.code IS NOT OLD.code OR NEW.year IS NOT OLD.year OR NEW.seq IS NOT OLD.seq)
    BEGIN SELECT RAISE(ABORT, 'a letter number is assigned once'); END;

INSERT INTO letter_template (id, kind, name, title, body, cc, reply_workdays, builtin, sort_order, created_at, created_by, updated_at, updated_by) VALUES
    ('2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a01', '提醒函', '落实“两个责任”提醒函', '关于落实党风廉政建设“两个责任”的提醒函', '为深入贯彻全面从严治党要求，推动党委（党组）主体责任和纪委监委监督责任贯通协同、一体落实，根据《党政“一把手”和领导班子监督办法》和《党委（党组）落实全面从严治党主体责任规定》有关要求，结合{年份}年度党风廉政建设工作安排，现就{单位}落实“两个责任”有关事项提醒如下。
一、切实扛起主体责任。{单位}党委（党组）要把全面从严治党与业务工作同谋划、同部署、同推进、同考核。主要负责人要认真履行第一责任人职责，做到重要工作亲自部署、重大问题亲自过问、重点环节亲自协调、重要案件亲自督办，对班子成员和下级“一把手”经常咬耳扯袖、红脸出汗。
二、加强对“一把手”和领导班子的监督。严格执行民主集中制和“三重一大”集体决策制度，坚决防止个人说了算；常态化开展班子成员之间的提醒谈话和监督谈话，对苗头性、倾向性问题早发现、早提醒、早纠正。
三、聚焦重点领域防控廉政风险。围绕选人用人、财务和大额资金审批、政府采购、工程项目等重点领域和关键环节，全面排查廉政风险点，完善防控措施，扎紧扎牢制度笼子。
四、驰而不息纠治“四风”。严格落实中央八项规定及其实施细则精神，紧盯违规吃喝、违规收送礼品礼金、违规发放津贴补贴等问题，坚决防止隐形变异、反弹回潮。
请于{回复期限}将本单位落实“两个责任”情况（含存在问题和下一步措施）书面报送我委。', '["县委办公室", "县委组织部"]', 15, 1, 10, '2026-01-01 00:00:00', '监督台账', '2026-01-01 00:00:00', '监督台账'),
    ('2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a02', '提醒函', '节前廉洁提醒函', '关于做好{节日}期间廉洁自律工作的提醒函', '{节日}将至，为持续巩固拓展落实中央八项规定精神成果，坚决防止节日期间“四风”问题反弹回潮，营造风清气正的节日氛围，现就有关事项提醒如下。
一、严守纪律规矩。严禁违规收送礼品礼金、消费卡和电子红包；严禁违规公款吃喝、公款旅游和违规操办婚丧喜庆事宜；严禁公车私用、私车公养；严禁接受可能影响公正执行公务的宴请和旅游、健身、娱乐等活动安排。
二、压紧压实责任。{单位}主要负责人要切实履行第一责任人职责，节前召开专题会议进行部署，对班子成员和关键岗位人员开展廉洁提醒谈话，管好家属和身边工作人员。
三、加强值班值守。严格执行节日期间值班和领导干部带班制度，保持通讯畅通，遇有重大突发事件及时报告、妥善处置。
节日期间，我委将通过明察暗访等方式开展监督检查，对顶风违纪行为发现一起、查处一起，并视情点名道姓通报曝光。', '[]', NULL, 1, 20, '2026-01-01 00:00:00', '监督台账', '2026-01-01 00:00:00', '监督台账'),
    ('2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a03', '督办函', '约谈后督办函（考核基本合格单位）', '关于督促抓好党风廉政建设责任制考核反馈问题整改的督办函', '在党风廉政建设责任制考核中，{单位}考核等次为基本合格。我委已对你单位主要负责人进行约谈，指出了存在的问题，提出了整改要求。为推动问题整改落实到位，现督办如下。
一、存在的主要问题。{问题}
二、整改要求。{单位}党委（党组）要切实扛起整改主体责任，主要负责人要亲自研究、亲自部署、亲自督办，对照问题清单逐项制定整改措施，明确责任人和完成时限，做到问题不查清不放过、整改不到位不放过、责任不落实不放过。
三、建立长效机制。要举一反三、以案促改，针对问题暴露出的制度漏洞和管理薄弱环节，健全完善相关制度，防止同类问题反复发生。
请于{回复期限}将整改落实情况（含整改清单、佐证材料）书面报送我委。逾期未报或整改不力的，将依规依纪依法严肃问责。', '["县委组织部"]', 20, 1, 30, '2026-01-01 00:00:00', '监督台账', '2026-01-01 00:00:00', '监督台账'),
    ('2b6f1c52-6f0e-4a53-9f41-0c1e8a7d4a04', '提示函', '整改提示函', '关于及时整改有关问题的提示函', '我委在日常监督中发现，{单位}在以下方面存在问题，需引起高度重视并及时整改：{问题}
一、高度重视，立行立改。请{收件人}同志切实履行第一责任人职责，认真对照上述问题，深入剖析原因，制定整改措施，能立即整改的立即整改，需要持续整改的明确时限、持续推进。
二、举一反三，堵塞漏洞。对照问题查找制度短板和管理漏洞，完善内控机制，防止类似问题再次发生。
请于{回复期限}将整改情况书面报送我委。', '[]', 10, 1, 40, '2026-01-01 00:00:00', '监督台账', '2026-01-01 00:00:00', '监督台账');
"#,
    // 4: 处分 (sanctions) with their effect period, and 考核 (yearly unit assessments).
    r#"
-- 处分: the effect period's end is computed from the kind when saved (model::sanctions), and kept
-- so that "in effect on a day" is one indexed comparison.
CREATE TABLE sanction (
    id               TEXT PRIMARY KEY,
    person_id        TEXT NOT NULL REFERENCES person(id),
    category         TEXT NOT NULL,          -- 党纪处分, 政务处分, 组织处理, 诫勉, 问责
    kind             TEXT NOT NULL,          -- e.g. 严重警告, 记过, 免职
    probation_months INTEGER,                -- 留党察看: 12 or 24, entered
    decision_date    TEXT NOT NULL,
    decision_number  TEXT NOT NULL DEFAULT '',   -- 决定文号
    deciding_body    TEXT NOT NULL DEFAULT '',
    reason           TEXT NOT NULL DEFAULT '',
    form             TEXT,                   -- 四种形态: 第一种 … 第四种
    effect_end       TEXT,                   -- last day of the effect period; NULL: none
    created_at       TEXT NOT NULL,
    created_by       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    voided_at        TEXT,
    void_reason      TEXT
) STRICT;
CREATE INDEX sanction_person ON sanction(person_id, decision_date);
CREATE INDEX sanction_in_effect ON sanction(effect_end, decision_date) WHERE voided_at IS NULL AND effect_end IS NOT NULL;
CREATE TRIGGER sanction_no_delete BEFORE DELETE ON sanction
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;

-- 考核: one live rating per unit and year, on the office's scale (settings 'rating_scale').
CREATE TABLE assessment (
    id          TEXT PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES unit(id),
    year        INTEGER NOT NULL,
    rating      TEXT NOT NULL,
    score       REAL,
    remark      TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    created_by  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    updated_by  TEXT NOT NULL,
    voided_at   TEXT,
    void_reason TEXT
) STRICT;
CREATE UNIQUE INDEX assessment_unit_year ON assessment(unit_id, year) WHERE voided_at IS NULL;
CREATE INDEX assessment_year ON assessment(year, rating) WHERE voided_at IS NULL;
CREATE TRIGGER assessment_no_delete BEFORE DELETE ON assessment
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;

-- A 约谈 held because of an assessment names it, so the worklist's 待约谈 entry can close.
ALTER TABLE talk ADD COLUMN assessment_id TEXT REFERENCES assessment(id);
CREATE INDEX talk_assessment ON talk(assessment_id) WHERE assessment_id IS NOT NULL;

INSERT INTO settings (key, value) VALUES ('rating_scale', '["好","较好","一般","基本合格","不合格"]');
"#,
    // 5: the rest of the 廉政档案 — family changes, findings, clues, risk points, hearings,
    // warning education — and the office's editable lists (dictionaries) with retired entries.
    r#"
-- 家庭重大变动: 逾期报告 (reported more than 30 days after the event) is computed, not stored.
CREATE TABLE family_change (
    id            TEXT PRIMARY KEY,
    person_id     TEXT NOT NULL REFERENCES person(id),
    kind          TEXT NOT NULL,          -- 婚姻变化, 配偶子女移居国(境)外, … 其他
    event_date    TEXT NOT NULL,
    reported_date TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    voided_at     TEXT,
    void_reason   TEXT
) STRICT;
CREATE INDEX family_change_person ON family_change(person_id, event_date);
CREATE INDEX family_change_date ON family_change(event_date) WHERE voided_at IS NULL;
CREATE TRIGGER family_change_no_delete BEFORE DELETE ON family_change
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;

-- 监督发现问题: about a person, a unit or both; its rectification items are rectification_item
-- rows with origin_kind '监督发现问题'.
CREATE TABLE finding (
    id           TEXT PRIMARY KEY,
    source       TEXT NOT NULL,           -- dictionary 'finding_sources'
    focus_area   TEXT,                    -- dictionary 'focus_areas'
    person_id    TEXT REFERENCES person(id),
    unit_id      TEXT REFERENCES unit(id),
    found_date   TEXT NOT NULL,
    description  TEXT NOT NULL,
    seriousness  TEXT NOT NULL,           -- 一般, 较重, 严重
    created_at   TEXT NOT NULL,
    created_by   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    updated_by   TEXT NOT NULL,
    voided_at    TEXT,
    void_reason  TEXT,
    CHECK (person_id IS NOT NULL OR unit_id IS NOT NULL)
) STRICT;
CREATE INDEX finding_person ON finding(person_id, found_date) WHERE person_id IS NOT NULL;
CREATE INDEX finding_unit ON finding(unit_id, found_date) WHERE unit_id IS NOT NULL;
CREATE INDEX finding_date ON finding(found_date) WHERE voided_at IS NULL;
CREATE TRIGGER finding_no_delete BEFORE DELETE ON finding
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;

-- 问题线索: the disposal is chosen later; a 谈话函询 names its talk (talk.clue_id).
CREATE TABLE clue (
    id             TEXT PRIMARY KEY,
    source         TEXT NOT NULL,
    received_date  TEXT NOT NULL,
    person_id      TEXT REFERENCES person(id),
    unit_id        TEXT REFERENCES unit(id),
    summary        TEXT NOT NULL,         -- 反映的主要问题
    disposal       TEXT,                  -- 谈话函询, 初步核实, 暂存待查, 予以了结
    disposal_date  TEXT,
    result         TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    created_by     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    updated_by     TEXT NOT NULL,
    voided_at      TEXT,
    void_reason    TEXT,
    CHECK (person_id IS NOT NULL OR unit_id IS NOT NULL)
) STRICT;
CREATE INDEX clue_person ON clue(person_id, received_date) WHERE person_id IS NOT NULL;
CREATE INDEX clue_unit ON clue(unit_id, received_date) WHERE unit_id IS NOT NULL;
CREATE INDEX clue_date ON clue(received_date) WHERE voided_at IS NULL;
CREATE TRIGGER clue_no_delete BEFORE DELETE ON clue
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;
ALTER TABLE talk ADD COLUMN clue_id TEXT REFERENCES clue(id);
CREATE INDEX talk_clue ON talk(clue_id) WHERE clue_id IS NOT NULL;

-- 廉政风险点: on a person or on a position (a desk outlives who sits at it); unit_id is the unit
-- it belongs to (the position's unit, or the person's unit when entered), for the registers.
CREATE TABLE risk_point (
    id                    TEXT PRIMARY KEY,
    person_id             TEXT REFERENCES person(id),
    position_id           TEXT REFERENCES position(id),
    unit_id               TEXT NOT NULL REFERENCES unit(id),
    category              TEXT NOT NULL,  -- dictionary 'risk_categories'
    description           TEXT NOT NULL,  -- 表现形式
    level                 TEXT NOT NULL,  -- 高, 中, 低
    measures              TEXT NOT NULL DEFAULT '',
    responsible_person_id TEXT REFERENCES person(id),
    responsible_name      TEXT NOT NULL DEFAULT '',
    review_date           TEXT,
    created_at            TEXT NOT NULL,
    created_by            TEXT NOT NULL,
    updated_at            TEXT NOT NULL,
    updated_by            TEXT NOT NULL,
    voided_at             TEXT,
    void_reason           TEXT,
    CHECK (person_id IS NOT NULL OR position_id IS NOT NULL)
) STRICT;
CREATE INDEX risk_point_unit ON risk_point(unit_id, level) WHERE voided_at IS NULL;
CREATE INDEX risk_point_person ON risk_point(person_id) WHERE person_id IS NOT NULL;
CREATE INDEX risk_point_position ON risk_point(position_id) WHERE position_id IS NOT NULL;
CREATE INDEX risk_point_review ON risk_point(review_date) WHERE voided_at IS NULL AND review_date IS NOT NULL;
CREATE TRIGGER risk_point_no_delete BEFORE DELETE ON risk_point
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;

-- 听取汇报
CREATE TABLE hearing (
    id                 TEXT PRIMARY KEY,
    date               TEXT NOT NULL,
    kind               TEXT NOT NULL,     -- 同级监督情况汇报, 派驻监督情况专题汇报, 其他
    unit_id            TEXT REFERENCES unit(id),
    reporter_person_id TEXT REFERENCES person(id),
    reporter_name      TEXT NOT NULL DEFAULT '',
    key_points         TEXT NOT NULL DEFAULT '',
    follow_ups         TEXT NOT NULL DEFAULT '',
    created_at         TEXT NOT NULL,
    created_by         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    updated_by         TEXT NOT NULL,
    voided_at          TEXT,
    void_reason        TEXT
) STRICT;
CREATE INDEX hearing_date ON hearing(date) WHERE voided_at IS NULL;
CREATE INDEX hearing_unit ON hearing(unit_id, date) WHERE unit_id IS NOT NULL;
CREATE INDEX hearing_reporter ON hearing(reporter_person_id, date) WHERE reporter_person_id IS NOT NULL;
CREATE TRIGGER hearing_no_delete BEFORE DELETE ON hearing
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;

-- 警示教育: the units that took part (education_unit) and, optionally, named people.
CREATE TABLE education (
    id            TEXT PRIMARY KEY,
    date          TEXT NOT NULL,
    kind          TEXT NOT NULL,          -- 警示教育片, 忏悔录, 旁听庭审, 专题讲座, 警示教育基地
    title         TEXT NOT NULL DEFAULT '',
    material      TEXT NOT NULL DEFAULT '',
    participants  INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    voided_at     TEXT,
    void_reason   TEXT
) STRICT;
CREATE INDEX education_date ON education(date) WHERE voided_at IS NULL;
CREATE TABLE education_unit (
    education_id TEXT NOT NULL REFERENCES education(id),
    unit_id      TEXT NOT NULL REFERENCES unit(id),
    PRIMARY KEY (education_id, unit_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX education_unit_unit ON education_unit(unit_id, education_id);
CREATE TABLE education_person (
    education_id TEXT NOT NULL REFERENCES education(id),
    person_id    TEXT NOT NULL REFERENCES person(id),
    PRIMARY KEY (education_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX education_person_person ON education_person(person_id, education_id);
CREATE TRIGGER education_no_delete BEFORE DELETE ON education
    BEGIN SELECT RAISE(ABORT, 'records are voided, never deleted'); END;

-- The office's editable lists. An entry is retired (停用), never deleted once records use it: a
-- retired entry is no longer offered by the forms but still names what was recorded with it.
CREATE TABLE dictionary_entry (
    dict       TEXT NOT NULL,             -- focus_areas, finding_sources, risk_categories, …
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL,
    retired    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (dict, name)
) STRICT, WITHOUT ROWID;
-- The two lists kept in settings until now move here, in their order.
INSERT INTO dictionary_entry (dict, name, sort_order, retired)
    SELECT 'focus_areas', value, key, 0 FROM json_each((SELECT value FROM settings WHERE key = 'focus_areas'));
INSERT INTO dictionary_entry (dict, name, sort_order, retired)
    SELECT 'rating_scale', value, key, 0 FROM json_each((SELECT value FROM settings WHERE key = 'rating_scale'));
DELETE FROM settings WHERE key IN ('focus_areas', 'rating_scale');

-- The worklist at city scale (issue 13): 待约谈 finds the few weak ratings by rating instead of
-- scanning every unit-year, and 待复核 counts the points due from the index alone.
CREATE INDEX assessment_rating ON assessment(rating, year, unit_id) WHERE voided_at IS NULL;
CREATE INDEX risk_point_review_unit ON risk_point(review_date, unit_id) WHERE voided_at IS NULL AND review_date IS NOT NULL;
-- A talk found by id (from talk_subject) is checked for kind and state and dated without
-- reading its row: the last 监督谈话 of each head listed as without one.
CREATE INDEX talk_id_held ON talk(id, kind, state, date) WHERE voided_at IS NULL;
"#,
    // 6: each person's last held 监督谈话, kept up to date in the transaction of every talk write
    // (`store::talks::refresh_last_supervision`), so that "一把手 without a 监督谈话 in 12 months"
    // and the year's coverage read the ~2,000 heads by key instead of joining a window's talks to
    // their subjects (issue 13). Backfilled here with the same condition the store uses.
    concat!(
        r#"
CREATE TABLE person_last_supervision (
    person_id TEXT PRIMARY KEY REFERENCES person(id),
    talk_id   TEXT NOT NULL REFERENCES talk(id),  -- the latest (by date, then id) held 监督谈话
    date      TEXT NOT NULL                       -- of which the person is a live subject, and its date
) STRICT, WITHOUT ROWID;
INSERT INTO person_last_supervision (person_id, talk_id, date)
    SELECT person_id, id, date FROM (
        SELECT s.person_id, t.id, t.date, row_number() OVER (PARTITION BY s.person_id ORDER BY t.date DESC, t.id DESC) AS n
        FROM talk_subject s JOIN talk t ON t.id = s.talk_id
        WHERE s.voided_at IS NULL AND "#,
        held_supervision!(),
        r#")
    WHERE n = 1;
-- The other worklist sections at city scale: indexes that hold every column their query reads,
-- so no table row is visited. A partial index's own condition column must be in it too, or
-- SQLite (3.54) still reads the row to check it.
-- Year figures: this year's items counted from the index alone (replaces item_origin_date).
CREATE INDEX item_origin_date_live ON rectification_item(origin_date, status, voided_at) WHERE voided_at IS NULL;
DROP INDEX item_origin_date;
-- Year figures: live items and closed ones per origin date, kept in the transaction of every item
-- write (`store::talks::retally_items`), so a year's completion rate sums ≤ 366 rows.
CREATE TABLE item_day_tally (
    origin_date TEXT PRIMARY KEY,
    total       INTEGER NOT NULL,
    closed      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
INSERT INTO item_day_tally (origin_date, total, closed) "#,
        item_day_tally_select!(),
        r#" GROUP BY origin_date;
-- 待约谈: "is there a held 约谈 for this assessment" answered from the index.
CREATE INDEX talk_assessment_held ON talk(assessment_id, kind, state, voided_at) WHERE assessment_id IS NOT NULL;
-- 待约谈 and the unit list: a unit's current 一把手 found among its head posts, not all its posts.
CREATE INDEX position_unit_head ON position(unit_id, start_date, end_date, is_head, voided_at) WHERE is_head = 1 AND voided_at IS NULL;
"#
    ),
    // ---- accounts
    // Local accounts (issue 12). Self-contained: touches no other table, so its place among the
    // steps added in the same release does not matter. Never deleted: disabled_at stops sign-in.
    r#"
CREATE TABLE account (
    id            TEXT PRIMARY KEY,
    login         TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    failed_count  INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    disabled_at   TEXT,
    created_at    TEXT NOT NULL,
    created_by    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX account_login ON account(login COLLATE NOCASE);
"#,
    // ---- end accounts
    // ---- audit chain
    // The audit log becomes a hash chain (issue 12): each row carries the SHA-256 of its own
    // content and of the row before (`store::audit_log::chain_hash`, called here as the SQL
    // function `jiandu_audit_hash` that `Db` registers), so a row edited or deleted outside the
    // app breaks the chain at that row. Existing rows are chained in id order. Nothing here
    // depends on the steps around it: it can run at any position after step 1.
    r#"
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_log ADD COLUMN hash TEXT NOT NULL DEFAULT '';
-- The backfill is the one UPDATE the log ever sees: lift the guard, fill, put the guard back.
DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;
CREATE TEMP TABLE audit_chain_fill AS
WITH RECURSIVE c(id, prev, hash) AS (
    SELECT a.id, '', jiandu_audit_hash(a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.before, a.after, '')
      FROM audit_log a WHERE a.id = (SELECT min(id) FROM audit_log)
    UNION ALL
    SELECT a.id, c.hash, jiandu_audit_hash(a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.before, a.after, c.hash)
      FROM c JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > c.id)
)
SELECT id, prev, hash FROM c;
UPDATE audit_log SET prev_hash = f.prev, hash = f.hash FROM audit_chain_fill f WHERE f.id = audit_log.id;
DROP TABLE audit_chain_fill;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- The audit log page filters by account and by date, newest first.
CREATE INDEX audit_actor ON audit_log(actor, id);
CREATE INDEX audit_at ON audit_log(at);
"#,
    // ---- end audit chain
];
