//! Local accounts (issue 12): the first administrator, sign-in with a lock after five wrong
//! passwords, sign-out, the administrators' account page, password changes and the idle lock.
//!
//! The password reaches the core only here (`setup`, `sign_in`, `change_password`). When the
//! database is encrypted (SQLCipher, a later step) the same password, at the same moment, will
//! also unwrap the database key: see the note in the accounts report / README.

use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{Duration, NaiveDateTime};
use uuid::Uuid;

use crate::clock::Ctx;
use crate::error::{Error, Result};
use crate::model::accounts::{Account, AccountInput, AuthStatus, PasswordInput, Role, Session, SetupInput};
use crate::model::validate as v;
use crate::service::common::in_tx;
use crate::store::{self, accounts as stored, audit, Db};

/// Wrong passwords in a row before the account locks.
pub const MAX_FAILURES: i64 = 5;
/// How long the lock lasts.
pub const LOCK_MINUTES: i64 = 15;
/// The settings key of the idle time (minutes without input) after which the window locks.
pub const IDLE_KEY: &str = "lock.idle_minutes";
pub const DEFAULT_IDLE_MINUTES: u32 = 15;
pub const MIN_PASSWORD: usize = 8;
pub const MAX_PASSWORD: usize = 128;
/// Longest login and display name.
pub const MAX_NAME: usize = 32;

const TS: &str = "%Y-%m-%d %H:%M:%S";

/// What the window shows first: 创建管理员, 登录, or the app.
pub fn status(db: &Db) -> Result<AuthStatus> {
    if !db.has_accounts()? {
        return Ok(AuthStatus::NeedsSetup);
    }
    let idle_minutes = idle_minutes(db)?;
    Ok(match db.session() {
        Some(s) => AuthStatus::SignedIn { session: s.clone(), idle_minutes },
        None => AuthStatus::SignedOut { idle_minutes },
    })
}

/// The password rules, each broken one named under the field.
pub fn check_password(field: &str, login: &str, password: &str) -> Result<()> {
    let n = password.chars().count();
    if n == 0 {
        return Err(Error::invalid(field, "密码不能为空"));
    }
    if password.chars().any(char::is_control) {
        return Err(Error::invalid(field, "密码不能含有换行、制表符等控制字符"));
    }
    if n < MIN_PASSWORD {
        return Err(Error::invalid(field, format!("密码至少{MIN_PASSWORD}位，现为{n}位")));
    }
    if n > MAX_PASSWORD {
        return Err(Error::invalid(field, format!("密码最多{MAX_PASSWORD}位，现为{n}位")));
    }
    let letters = password.chars().any(|c| c.is_alphabetic());
    let digits = password.chars().any(|c| c.is_ascii_digit());
    let others = password.chars().any(|c| !c.is_alphanumeric());
    if [letters, digits, others].iter().filter(|x| **x).count() < 2 {
        return Err(Error::invalid(field, "密码须包含字母、数字、符号中的至少两种"));
    }
    if !login.trim().is_empty() && password.to_lowercase().contains(&login.trim().to_lowercase()) {
        return Err(Error::invalid(field, "密码不能包含登录名"));
    }
    Ok(())
}

fn check_repeat(password: &str, password2: &str) -> Result<()> {
    if password != password2 {
        return Err(Error::invalid("password2", "两次输入的密码不一致"));
    }
    Ok(())
}

fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    // argon2id v19, m=19 MiB, t=2, p=1 (the crate's defaults, OWASP's recommendation).
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Database(format!("密码加密失败：{e}")))
}

fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok()).unwrap_or(false)
}

fn login_name(raw: &str) -> Result<String> {
    let login = v::required("login", "登录名", raw)?;
    if login.chars().count() > MAX_NAME {
        return Err(Error::invalid("login", format!("登录名不能超过{MAX_NAME}个字")));
    }
    if login.chars().any(char::is_whitespace) {
        return Err(Error::invalid("login", "登录名不能含有空格"));
    }
    Ok(login)
}

fn display_name(raw: &str) -> Result<String> {
    let name = v::required("display_name", "姓名", raw)?;
    if name.chars().count() > MAX_NAME {
        return Err(Error::invalid("display_name", format!("姓名不能超过{MAX_NAME}个字")));
    }
    Ok(name)
}

