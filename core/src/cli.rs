//! The command line of the `jiandu` binary. With no subcommand the shell opens the window;
//! subcommands do headless work and need no display. Parsing and running live here, in the
//! core, so they are tested without Tauri.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::clock::Ctx;
use crate::error::Result;
use crate::store::Db;
use crate::{demo, paths, service};

#[derive(Debug, Parser)]
#[command(
    name = "jiandu",
    version,
    about = "监督台账：县纪委监委“一把手”和领导班子监督工作台账（离线桌面程序）",
    long_about = "监督台账：县纪委监委“一把手”和领导班子监督工作台账（离线桌面程序）。\n\
                  不带子命令运行时打开窗口；以下子命令无需图形界面。",
    after_help = "数据目录：--data-dir 指定，或环境变量 JIANDU_DATA_DIR，默认在用户数据目录下的 cn.jiandu.ledger 文件夹。\n\
                  已建立账户后，子命令须先登录：在终端输入登录名和密码，或由脚本设置环境变量 JIANDU_USER 和 JIANDU_PASSWORD。"
)]
pub struct Cli {
    /// 数据目录（存放 jiandu.db 和备份）
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Pins today's date (YYYY-MM-DD) so deadlines and overdue items can be tested; not for clerks.
    #[arg(long, global = true, hide = true, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// 载入示范县数据（约40个单位、150名干部，仅限空数据库）
    Demo,
    /// 检查数据库完整性和操作日志哈希链，并统计各类记录数量
    Check,
    /// 将数据库一致地备份到文件（程序窗口运行时也可使用）
    Backup {
        /// 备份文件路径，如 D:\备份\监督台账-2026-11-28.db
        file: PathBuf,
    },
    // ---- backups and restore
    /// 从备份文件恢复数据库（先自动备份当前数据库；程序窗口打开时不可用）
    Restore {
        /// 备份文件路径
        file: PathBuf,
    },
    // ---- end backups and restore
    // ---- 廉政档案 (person file)
    /// 将一名干部的廉政档案（一人一档）打印为 PDF
    File {
        /// 干部姓名（须唯一）或编号
        #[arg(long, value_name = "姓名|编号")]
        person: String,
        /// 输出文件，如 张三-廉政档案.pdf
        #[arg(long, value_name = "FILE.pdf")]
        out: PathBuf,
    },
    // ---- end 廉政档案
    // ---- report
    /// 生成监督工作情况报告：期间用 --year（可加 --quarter）或 --from/--to；--out 以 .pdf 结尾生成 PDF，以 .xlsx 结尾生成 Excel
    Report {
        /// 年度，如 2026（与 --from/--to 二选一）
        #[arg(long, value_name = "YYYY", conflicts_with_all = ["from", "to"], required_unless_present_all = ["from", "to"])]
        year: Option<i32>,
        /// 季度 1—4，与 --year 一起用
        #[arg(long, value_name = "1-4", requires = "year", value_parser = clap::value_parser!(u32).range(1..=4))]
        quarter: Option<u32>,
        /// 起始日期，如 2026-01-01
        #[arg(long, value_name = "YYYY-MM-DD", requires = "to")]
        from: Option<String>,
        /// 截止日期，如 2026-12-31
        #[arg(long, value_name = "YYYY-MM-DD", requires = "from")]
        to: Option<String>,
        /// 只统计这些单位（单位全称，以逗号分隔）；不给则统计全部单位
        #[arg(long, value_name = "名称,名称")]
        units: Option<String>,
        /// 输出文件，如 年度报告.pdf 或 年度报告.xlsx
        #[arg(long, value_name = "FILE.pdf|FILE.xlsx")]
        out: PathBuf,
    },
    // ---- end report
    // ---- Excel in
    /// 从 Excel（.xlsx、.xls）或 CSV 文件导入干部名册、单位名单或考核结果：先检查，全部无误才导入
    Import {
        /// 要导入的文件
        file: PathBuf,
        /// 文件内容：people 干部名册（含任职），units 单位名单，ratings 考核结果
        #[arg(long, default_value = "people", value_parser = ["people", "units", "ratings"])]
        kind: String,
        /// 只检查并列出问题，不写入任何数据
        #[arg(long)]
        dry_run: bool,
    },
    // ---- end Excel in
    /// 函件：导出 PDF 等
    Letters {
        #[command(subcommand)]
        command: LettersCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum LettersCommand {
    /// 将已签发的函件按信函格式导出为 PDF：--year 导出全年（每件一个文件，以文号命名），--number 导出一件
    Pdf {
        /// 年度：导出该年全部已签发、未作废的函件
        #[arg(long, required_unless_present = "number", conflicts_with = "number")]
        year: Option<i32>,
        /// 文号，如 '宣纪函〔2026〕3号'
        #[arg(long)]
        number: Option<String>,
        /// 输出位置：--year 时为文件夹；--number 时为文件（给文件夹则以文号命名）
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
}

pub enum Outcome {
    /// No subcommand: the shell opens the window on this data folder.
    OpenWindow { data_dir: PathBuf },
    /// A headless command ran (or parsing failed / help was shown): exit with this code.
    Exit(i32),
}

/// Parses `args` (including the program name) and runs a headless command if one was given.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> Outcome
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let text = e.render().to_string();
            let _ = if e.use_stderr() { write!(err, "{text}") } else { write!(out, "{text}") };
            return Outcome::Exit(code);
        }
    };
    if let Some(day) = cli.today.as_deref() {
        match crate::model::validate::parse_date(day.trim()) {
            Some(d) => crate::clock::pin_today(d),
            None => {
                let _ = writeln!(err, "错误：--today 应为 YYYY-MM-DD 格式的真实日期，收到“{day}”");
                return Outcome::Exit(2);
            }
        }
    }
    let data_dir = paths::data_dir(cli.data_dir.as_deref());
    let Some(command) = cli.command else {
        return Outcome::OpenWindow { data_dir };
    };
    match execute(&command, &data_dir, out) {
        Ok(code) => Outcome::Exit(code),
        Err(e) => {
            let _ = writeln!(err, "错误：{e}");
            Outcome::Exit(1)
        }
    }
}

