//! Encryption at rest (issue 12): the database key and the key file `jiandu.keys`.
//!
//! The database is encrypted by SQLCipher with a key K of 32 random bytes, given raw
//! (`PRAGMA key = "x'…'"`, the first statement on every connection). K is never written
//! unwrapped: the key file beside the database holds it wrapped (XChaCha20-Poly1305) once per
//! active account ("slots", LUKS-style) and once under the recovery code, plus the earlier keys
//! (`history`, for older backups) encrypted under K, plus the per-login count of wrong passwords
//! while the database is sealed.
//!
//! A slot's key is SHA-256("jiandu-kek" ‖ the raw argon2id output of the account's password),
//! and that output is exactly the one kept in the account's PHC hash in the `account` table. So
//! whoever has the database open can rebuild every slot without knowing a password: the whole
//! key file is regenerated from the database by ONE function, `write_slots`, after every change
//! of the accounts, a re-key, a restore. The recovery code's slot key is kept in the encrypted
//! database's settings for the same reason.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::password_hash::{PasswordHash, PasswordHasher, SaltString};
use argon2::Argon2;
use chacha20poly1305::aead::{Aead, AeadCore, KeyInit, OsRng, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use super::durable::{partial_name, sync_dir, sync_file};

/// The key file's name, beside the database (and copied into each backup folder).
pub const KEY_FILE: &str = "jiandu.keys";
/// Settings key (inside the encrypted database) of the recovery slot's KDF and key.
pub const RECOVERY_KEY: &str = "crypt.recovery";
/// Settings key of a recovery code made at conversion, shown once to the next administrator.
pub const RECOVERY_PENDING_KEY: &str = "crypt.recovery_pending";

/// A database key (K).
pub type Key = [u8; 32];

/// The keys of an open encrypted database: the current one and the earlier ones.
#[derive(Clone)]
pub struct Keys {
    pub current: Key,
    /// Earlier keys, newest first: older backups were written under them.
    pub history: Vec<Key>,
    /// Where the key file lives (beside the database).
    pub file: PathBuf,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Keys {{ file: {:?}, history: {} }}", self.file, self.history.len())
    }
}

/// Sealing drops the open database and with it its keys: they are wiped, not left in freed memory.
impl Drop for Keys {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.current.zeroize();
        for k in &mut self.history {
            k.zeroize();
        }
    }
}

impl Keys {
    /// Every key this database has had, current first.
    pub fn all(&self) -> Vec<Key> {
        std::iter::once(self.current).chain(self.history.iter().copied()).collect()
    }
}

/// The key file's path for the database at `db_path`.
pub fn key_file_for(db_path: &Path) -> PathBuf {
    db_path.with_file_name(KEY_FILE)
}

pub fn random_key() -> Key {
    let mut k = [0u8; 32];
    use chacha20poly1305::aead::rand_core::RngCore;
    OsRng.fill_bytes(&mut k);
    k
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok()).collect()
}

fn key_of(bytes: &[u8]) -> Option<Key> {
    bytes.try_into().ok()
}

/// The statement that gives SQLCipher the raw key (no KDF of its own: K is random already).
pub fn key_pragma(key: &Key) -> String {
    format!("PRAGMA key = \"x'{}'\";", hex(key))
}

pub fn rekey_pragma(key: &Key) -> String {
    format!("PRAGMA rekey = \"x'{}'\";", hex(key))
}

/// Keys `conn` with `key` and checks that it reads the file: `Ok(false)` when the key does not fit.
pub fn try_key(conn: &Connection, key: &Key) -> Result<bool> {
    // A key that does not fit is an expected answer here, not an error for SQLCipher's log.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE;");
    conn.execute_batch(&key_pragma(key))?;
    Ok(conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get::<_, i64>(0)).is_ok())
}

/// Writes an encrypted copy of the plain database at `plain` to `dest` under `key`
/// (`sqlcipher_export`), with the same `user_version` and `application_id`.
pub fn encrypt_copy(plain: &Path, dest: &Path, key: &Key) -> Result<()> {
    let _ = std::fs::remove_file(dest);
    let conn = export_connection(plain)?;
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let app_id: i64 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    conn.execute(&format!("ATTACH DATABASE ?1 AS enc KEY \"x'{}'\"", hex(key)), [dest.to_string_lossy().as_ref()])?;
    let done = conn
        .query_row("SELECT sqlcipher_export('enc')", [], |_| Ok(()))
        .and_then(|_| conn.execute_batch(&format!("PRAGMA enc.user_version = {version}; PRAGMA enc.application_id = {app_id};")));
    let _ = conn.execute_batch("DETACH DATABASE enc");
    drop(conn);
    if let Err(e) = done {
        let _ = std::fs::remove_file(dest);
        return Err(e.into());
    }
    Ok(())
}