fn session_of(a: &Account) -> Session {
    Session { account_id: a.id.clone(), login: a.login.clone(), display_name: a.display_name.clone(), role: a.role }
}

/// The first administrator, on a database without accounts; signs them in. From then on every
/// change is written under their name.
pub fn setup(db: &mut Db, ctx: &Ctx, input: SetupInput) -> Result<Session> {
    let login = login_name(&input.login)?;
    let name = display_name(&input.display_name)?;
    check_password("password", &login, &input.password)?;
    check_repeat(&input.password, &input.password2)?;
    if db.has_accounts()? {
        return Err(Error::Conflict("管理员已经创建，请登录".into()));
    }
    let phc = hash(&input.password)?;
    let id = Uuid::new_v4().to_string();
    let session = Session { account_id: id.clone(), login: login.clone(), display_name: name.clone(), role: Role::Admin };
    let ctx = Ctx { actor: session.actor(), ..ctx.clone() };
    let account = Account {
        id,
        login,
        display_name: name,
        role: Role::Admin,
        locked_until: None,
        disabled_at: None,
        created_at: ctx.timestamp(),
        created_by: ctx.actor.clone(),
        updated_at: ctx.timestamp(),
        updated_by: ctx.actor.clone(),
    };
    // No account yet, so no role to check: the write is open, as before accounts existed.
    in_tx(db, |tx| {
        if stored::any(tx)? {
            return Err(Error::Conflict("管理员已经创建，请登录".into()));
        }
        stored::insert(tx, &account, &phc)?;
        audit(tx, &ctx, "create", "account", &account.id, None, Some(&account))
    })?;
    db.set_session(Some(session.clone()));
    Ok(session)
}

/// Checks the password and signs the account in. Five wrong passwords in a row lock the account
/// for `LOCK_MINUTES` (from `ctx`'s clock); the message says until when.
pub fn sign_in(db: &mut Db, ctx: &Ctx, login: &str, password: &str) -> Result<Session> {
    let login = login.trim();
    if login.is_empty() {
        return Err(Error::invalid("login", "请输入登录名"));
    }
    if password.is_empty() {
        return Err(Error::invalid("password", "请输入密码"));
    }
    let Some(found) = stored::by_login(db.conn(), login)? else {
        return Err(Error::invalid("password", "登录名或密码不正确"));
    };
    let a = &found.account;
    if a.disabled_at.is_some() {
        return Err(Error::Forbidden(format!("账户“{}”已停用，请联系管理员", a.login)));
    }
    let now = ctx.now;
    if let Some(until) = a.locked_until.as_deref().and_then(|t| NaiveDateTime::parse_from_str(t, TS).ok()) {
        if until > now {
            return Err(locked(&a.login, until));
        }
    }
    let tx = db.write_unchecked()?;
    if !verify(password, &found.password_hash) {
        let failures = found.failed_count + 1;
        let attempt = Ctx { actor: a.login.clone(), ..ctx.clone() };
        let err = if failures >= MAX_FAILURES {
            let until = now + Duration::minutes(LOCK_MINUTES);
            stored::set_failures(&tx, &a.id, 0, Some(&until.format(TS).to_string()))?;
            audit(&tx, &attempt, "lock", "account", &a.id, None, Some(&serde_json::json!({ "locked_until": until.format(TS).to_string() })))?;
            locked(&a.login, until)
        } else {
            stored::set_failures(&tx, &a.id, failures, None)?;
            audit::<()>(&tx, &attempt, "sign_in_failed", "account", &a.id, None, None)?;
            Error::invalid("password", format!("密码不正确；再错{}次，账户将锁定{LOCK_MINUTES}分钟", MAX_FAILURES - failures))
        };
        tx.commit()?;
        return Err(err);
    }
    stored::set_failures(&tx, &a.id, 0, None)?;
    let session = session_of(a);
    audit::<()>(&tx, &Ctx { actor: session.actor(), ..ctx.clone() }, "sign_in", "account", &a.id, None, None)?;
    tx.commit()?;
    db.set_session(Some(session.clone()));
    Ok(session)
}