fn execute(command: &Command, data_dir: &Path, out: &mut dyn Write) -> Result<i32> {
    let db_path = paths::database_path(data_dir);
    match command {
        Command::Demo => {
            let mut db = open_signed(&db_path)?;
            let ctx = Ctx::system("示范数据");
            let s = demo::load(&mut db, &ctx)?;
            writeln!(out, "已载入示范县“{}”：{} 个单位，{} 名干部，{} 条任职记录。", demo::COUNTY, s.units, s.people, s.positions)?;
            writeln!(out, "数据库：{}", db_path.display())?;
            Ok(0)
        }
        Command::Check => {
            if !db_path.exists() {
                writeln!(out, "数据库尚未建立：{}", db_path.display())?;
                return Ok(1);
            }
            // ---- backups and restore: a damaged file is reported (exit 1), never touched.
            let db = match service::crypt::open_gate(&db_path).and_then(unlock_headless) {
                Err(e @ crate::Error::Damaged(_)) => {
                    writeln!(out, "完整性检查：未通过。{e}")?;
                    let good = service::restore::good_backups(&db_path, 1);
                    match good.first() {
                        Some(b) => writeln!(out, "最近的完好备份：{}（{}），可用 jiandu restore 恢复。", b.path, b.taken_at)?,
                        None => writeln!(out, "未找到完好的备份。")?,
                    }
                    return Ok(1);
                }
                other => other?,
            };
            // ---- end backups and restore
            let ctx = Ctx::system(service::actor(&db));
            let problems = db.integrity_problems()?;
            let c = service::counts(&db, &ctx)?;
            writeln!(out, "数据库：{}（数据版本 {}）", db_path.display(), db.schema_version()?)?;
            writeln!(out, "单位 {}", c.units)?;
            writeln!(out, "干部 {}", c.people)?;
            writeln!(out, "任职 {}", c.positions)?;
            writeln!(out, "现任一把手 {}", c.heads)?;
            writeln!(out, "已作废 {}", c.voided)?;
            writeln!(out, "谈话 {}", c.talks)?;
            writeln!(out, "整改事项 {}（未销号 {}，逾期 {}）", c.rectification_items, c.open_items, c.overdue_items)?;
            writeln!(out, "函件 {}（草稿 {}，逾期未复 {}）", c.letters, c.letter_drafts, c.overdue_letters)?;
            writeln!(out, "处分 {}（影响期内 {}）", c.sanctions, c.sanctions_in_effect)?;
            writeln!(out, "考核 {}（待约谈 {}）", c.assessments, c.summons_pending)?;
            // ---- 家庭重大变动、听取汇报、警示教育
            writeln!(out, "家庭重大变动 {}（逾期报告 {}）", c.family_changes, c.family_changes_late)?;
            writeln!(out, "听取汇报 {}", c.hearings)?;
            writeln!(out, "警示教育 {}", c.education)?;
            // ---- end 家庭重大变动、听取汇报、警示教育
            // ---- risk points
            writeln!(out, "廉政风险点 {}（高风险 {}，待复核 {}）", c.risk_points, c.risk_points_high, c.risk_reviews_due)?;
            // ---- end risk points
            // ---- findings and clues
            writeln!(out, "监督发现问题 {}（整改中 {}）", c.findings, c.findings_rectifying)?;
            writeln!(out, "问题线索 {}（未处置 {}）", c.clues, c.clues_undisposed)?;
            // ---- end findings and clues
            writeln!(out, "操作日志 {}", c.audit_rows)?;
            // ---- audit chain: the log's hash chain is part of the check; a break fails it.
            let chain = service::audit::verify(db.conn())?;
            writeln!(out, "{}", service::audit::describe(&chain))?;
            if !chain.ok() {
                writeln!(out, "完整性检查：操作日志被改动")?;
                return Ok(1);
            }
            // ---- end audit chain
            if problems.is_empty() {
                writeln!(out, "完整性检查：通过")?;
                Ok(0)
            } else {
                writeln!(out, "完整性检查：发现 {} 个问题", problems.len())?;
                for p in problems {
                    writeln!(out, "  {p}")?;
                }
                Ok(1)
            }
        }
        Command::Letters { command: LettersCommand::Pdf { year, number, out: dest } } => {
            if !db_path.exists() {
                writeln!(out, "数据库尚未建立：{}", db_path.display())?;
                return Ok(1);
            }
            let db = open_signed(&db_path)?;
            let ctx = Ctx::system(service::actor(&db));
            let ids: Vec<String> = match (year, number) {
                (_, Some(n)) => vec![service::letters::letter_by_number(&db, n)?.id],
                (Some(y), None) => service::letters::signed_letters_of_year(&db, *y)?.into_iter().map(|l| l.id).collect(),
                (None, None) => Vec::new(),
            };
            if ids.is_empty() {
                writeln!(out, "{}年没有已签发的函件，未生成文件。", year.unwrap_or_default())?;
                return Ok(0);
            }
            let fonts = crate::pdf::FontSet::load(&crate::pdf::FontConfig::default())?;
            let (path, per_letter) = match number {
                Some(_) if dest.is_dir() => (dest.clone(), true),
                Some(_) => (dest.clone(), false),
                None => (dest.clone(), true),
            };
            let written = service::letters::save_letters_pdf(&db, &ctx, &fonts, &ids, &path, per_letter)?;
            for p in &written {
                writeln!(out, "{}", p.display())?;
            }
            writeln!(out, "已导出 {} 件函件。", written.len())?;
            Ok(0)
        }
        // ---- 廉政档案 (person file)
        Command::File { person, out: dest } => {
            if !db_path.exists() {
                writeln!(out, "数据库尚未建立：{}", db_path.display())?;
                return Ok(1);
            }
            let mut db = open_signed(&db_path)?;
            let ctx = Ctx::system(service::actor(&db));
            let id = service::person_file::find_person(db.conn(), &ctx, person)?;
            let fonts = crate::pdf::FontSet::load(&crate::pdf::FontConfig::default())?;
            let written = service::person_file::save_person_file_pdf(&mut db, &ctx, &fonts, &id, dest)?;
            writeln!(out, "已打印廉政档案：{}", written.display())?;
            Ok(0)
        }
        // ---- end 廉政档案
        // ---- backups and restore
        Command::Restore { file } => {
            std::fs::create_dir_all(data_dir)?;
            // The window's lock: no restore under a running window (its `Db` would be swapped away).
            let lock = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(data_dir.join(paths::LOCK_FILE))?;
            if lock.try_lock().is_err() {
                return Err(crate::Error::Locked(data_dir.display().to_string()));
            }
            let ctx = Ctx::system(crate::clock::os_user());
            // ---- encryption at rest: an encrypted database found damaged when unlocked is
            // restored with the same password (the keys open the backup).
            let done = match service::crypt::open_gate(&db_path) {
                Ok(service::crypt::Gate::Sealed(sealed)) => {
                    let (login, password) = credentials()?;
                    match sealed.unlock(&ctx, &login, &password) {
                        Ok(mut db) => {
                            let ctx = Ctx::system(service::actor(&db));
                            service::restore::restore(&mut db, &ctx, file)?
                        }
                        Err(crate::Error::Damaged(_)) => sealed.restore_damaged(&ctx, &login, &password, file)?.1,
                        Err(e) => return Err(e),
                    }
                }
                Ok(gate) => {
                    let mut db = unlock_headless(gate)?;
                    let ctx = Ctx::system(service::actor(&db));
                    service::restore::restore(&mut db, &ctx, file)?
                }
                Err(crate::Error::Damaged(_)) => service::restore::restore_damaged(&db_path, &ctx, file)?.1,
                Err(e) => return Err(e),
            };
            // ---- end encryption at rest
            let r = &done.restored;
            writeln!(out, "已从 {} 恢复（备份时间 {}，数据版本 {}）。", r.path, r.taken_at, r.schema_version)?;
            writeln!(out, "单位 {}，干部 {}，谈话 {}，函件 {}。", r.counts.units, r.counts.people, r.counts.talks, r.counts.letters)?;
            writeln!(out, "恢复前的数据库已保存为 {}", done.previous)?;
            drop(lock);
            Ok(0)
        }
        // ---- end backups and restore
        // ---- report
        Command::Report { year, quarter, from, to, units, out: dest } => {
            use crate::model::report::ReportPeriod;
            let period = match (year, quarter) {
                (Some(y), Some(q)) => ReportPeriod::Quarter { year: *y, quarter: *q },
                (Some(y), None) => ReportPeriod::year(*y),
                _ => ReportPeriod::range(from.clone().unwrap_or_default(), to.clone().unwrap_or_default()),
            };
            if !db_path.exists() {
                writeln!(out, "数据库尚未建立：{}", db_path.display())?;
                return Ok(1);
            }
            let db = open_signed(&db_path)?;
            let ctx = Ctx::system(service::actor(&db));
            let unit_ids = match units {
                Some(names) => Some(service::report::unit_ids_by_name(db.conn(), names)?),
                None => None,
            };
            let scope = crate::model::report::ReportScope { period, unit_ids };
            let written = service::report::save(&db, &ctx, None, scope, dest)?;
            writeln!(out, "已生成监督工作情况报告：{}", written.display())?;
            Ok(0)
        }
        // ---- end report
        // ---- Excel in
        Command::Import { file, kind, dry_run } => {
            use crate::model::import::ImportKind;
            let kind = match kind.as_str() {
                "units" => ImportKind::Units,
                "ratings" => ImportKind::Ratings,
                _ => ImportKind::People,
            };
            let mut db = open_signed(&db_path)?;
            let ctx = Ctx::system(service::actor(&db));
            let p = crate::import::preview(&mut db, &ctx, file, kind, None)?;
            writeln!(out, "{}：第{}行为表头，共{}行数据。", p.file_name, p.header_row, p.data_rows)?;
            if !p.problems.is_empty() {
                writeln!(out, "发现{}处问题，未导入任何记录：", p.problems.len())?;
                for x in &p.problems {
                    let col = if x.column.is_empty() { String::new() } else { format!("“{}”列", x.column) };
                    writeln!(out, "  第{}行{col}：{}", x.row, x.message)?;
                }
                return Ok(1);
            }
            if *dry_run {
                writeln!(out, "检查无误（未写入）：将{}", p.summary)?;
                return Ok(0);
            }
            let r = crate::import::apply(&mut db, &ctx, file, kind, None)?;
            writeln!(out, "已导入：{}", r.summary)?;
            Ok(0)
        }
        // ---- end Excel in
        Command::Backup { file } => {
            let db = open_signed(&db_path)?;
            db.backup_to(file)?;
            let size = std::fs::metadata(file).map(|m| m.len()).unwrap_or(0);
            writeln!(out, "已备份到 {}（{} KB）", file.display(), size.div_ceil(1024))?;
            Ok(0)
        }
    }
}