/// A connection that has `sqlcipher_export`. SQLCipher registers it as an auto-extension at the
/// end of its one-time initialisation, after marking itself initialised: a connection opened by
/// another thread in that instant lacks it, so the check and a fresh connection.
fn export_connection(path: &Path) -> Result<Connection> {
    for _ in 0..50 {
        let conn = Connection::open(path)?;
        let has: bool = conn.query_row("SELECT EXISTS (SELECT 1 FROM pragma_function_list WHERE name = 'sqlcipher_export')", [], |r| r.get(0))?;
        if has {
            return Ok(conn);
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    Err(Error::Database("SQLCipher 未提供 sqlcipher_export".into()))
}

/// Whether the file at `path` starts like a plain (unencrypted) SQLite database.
pub fn is_plain(path: &Path) -> bool {
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path).and_then(|mut f| std::io::Read::read(&mut f, &mut head)).unwrap_or(0);
    n == 16 && &head == b"SQLite format 3\0"
}

// ---------------------------------------------------------------- the file

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Wrapped {
    /// The argon2id PHC string without its output: algorithm, version, parameters and salt.
    pub kdf: String,
    pub nonce: String,
    pub wrapped: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Slot {
    pub login: String,
    #[serde(flatten)]
    pub key: Wrapped,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Attempts {
    pub failures: i64,
    pub locked_until: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct KeyFile {
    pub version: u32,
    pub slots: Vec<Slot>,
    pub recovery: Option<Wrapped>,
    /// The earlier keys (hex, newest first) as JSON, encrypted under the current key.
    pub history: Option<Wrapped>,
    #[serde(default)]
    pub attempts: BTreeMap<String, Attempts>,
}

pub fn read(path: &Path) -> Result<Option<KeyFile>> {
    match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|e| Error::Damaged(format!("密钥文件“{}”无法读取（{e}）", path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Writes the key file durably: `.partial`, fsync, rename, fsync of the folder.
pub fn write(path: &Path, file: &KeyFile) -> Result<()> {
    let tmp = partial_name(path);
    let bytes = serde_json::to_vec_pretty(file)?;
    let out = std::fs::write(&tmp, bytes)
        .map_err(Error::from)
        .and_then(|_| sync_file(&tmp))
        .and_then(|_| Ok(std::fs::rename(&tmp, path)?))
        .and_then(|_| sync_dir(path));
    if out.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    out
}

// ---------------------------------------------------------------- wrapping

/// The slot key from argon2id's raw output.
pub fn kek_from_output(output: &[u8]) -> Key {
    let mut h = Sha256::new();
    h.update(b"jiandu-kek");
    h.update(output);
    h.finalize().into()
}

/// (the PHC string without its output, the slot key) of a stored PHC hash.
pub fn kek_from_phc(phc: &str) -> Result<(String, Key)> {
    let parsed = PasswordHash::new(phc).map_err(|e| Error::Database(format!("账户密码散列无法解析：{e}")))?;
    let output = parsed.hash.ok_or_else(|| Error::Database("账户密码散列缺少输出".into()))?;
    let kdf = phc.rsplit_once('$').map(|(head, _)| head.to_string()).unwrap_or_default();
    Ok((kdf, kek_from_output(output.as_bytes())))
}

/// The slot key for `secret` under the slot's KDF string (the same computation as the hash
/// in the `account` table).
pub fn kek_from_secret(kdf: &str, secret: &str) -> Result<Key> {
    let parsed = PasswordHash::new(kdf).map_err(|e| Error::Damaged(format!("密钥文件中的参数无法解析：{e}")))?;
    let salt = parsed.salt.ok_or_else(|| Error::Damaged("密钥文件中缺少盐值".into()))?;
    let params = argon2::Params::try_from(&parsed).map_err(|e| Error::Damaged(format!("密钥文件中的参数无效：{e}")))?;
    let hashed = Argon2::default()
        .hash_password_customized(secret.as_bytes(), Some(parsed.algorithm), parsed.version, params, salt)
        .map_err(|e| Error::Database(format!("密钥计算失败：{e}")))?;
    let output = hashed.hash.ok_or_else(|| Error::Database("密钥计算无输出".into()))?;
    Ok(kek_from_output(output.as_bytes()))
}

/// A fresh argon2id hash of `secret` (random salt, default parameters): (kdf string, slot key).
pub fn new_kek(secret: &str) -> Result<(String, Key)> {
    let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
    let phc = Argon2::default()
        .hash_password(secret.as_bytes(), &salt)
        .map_err(|e| Error::Database(format!("密钥计算失败：{e}")))?
        .to_string();
    kek_from_phc(&phc)
}

pub fn seal(kek: &Key, kdf: &str, aad: &str, plain: &[u8]) -> Result<Wrapped> {
    let cipher = XChaCha20Poly1305::new(kek.into());
    let nonce = XChaCha20Poly1305::generate_nonce(&mut OsRng);
    let wrapped = cipher
        .encrypt(&nonce, Payload { msg: plain, aad: aad.as_bytes() })
        .map_err(|_| Error::Database("密钥加密失败".into()))?;
    Ok(Wrapped { kdf: kdf.to_string(), nonce: hex(&nonce), wrapped: hex(&wrapped) })
}

/// `None` when the key does not open it (a wrong password, or a slot changed by hand).
pub fn open(kek: &Key, aad: &str, w: &Wrapped) -> Option<Vec<u8>> {
    let nonce = unhex(&w.nonce).filter(|n| n.len() == 24)?;
    let ct = unhex(&w.wrapped)?;
    XChaCha20Poly1305::new(kek.into()).decrypt(XNonce::from_slice(&nonce), Payload { msg: &ct, aad: aad.as_bytes() }).ok()
}

pub fn slot_aad(login: &str) -> String {
    format!("jiandu-slot:{}", login.to_lowercase())
}
pub const RECOVERY_AAD: &str = "jiandu-slot:recovery";
const HISTORY_AAD: &str = "jiandu-history";

/// Unwraps K from a slot with its slot key.
pub fn unwrap_key(kek: &Key, aad: &str, w: &Wrapped) -> Option<Key> {
    open(kek, aad, w).and_then(|k| key_of(&k))
}

/// The earlier keys, decrypted with the current key.
pub fn history_of(file: &KeyFile, current: &Key) -> Vec<Key> {
    let Some(w) = &file.history else { return Vec::new() };
    let Some(plain) = open(current, HISTORY_AAD, w) else { return Vec::new() };
    let hexes: Vec<String> = serde_json::from_slice(&plain).unwrap_or_default();
    hexes.iter().filter_map(|h| unhex(h).and_then(|b| key_of(&b))).collect()
}

/// The recovery slot's (kdf string, slot key) as kept in the database's settings.
pub fn recovery_of(conn: &Connection) -> Result<Option<(String, Key)>> {
    use rusqlite::OptionalExtension;
    let raw: Option<String> = conn.query_row("SELECT value FROM settings WHERE key = ?1", [RECOVERY_KEY], |r| r.get(0)).optional()?;
    let Some(raw) = raw else { return Ok(None) };
    let v: serde_json::Value = serde_json::from_str(&raw)?;
    let kdf = v["kdf"].as_str().unwrap_or_default().to_string();
    let kek = v["kek"].as_str().and_then(unhex).and_then(|b| key_of(&b));
    Ok(kek.map(|k| (kdf, k)))
}

pub fn recovery_setting(kdf: &str, kek: &Key) -> String {
    serde_json::json!({ "kdf": kdf, "kek": hex(kek) }).to_string()
}

/// Regenerates the whole key file from the database open on `conn`: one slot per active account
/// (from its PHC hash), the recovery slot (from the settings), the history under the current
/// key. `extra` adds slots for (login, PHC) pairs not yet in the table (a password change about to
/// be committed). The wrong-password counts already in the file are kept.
pub fn write_slots(conn: &Connection, keys: &Keys, extra: &[(String, String)]) -> Result<()> {
    let mut stmt = conn.prepare("SELECT login, password_hash FROM account WHERE disabled_at IS NULL ORDER BY login")?;
    let mut accounts = stmt
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    accounts.extend(extra.iter().cloned());
    let mut slots = Vec::new();
    for (login, phc) in &accounts {
        let (kdf, kek) = kek_from_phc(phc)?;
        slots.push(Slot { login: login.clone(), key: seal(&kek, &kdf, &slot_aad(login), &keys.current)? });
    }
    let recovery = match recovery_of(conn)? {
        Some((kdf, kek)) => Some(seal(&kek, &kdf, RECOVERY_AAD, &keys.current)?),
        None => None,
    };
    let history = if keys.history.is_empty() {
        None
    } else {
        let hexes: Vec<String> = keys.history.iter().map(|k| hex(k)).collect();
        Some(seal(&keys.current, "", HISTORY_AAD, &serde_json::to_vec(&hexes)?)?)
    };
    let attempts = read(&keys.file).ok().flatten().map(|f| f.attempts).unwrap_or_default();
    write(&keys.file, &KeyFile { version: 1, slots, recovery, history, attempts })
}

// ---------------------------------------------------------------- fault tests

thread_local! {
    static FAULT: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// For the fault tests: the next time the re-key or the conversion reaches `step`, it stops
/// there with an error, as if the process had been killed (everything before it is on disk).
/// Steps: `rekey:keyfile`, `rekey:changed`, `rekey:rekeyed`, `convert:exported`,
/// `convert:keyfile`, `convert:renamed`. Per thread, so parallel tests do not meet.
#[doc(hidden)]
pub fn inject_fault(step: Option<&'static str>) {
    FAULT.with(|f| f.set(step));
}

pub(crate) fn fault(step: &str) -> Result<()> {
    if FAULT.with(|f| f.get()) == Some(step) {
        FAULT.with(|f| f.set(None));
        return Err(Error::Io(format!("（测试）在“{step}”处中断")));
    }
    Ok(())
}