pub(crate) fn locked(login: &str, until: NaiveDateTime) -> Error {
    Error::Forbidden(format!(
        "账户“{login}”连续{MAX_FAILURES}次密码错误，已锁定至 {}，请届时再试或请管理员重设密码",
        until.format("%Y-%m-%d %H:%M")
    ))
}

/// Ends the session (the sign-out button, the idle lock).
pub fn sign_out(db: &mut Db) {
    db.sign_out();
}

pub fn list(db: &Db) -> Result<Vec<Account>> {
    db.require_admin("账户管理")?;
    stored::list(db.conn())
}

/// An administrator adds an account or changes one (name, role, disabled). The last live
/// administrator can be neither demoted nor disabled: someone must be able to manage accounts.
pub fn save(db: &mut Db, ctx: &Ctx, input: AccountInput) -> Result<Account> {
    db.require_admin("账户管理")?;
    let login = login_name(&input.login)?;
    let name = display_name(&input.display_name)?;
    let id = input.id.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let new_hash = match (&id, &input.password) {
        (None, Some(p)) => {
            check_password("password", &login, p)?;
            Some(hash(p)?)
        }
        (None, None) => return Err(Error::invalid("password", "新账户须设置初始密码")),
        (Some(_), _) => None,
    };
    let me = db.session().map(|s| s.account_id.clone());
    let saved = in_tx(db, |tx| {
        if let Some(other) = stored::by_login(tx, &login)? {
            if Some(&other.account.id) != id.as_ref() {
                return Err(Error::invalid("login", format!("登录名“{login}”已被使用")));
            }
        }
        match &id {
            None => {
                let a = Account {
                    id: Uuid::new_v4().to_string(),
                    login: login.clone(),
                    display_name: name.clone(),
                    role: input.role,
                    locked_until: None,
                    disabled_at: input.disabled.then(|| ctx.timestamp()),
                    created_at: ctx.timestamp(),
                    created_by: ctx.actor.clone(),
                    updated_at: ctx.timestamp(),
                    updated_by: ctx.actor.clone(),
                };
                stored::insert(tx, &a, new_hash.as_deref().unwrap_or_default())?;
                audit(tx, ctx, "create", "account", &a.id, None, Some(&a))?;
                Ok(a)
            }
            Some(id) => {
                let before = stored::by_id(tx, id)?.ok_or_else(|| Error::not_found("账户"))?.account;
                let stays_admin = input.role == Role::Admin && !input.disabled;
                if before.role == Role::Admin && !stays_admin && stored::other_admins(tx, id)? == 0 {
                    return Err(Error::Conflict("这是唯一的管理员账户，不能改为其他角色或停用；请先另设一名管理员".into()));
                }
                if me.as_deref() == Some(id.as_str()) && input.disabled {
                    return Err(Error::Conflict("不能停用自己正在使用的账户".into()));
                }
                let disabled_at = match (input.disabled, &before.disabled_at) {
                    (true, Some(at)) => Some(at.clone()),
                    (true, None) => Some(ctx.timestamp()),
                    (false, _) => None,
                };
                let a = Account {
                    login: login.clone(),
                    display_name: name.clone(),
                    role: input.role,
                    disabled_at,
                    updated_at: ctx.timestamp(),
                    updated_by: ctx.actor.clone(),
                    ..before.clone()
                };
                stored::update(tx, &a)?;
                audit(tx, ctx, "update", "account", &a.id, Some(&before), Some(&a))?;
                Ok(a)
            }
        }
    })?;
    // ---- encryption at rest: an account added, disabled or renamed changes the key slots.
    db.rewrite_slots()?;
    // ---- end encryption at rest
    // Changing one's own name or role takes effect at once.
    if me.as_deref() == Some(saved.id.as_str()) {
        db.set_session(Some(session_of(&saved)));
    }
    Ok(saved)
}