/// Every command that reads or writes records opens the database here: opened (unlocked when
/// it is encrypted), then signed in.
fn open_signed(path: &Path) -> Result<Db> {
    unlock_headless(service::crypt::open_gate(path)?)
}

// ---- encryption at rest
/// A sealed database is unlocked with the login and password (`JIANDU_USER`/`JIANDU_PASSWORD`
/// or the terminal); an open one is signed in as before.
fn unlock_headless(gate: service::crypt::Gate) -> Result<Db> {
    match gate {
        service::crypt::Gate::Open(mut db) => {
            sign_in_headless(&mut db)?;
            Ok(db)
        }
        service::crypt::Gate::Sealed(sealed) => {
            let (login, password) = credentials()?;
            sealed.unlock(&Ctx::system(crate::clock::os_user()), &login, &password)
        }
    }
}
// ---- end encryption at rest

// ---- accounts
/// Once accounts exist, a headless command signs in first: login and password from
/// `JIANDU_USER` / `JIANDU_PASSWORD` (scripts), else asked on the terminal (the password without
/// echo). A wrong one ends the command (exit 1) with the core's Chinese message, and counts
/// towards the lock like a wrong password in the window. Without accounts (a fresh data folder)
/// the command runs as the OS user, as before.
pub fn sign_in_headless(db: &mut Db) -> Result<()> {
    if !db.has_accounts()? {
        return Ok(());
    }
    let (login, password) = credentials()?;
    service::accounts::sign_in(db, &Ctx::system(crate::clock::os_user()), &login, &password)?;
    Ok(())
}

/// The login and password: from `JIANDU_USER` / `JIANDU_PASSWORD`, else asked on the terminal.
fn credentials() -> Result<(String, String)> {
    let login = match std::env::var("JIANDU_USER").ok().filter(|s| !s.trim().is_empty()) {
        Some(l) => l,
        None => {
            eprint!("登录名：");
            let _ = std::io::stderr().flush();
            let mut line = String::new();
            std::io::stdin().read_line(&mut line)?;
            line.trim().to_string()
        }
    };
    let password = match std::env::var("JIANDU_PASSWORD").ok().filter(|s| !s.is_empty()) {
        Some(p) => p,
        None => rpassword::prompt_password("密码：")
            .map_err(|e| crate::Error::invalid("password", format!("无法从终端读取密码（{e}）；脚本中请设置 JIANDU_USER 和 JIANDU_PASSWORD")))?,
    };
    Ok((login, password))
}
// ---- end accounts
