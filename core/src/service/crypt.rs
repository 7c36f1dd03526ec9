//! Encryption at rest (issue 12): the sealed/open gate the window and the headless commands go
//! through, the first administrator encrypting the database, the conversion of a plain database
//! that has accounts, sign-in and 忘记密码 on a sealed database, and the recovery code.
//!
//! The key file and the slots are in `store::keys`; the re-key on a password change is
//! `Db::rekey_around`.
//!
//! - A database with no account (a fresh folder, the headless demo, the package test) stays
//!   plain: there is no password yet. `setup` encrypts it.
//! - A plain database WITH accounts (from the previous version) is converted in place when it is
//!   opened, before sign-in and without a password: a backup first, `sqlcipher_export` into
//!   `<db>.encrypting`, fsync, the key file, rename over the database. A stop at any point leaves
//!   the plain file (no key file, or one that does not open it: the plain file is used and
//!   converted again) or the encrypted one.
//! - Sealed: the key is not in memory; `Sealed::unlock` derives it from a password. The idle
//!   lock and 退出登录 seal again (`Gate::seal`).

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDateTime};
use rusqlite::Connection;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::accounts::{SetupInput, Session};
use crate::model::crypt::{RecoverInput, SetupDone};
use crate::store::keys::{self, Key, KeyFile, Keys};
use crate::store::{self, Db};

use super::{accounts, backup};

/// The backup taken before a plain database is encrypted (see `backup::parse_name`).
pub const BEFORE_ENCRYPT: &str = backup::BEFORE_ENCRYPT;

/// No 0/O, 1/I/L: read aloud and copied by hand without doubt.
const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const CODE_LEN: usize = 24;
const TS: &str = "%Y-%m-%d %H:%M:%S";

/// A new recovery code: 24 characters in groups of 4 (`K7QM-…`), about 119 bits.
pub fn new_recovery_code() -> String {
    use chacha20poly1305::aead::rand_core::RngCore;
    let mut rng = chacha20poly1305::aead::OsRng;
    let mut out = String::new();
    let mut n = 0;
    while n < CODE_LEN {
        // Rejection sampling: no bias towards the first letters.
        let b = (rng.next_u32() & 0xff) as usize;
        if b >= 256 - 256 % ALPHABET.len() {
            continue;
        }
        if n > 0 && n % 4 == 0 {
            out.push('-');
        }
        out.push(ALPHABET[b % ALPHABET.len()] as char);
        n += 1;
    }
    out
}

/// The code as typed (lower case, spaces, dashes, O for 0…) to the form that was hashed.
pub fn normalize_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            c => c,
        })
        .collect()
}

// ---------------------------------------------------------------- the gate

/// The database as the window holds it: sealed (the key not in memory) or open.
// One per process, held for the life of the window: the size of the open variant costs nothing.
#[allow(clippy::large_enum_variant)]
pub enum Gate {
    Sealed(Sealed),
    Open(Db),
}

/// An encrypted database whose key is not in memory.
#[derive(Debug, Clone)]
pub struct Sealed {
    path: PathBuf,
}

/// Opens the database at `path` the way every start does: sealed when it is encrypted; a plain
/// database with accounts is converted first (then sealed); a plain one without accounts (or a
/// new one) is open.
pub fn open_gate(path: &Path) -> Result<Gate> {
    let key_file = keys::key_file_for(path);
    let exists = std::fs::metadata(path).map(|m| m.len() > 0).unwrap_or(false);
    if exists && !keys::is_plain(path) {
        if key_file.exists() {
            return Ok(Gate::Sealed(Sealed { path: path.to_path_buf() }));
        }
        return Err(Error::Damaged(format!(
            "{}（数据库已加密，但同一文件夹中找不到密钥文件 {}；请从备份文件夹复制 {} 回来）",
            path.display(),
            keys::KEY_FILE,
            keys::KEY_FILE
        )));
    }
    // A conversion stopped half-way left a staging file: the plain database is the one to use.
    remove_staging(path);
    let db = Db::open(path)?;
    if !db.has_accounts()? {
        return Ok(Gate::Open(db));
    }
    let ctx = Ctx::system(crate::clock::os_user());
    convert(db, &ctx)?;
    Ok(Gate::Sealed(Sealed { path: path.to_path_buf() }))
}