/// A new password. For one's own account the old password is asked (any role may change its
/// own); for another account only an administrator may, without the old one (重设密码), and the
/// lock is lifted.
pub fn change_password(db: &mut Db, ctx: &Ctx, input: PasswordInput) -> Result<Account> {
    let me = db.session().cloned().ok_or(Error::SignedOut)?;
    let own = me.account_id == input.account_id;
    if !own {
        db.require_admin("重设他人密码")?;
    }
    let target = stored::by_id(db.conn(), &input.account_id)?.ok_or_else(|| Error::not_found("账户"))?;
    if own {
        let old = input.old_password.as_deref().unwrap_or_default();
        if old.is_empty() {
            return Err(Error::invalid("old_password", "请输入原密码"));
        }
        if !verify(old, &target.password_hash) {
            return Err(Error::invalid("old_password", "原密码不正确"));
        }
    }
    check_password("password", &target.account.login, &input.password)?;
    check_repeat(&input.password, &input.password2)?;
    let phc = hash(&input.password)?;
    // ---- encryption at rest: a new password re-keys the database (`Db::rekey_around`).
    db.rekey_around(Some((target.account.login.clone(), phc.clone())), |db| {
        // One's own password is not a record edit: a 查阅员 may change it (the check above is the
        // door: the old password, or an administrator).
        let tx = db.write_unchecked()?;
        stored::set_password(&tx, &target.account.id, &phc, &ctx.timestamp(), &ctx.actor)?;
        let what = serde_json::json!({ "password": if own { "本人修改" } else { "管理员重设" } });
        audit(&tx, ctx, "password", "account", &target.account.id, None, Some(&what))?;
        let after = stored::by_id(&tx, &target.account.id)?.ok_or_else(|| Error::not_found("账户"))?.account;
        tx.commit()?;
        Ok(after)
    })
}

// ---- encryption at rest
/// 忘记密码: the recovery code has already opened the database (`service::crypt::Sealed::recover`);
/// sets the account's new password (audited as 以恢复密钥重设密码), lifts its lock, re-keys, and
/// signs it in.
pub(crate) fn reset_with_recovery(db: &mut Db, ctx: &Ctx, login: &str, password: &str, password2: &str) -> Result<Session> {
    let login = login.trim();
    if login.is_empty() {
        return Err(Error::invalid("login", "请输入登录名"));
    }
    let Some(found) = stored::by_login(db.conn(), login)? else {
        return Err(Error::invalid("login", format!("没有登录名为“{login}”的账户")));
    };
    let a = found.account;
    if a.disabled_at.is_some() {
        return Err(Error::Forbidden(format!("账户“{}”已停用，请联系管理员", a.login)));
    }
    check_password("password", &a.login, password)?;
    check_repeat(password, password2)?;
    let phc = hash(password)?;
    let session = session_of(&a);
    let ctx = Ctx { actor: session.actor(), ..ctx.clone() };
    db.rekey_around(Some((a.login.clone(), phc.clone())), |db| {
        let tx = db.write_unchecked()?;
        stored::set_password(&tx, &a.id, &phc, &ctx.timestamp(), &ctx.actor)?;
        stored::set_failures(&tx, &a.id, 0, None)?;
        let what = serde_json::json!({ "password": "以恢复密钥重设" });
        audit(&tx, &ctx, "recover_password", "account", &a.id, None, Some(&what))?;
        tx.commit()?;
        Ok(())
    })?;
    db.set_session(Some(session.clone()));
    Ok(session)
}
// ---- end encryption at rest

/// Minutes without input before the window locks.
pub fn idle_minutes(db: &Db) -> Result<u32> {
    Ok(store::get_setting(db.conn(), IDLE_KEY)?.and_then(|s| s.trim().parse().ok()).unwrap_or(DEFAULT_IDLE_MINUTES))
}

pub fn set_idle_minutes(db: &mut Db, ctx: &Ctx, minutes: i64) -> Result<u32> {
    db.require_admin("自动锁定时间")?;
    if !(1..=240).contains(&minutes) {
        return Err(Error::invalid("idle_minutes", format!("自动锁定时间应在1至240分钟之间，现为{minutes}")));
    }
    let before = idle_minutes(db)?;
    in_tx(db, |tx| {
        store::put_setting(tx, IDLE_KEY, &minutes.to_string())?;
        audit(tx, ctx, "update", "settings", IDLE_KEY, Some(&before), Some(&(minutes as u32)))
    })?;
    Ok(minutes as u32)
}
