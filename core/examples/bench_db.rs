//! Writes a database for measuring the window on it (`scripts/bench-start.py`): the demo county
//! (`--demo`), the benches' generated county (`--county`) or city (`--city`: 50,000 people, ten
//! years of records), with an administrator account (`--admin LOGIN:PASSWORD`) so the window opens
//! on its sign-in screen as in an office.
//! `cargo run --release -p jiandu-core --example bench_db -- --city --admin ceshi:Jiandu-2026x DIR/jiandu.db`

#[path = "../benches/city/mod.rs"]
mod city;

use jiandu_core::model::accounts::SetupInput;
use jiandu_core::{service, Ctx, Db};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = "usage: bench_db --demo|--county|--city [--admin LOGIN:PASSWORD] FILE";
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let admin = args.iter().position(|a| a == "--admin").and_then(|i| args.get(i + 1)).cloned();
    let path = args.iter().enumerate().filter(|(i, a)| !a.starts_with("--") && args.get(i.wrapping_sub(1)).map(String::as_str) != Some("--admin")).map(|(_, a)| a).next_back().ok_or(usage)?;
    let path = std::path::Path::new(path);
    if path.exists() {
        return Err(format!("{} exists: give a new file", path.display()).into());
    }
    let today = chrono::Local::now().date_naive();
    let mut db = Db::open(path)?;
    if has("--demo") {
        let summary = jiandu_core::demo::load(&mut db, &Ctx::system("示范数据"))?;
        println!("{}: the demo county ({summary:?})", path.display());
    } else {
        let size = if has("--city") { &city::CITY } else if has("--county") { &city::COUNTY } else { return Err(usage.into()) };
        let items = city::generate(&mut db, size, today)?;
        db.conn().execute_batch("ANALYZE")?;
        println!("{}: {} people, {} talks, {items} rectification items", path.display(), size.people, size.talks);
    }
    if let Some(admin) = admin {
        let (login, password) = admin.split_once(':').ok_or(usage)?;
        let input = SetupInput { login: login.into(), display_name: "基准测试".into(), password: password.into(), password2: password.into() };
        // As the window's 创建管理员 does: the database is encrypted with the new account's key.
        service::crypt::setup(&mut db, &Ctx::system("基准测试"), input)?;
        println!("administrator {login} created");
    }
    Ok(())
}