impl Gate {
    /// 退出登录 and the idle lock: an encrypted database is closed (its key leaves memory); a
    /// plain one only ends the session.
    pub fn seal(&mut self) {
        let sealed = match self {
            Gate::Open(db) if db.keys().is_some() => db.path().map(|p| Sealed { path: p.to_path_buf() }),
            Gate::Open(db) => {
                db.sign_out();
                None
            }
            Gate::Sealed(_) => None,
        };
        if let Some(s) = sealed {
            if let Gate::Open(db) = self {
                let _ = db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            *self = Gate::Sealed(s);
        }
    }

    pub fn db(&mut self) -> Result<&mut Db> {
        match self {
            Gate::Open(db) => Ok(db),
            Gate::Sealed(_) => Err(Error::SignedOut),
        }
    }
}

/// A backup looked into with the open database's keys (current and earlier); without an open
/// database (a damaged one found at start, or sealed) only a plain backup can be read.
pub fn inspect_backup(gate: Option<&Gate>, path: &Path) -> Result<crate::model::backup::BackupInspection> {
    match gate {
        Some(Gate::Open(db)) => super::restore::inspect_for(db, path),
        _ => super::restore::inspect(path),
    }
}

/// 创建管理员 / 登录 / the app, for the gate.
pub fn status(gate: &Gate) -> Result<crate::model::accounts::AuthStatus> {
    match gate {
        Gate::Open(db) => accounts::status(db),
        Gate::Sealed(_) => Ok(crate::model::accounts::AuthStatus::SignedOut { idle_minutes: accounts::DEFAULT_IDLE_MINUTES }),
    }
}

/// 创建管理员 on the gate (see `setup`).
pub fn setup_gate(gate: &mut Gate, ctx: &Ctx, input: SetupInput) -> Result<SetupDone> {
    match gate {
        Gate::Open(db) => {
            let done = setup(db, ctx, input)?;
            // The day's first backup, now that there is a key to encrypt it with (the window
            // takes none before the first account: see main.rs).
            if db.keys().is_some() {
                daily_backup(db, ctx);
            }
            Ok(done)
        }
        Gate::Sealed(_) => Err(Error::Conflict("管理员已经创建，请登录".into())),
    }
}

/// 登录 on the gate: unlocks a sealed database, or signs in on an open one.
pub fn sign_in_gate(gate: &mut Gate, ctx: &Ctx, login: &str, password: &str) -> Result<Session> {
    match gate {
        Gate::Open(db) => accounts::sign_in(db, ctx, login, password),
        Gate::Sealed(s) => {
            let db = s.unlock(ctx, login, password)?;
            let session = db.session().cloned().ok_or(Error::SignedOut)?;
            daily_backup(&db, ctx);
            *gate = Gate::Open(db);
            Ok(session)
        }
    }
}

/// 忘记密码 on the gate.
pub fn recover_gate(gate: &mut Gate, ctx: &Ctx, input: RecoverInput) -> Result<Session> {
    match gate {
        Gate::Sealed(s) => {
            let db = s.recover(ctx, input)?;
            let session = db.session().cloned().ok_or(Error::SignedOut)?;
            daily_backup(&db, ctx);
            *gate = Gate::Open(db);
            Ok(session)
        }
        Gate::Open(_) => Err(Error::Conflict("数据库未加密或已打开，无需恢复密钥；请直接登录".into())),
    }
}

/// The window's daily backup, which a sealed database could not take when the window opened:
/// taken at the first unlock (a failure does not stop the sign-in; the settings card shows the
/// last backup).
fn daily_backup(db: &Db, ctx: &Ctx) {
    let ctx = Ctx { actor: db.actor(), ..ctx.clone() };
    let _ = backup::daily(db, &ctx);
}

impl Sealed {
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn key_file(&self) -> Result<KeyFile> {
        let path = keys::key_file_for(&self.path);
        keys::read(&path)?.ok_or_else(|| Error::Damaged(format!("找不到密钥文件“{}”", path.display())))
    }

    /// The logins that have a key slot (the active accounts).
    pub fn logins(&self) -> Result<Vec<String>> {
        Ok(self.key_file()?.slots.into_iter().map(|s| s.login).collect())
    }

    /// Sign-in on a sealed database: the login's slot, argon2id of the password, K unwrapped
    /// (a failure is a wrong password, counted in the key file: five in a row lock the login for
    /// `LOCK_MINUTES`), the database opened, then the usual sign-in inside it.
    pub fn unlock(&self, ctx: &Ctx, login: &str, password: &str) -> Result<Db> {
        let (key, file) = self.unwrap(ctx, login, password)?;
        let mut db = open_with(&self.path, key, &file)?;
        accounts::sign_in(&mut db, ctx, login.trim(), password)?;
        Ok(db)
    }

    /// The password's slot opened: K and the key file (the wrong-password count kept there).
    fn unwrap(&self, ctx: &Ctx, login: &str, password: &str) -> Result<(Key, KeyFile)> {
        let login = login.trim();
        if login.is_empty() {
            return Err(Error::invalid("login", "请输入登录名"));
        }
        if password.is_empty() {
            return Err(Error::invalid("password", "请输入密码"));
        }
        let mut file = self.key_file()?;
        let lower = login.to_lowercase();
        let slots: Vec<&keys::Slot> = file.slots.iter().filter(|s| s.login.to_lowercase() == lower).collect();
        let Some(first) = slots.first() else {
            return Err(Error::invalid("password", "登录名或密码不正确"));
        };
        let shown = first.login.clone();
        let seen = file.attempts.get(&lower).cloned().unwrap_or_default();
        if let Some(until) = seen.locked_until.as_deref().and_then(|t| NaiveDateTime::parse_from_str(t, TS).ok()) {
            if until > ctx.now {
                return Err(accounts::locked(&shown, until));
            }
        }
        let mut key = None;
        for slot in &slots {
            let kek = keys::kek_from_secret(&slot.key.kdf, password)?;
            if let Some(k) = keys::unwrap_key(&kek, &keys::slot_aad(&slot.login), &slot.key) {
                key = Some(k);
                break;
            }
        }
        let key_path = keys::key_file_for(&self.path);
        let Some(key) = key else {
            let failures = seen.failures + 1;
            let err = if failures >= accounts::MAX_FAILURES {
                let until = ctx.now + Duration::minutes(accounts::LOCK_MINUTES);
                file.attempts.insert(lower, keys::Attempts { failures: 0, locked_until: Some(until.format(TS).to_string()) });
                accounts::locked(&shown, until)
            } else {
                file.attempts.insert(lower, keys::Attempts { failures, locked_until: None });
                Error::invalid(
                    "password",
                    format!("密码不正确；再错{}次，账户将锁定{}分钟", accounts::MAX_FAILURES - failures, accounts::LOCK_MINUTES),
                )
            };
            keys::write(&key_path, &file)?;
            return Err(err);
        };
        if file.attempts.remove(&lower).is_some() {
            keys::write(&key_path, &file)?;
        }
        Ok((key, file))
    }

    /// An encrypted database found damaged when it was unlocked (`unlock` answered `damaged`):
    /// the password opens the keys, the damaged file is set aside (never deleted), the backup —
    /// encrypted under any of this office's keys, or plain — goes in its place under the current
    /// key, and the account is signed in on it (`jiandu restore FILE`).
    pub fn restore_damaged(&self, ctx: &Ctx, login: &str, password: &str, src: &Path) -> Result<(Db, crate::model::backup::Restored)> {
        let (key, file) = self.unwrap(ctx, login, password)?;
        let keys = Keys { current: key, history: keys::history_of(&file, &key), file: keys::key_file_for(&self.path) };
        let (mut db, done) = super::restore::restore_damaged_keyed(&self.path, ctx, src, Some(keys))?;
        db.rewrite_slots()?;
        accounts::sign_in(&mut db, ctx, login.trim(), password)?;
        Ok((db, done))
    }

    /// 忘记密码: the recovery code unwraps K; the account gets the new password (the database is
    /// re-keyed) and is signed in.
    pub fn recover(&self, ctx: &Ctx, input: RecoverInput) -> Result<Db> {
        let code = normalize_code(&input.code);
        if code.is_empty() {
            return Err(Error::invalid("code", "请输入恢复密钥（创建管理员时抄写或打印的24位字符）"));
        }
        if input.login.trim().is_empty() {
            return Err(Error::invalid("login", "请输入登录名"));
        }
        accounts::check_password("password", input.login.trim(), &input.password)?;
        let file = self.key_file()?;
        let wrong = || Error::invalid("code", "恢复密钥不正确，请核对抄写的恢复密钥（共24位，不区分大小写）");
        if code.len() != CODE_LEN {
            return Err(Error::invalid("code", format!("恢复密钥应为24位字符，现为{}位", code.len())));
        }
        let slot = file.recovery.as_ref().ok_or_else(wrong)?;
        let kek = keys::kek_from_secret(&slot.kdf, &code)?;
        let key = keys::unwrap_key(&kek, keys::RECOVERY_AAD, slot).ok_or_else(wrong)?;
        let mut db = open_with(&self.path, key, &file)?;
        accounts::reset_with_recovery(&mut db, ctx, &input.login, &input.password, &input.password2)?;
        // A wrong-password lock on that login no longer holds.
        let key_path = keys::key_file_for(&self.path);
        if let Some(mut f) = keys::read(&key_path)? {
            if f.attempts.remove(&input.login.trim().to_lowercase()).is_some() {
                keys::write(&key_path, &f)?;
            }
        }
        Ok(db)
    }
}

/// Opens the encrypted database at `path` whose current key is `key`: tries it, then the earlier
/// keys; a file still under an earlier key (a re-key stopped half-way) is re-keyed to `key` first.
fn open_with(path: &Path, key: Key, file: &KeyFile) -> Result<Db> {
    let history = keys::history_of(file, &key);
    let mut found = None;
    for k in std::iter::once(&key).chain(history.iter()) {
        let conn = Connection::open(path)?;
        if keys::try_key(&conn, k)? {
            found = Some((*k, conn));
            break;
        }
    }
    let Some((k, conn)) = found else {
        return Err(Error::Damaged(format!(
            "{}（密钥文件 {} 与数据库不符：密码正确，但解开的密钥打不开数据库）",
            path.display(),
            keys::KEY_FILE
        )));
    };
    if k != key {
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        conn.execute_batch(&keys::rekey_pragma(&key))?;
    }
    drop(conn);
    Db::open_keyed(path, Keys { current: key, history, file: keys::key_file_for(path) })
}

// ---------------------------------------------------------------- setup and conversion

/// 创建管理员: the first account (`accounts::setup`), then a database in a file is encrypted and
/// the recovery code returned — the only time it is ever shown.
pub fn setup(db: &mut Db, ctx: &Ctx, input: SetupInput) -> Result<SetupDone> {
    let session = accounts::setup(db, ctx, input)?;
    if db.path().is_none() || db.keys().is_some() {
        return Ok(SetupDone { session, recovery_code: None });
    }
    let path = db.path().map(Path::to_path_buf).unwrap_or_default();
    let ctx = Ctx { actor: session.actor(), ..ctx.clone() };
    let plain = std::mem::replace(db, Db::open_in_memory()?);
    match encrypt_in_place(plain, &ctx, false) {
        Ok((keys, code)) => {
            *db = Db::open_keyed(&path, keys)?;
            db.set_session(Some(session.clone()));
            Ok(SetupDone { session, recovery_code: Some(code) })
        }
        Err(e) => {
            // The administrator exists in the plain file; the next start converts it.
            *db = Db::open(&path)?;
            db.set_session(Some(session));
            Err(e)
        }
    }
}

/// The conversion of a plain database with accounts (see the module comment).
fn convert(db: Db, ctx: &Ctx) -> Result<()> {
    backup::take(&db, ctx, BEFORE_ENCRYPT)
        .map_err(|e| Error::Conflict(format!("加密数据库前的备份未完成，数据库保持原样未加密：{e}")))?;
    encrypt_in_place(db, ctx, true).map(|_| ())
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn staging(path: &Path) -> PathBuf {
    sibling(path, ".encrypting")
}

fn remove_staging(path: &Path) {
    let st = staging(path);
    for p in [sibling(&st, "-journal"), sibling(&st, "-wal"), sibling(&st, "-shm"), st] {
        let _ = std::fs::remove_file(p);
    }
}

/// Encrypts the plain database `db` (closed here) into a new file under a new key, with a new
/// recovery code (kept as "pending" in the encrypted settings when `pending`), and puts it in
/// place. Returns the keys and the code.
fn encrypt_in_place(db: Db, ctx: &Ctx, pending: bool) -> Result<(Keys, String)> {
    let path = db.path().map(Path::to_path_buf).ok_or_else(|| Error::Conflict("内存数据库不加密".into()))?;
    let st = staging(&path);
    remove_staging(&path);
    let keys = Keys { current: keys::random_key(), history: Vec::new(), file: keys::key_file_for(&path) };
    let code = new_recovery_code();
    let (kdf, kek) = keys::new_kek(&normalize_code(&code))?;
    let _ = db.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)");
    drop(db);
    keys::encrypt_copy(&path, &st, &keys.current)?;
    let done = (|| -> Result<()> {
        keys::fault("convert:exported")?;
        let mut enc = Db::open_scratch_keyed(&st, &keys.current)?;
        {
            let tx = enc.write_unchecked()?;
            store::put_setting(&tx, keys::RECOVERY_KEY, &keys::recovery_setting(&kdf, &kek))?;
            if pending {
                store::put_setting(&tx, keys::RECOVERY_PENDING_KEY, &code)?;
            }
            let what = serde_json::json!({ "encrypted": "SQLCipher", "recovery_code": if pending { "待管理员抄写" } else { "已交管理员" } });
            store::audit(&tx, ctx, "encrypt", "database", "jiandu.db", None::<&serde_json::Value>, Some(&what))?;
            tx.commit()?;
        }
        keys::write_slots(enc.conn(), &keys, &[])?;
        enc.conn().execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
        drop(enc);
        store::sync_file(&st)?;
        keys::fault("convert:keyfile")?;
        // The plain file's -wal/-shm (empty after the checkpoint) must not meet the new file.
        for suffix in ["-wal", "-shm"] {
            match std::fs::remove_file(sibling(&path, suffix)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        std::fs::rename(&st, &path)?;
        store::sync_dir(&path)?;
        keys::fault("convert:renamed")?;
        Ok(())
    })();
    if let Err(e) = done {
        if keys::is_plain(&path) {
            remove_staging(&path);
        }
        return Err(e);
    }
    Ok((keys, code))
}

// ---------------------------------------------------------------- the pending recovery code

/// The recovery code made at conversion, for an administrator to write down (else `None`).
pub fn pending_recovery(db: &Db) -> Result<Option<String>> {
    match db.session() {
        Some(s) if s.role == crate::model::accounts::Role::Admin => store::get_setting(db.conn(), keys::RECOVERY_PENDING_KEY),
        _ => Ok(None),
    }
}

/// The administrator confirmed having written the code down: it is deleted from the database.
pub fn confirm_recovery(db: &mut Db, ctx: &Ctx) -> Result<()> {
    db.require_admin("恢复密钥")?;
    super::common::in_tx(db, |tx| {
        let n = tx.execute("DELETE FROM settings WHERE key = ?1", [keys::RECOVERY_PENDING_KEY])?;
        if n > 0 {
            let what = serde_json::json!({ "recovery_code": "管理员已抄写，程序不再保存" });
            store::audit(tx, ctx, "update", "settings", keys::RECOVERY_PENDING_KEY, None::<&serde_json::Value>, Some(&what))?;
        }
        Ok(())
    })
}
