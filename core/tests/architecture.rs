//! The shape of `core/src` that architecture.md promises, checked on the sources: no two modules
//! import each other (directly or round a loop), and what every service shares lives in
//! `service::common`, which imports no service. A module here is a file; an import is any path
//! through `crate::`, `super::`, `self::` or a declared child module, in a `use` or inline.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every module of the crate, as "a::b" ("" for lib.rs), with its source and its child modules.
fn modules(src: &Path) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read core/src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let rel = path.strip_prefix(src).expect("inside src").with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                parts.pop();
            }
            let text = strip_tests_and_comments(&std::fs::read_to_string(&path).expect("read source"));
            let children = declared_children(&text);
            out.insert(parts.join("::"), (text, children));
        }
    }
    out
}

/// Unit tests inside a file may reach anywhere; so may comments.
fn strip_tests_and_comments(text: &str) -> String {
    let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..cut]
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn declared_children(text: &str) -> BTreeSet<String> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            let l = l.strip_prefix("pub ").or_else(|| l.strip_prefix("pub(crate) ")).unwrap_or(l);
            l.strip_prefix("mod ").and_then(|r| r.strip_suffix(';')).map(|n| n.trim().to_string())
        })
        .collect()
}

/// The paths a source names: `a::b::{c, d::e}` use trees expanded, one path per leaf.
fn paths(text: &str) -> Vec<Vec<String>> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_' || chars[i - 1] == ':');
        if starts_word && (chars[i].is_alphabetic() || chars[i] == '_') {
            let (found, end) = path_at(&chars, i, Vec::new());
            out.extend(found.into_iter().filter(|p| p.len() > 1));
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out
}

fn ident(chars: &[char], mut i: usize) -> (String, usize) {
    let start = i;
    while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
        i += 1;
    }
    (chars[start..i].iter().collect(), i)
}

/// Reads `seg::seg::…` or a `{…}` group at `i`, prefixed by `prefix`; returns the leaf paths.
fn path_at(chars: &[char], i: usize, prefix: Vec<String>) -> (Vec<Vec<String>>, usize) {
    let (word, mut j) = ident(chars, i);
    let mut path = prefix;
    path.push(word);
    loop {
        if chars.get(j) == Some(&':') && chars.get(j + 1) == Some(&':') {
            j += 2;
            if chars.get(j) == Some(&'{') {
                let mut all = Vec::new();
                j += 1;
                loop {
                    while j < chars.len() && (chars[j].is_whitespace() || chars[j] == ',') {
                        j += 1;
                    }
                    if j >= chars.len() || chars[j] == '}' {
                        return (if all.is_empty() { vec![path] } else { all }, j + 1);
                    }
                    if chars[j] == '*' {
                        let mut glob = path.clone();
                        glob.push("*".to_string());
                        all.push(glob);
                        j += 1;
                    } else if chars[j].is_alphabetic() || chars[j] == '_' {
                        let (found, end) = path_at(chars, j, path.clone());
                        all.extend(found);
                        j = end;
                        // `x as y`
                        while j < chars.len() && chars[j] != ',' && chars[j] != '}' {
                            j += 1;
                        }
                    } else {
                        j += 1;
                    }
                }
            } else if chars.get(j) == Some(&'*') {
                // A glob names every item of the module: keep it as a path of its own.
                path.push("*".to_string());
                return (vec![path], j + 1);
            } else if chars.get(j).is_some_and(|c| c.is_alphabetic() || *c == '_') {
                let (w, e) = ident(chars, j);
                path.push(w);
                j = e;
            } else {
                return (vec![path], j);
            }
        } else {
            return (vec![path], j);
        }
    }
}

/// The module a path leads to, from module `from`: the longest known module prefix.
fn resolve(path: &[String], from: &str, is_dir_module: bool, children: &BTreeSet<String>, known: &BTreeMap<String, (String, BTreeSet<String>)>) -> Option<String> {
    let here: Vec<String> = if from.is_empty() { vec![] } else { from.split("::").map(str::to_string).collect() };
    let mut abs: Vec<String> = match path[0].as_str() {
        "crate" => vec![],
        "self" => here.clone(),
        "super" => {
            // `super` of a file module is its parent; of a mod.rs module, also its parent.
            let _ = is_dir_module;
            here[..here.len().saturating_sub(1)].to_vec()
        }
        first if children.contains(first) => {
            let mut p = here.clone();
            p.push(first.to_string());
            p.extend(path[1..].iter().cloned());
            return longest(&p, known);
        }
        _ => return None,
    };
    let mut rest = &path[1..];
    while rest.first().is_some_and(|s| s == "super") {
        abs.pop();
        rest = &rest[1..];
    }
    abs.extend(rest.iter().cloned());
    longest(&abs, known)
}

fn longest(path: &[String], known: &BTreeMap<String, (String, BTreeSet<String>)>) -> Option<String> {
    (0..=path.len()).rev().map(|n| path[..n].join("::")).find(|k| known.contains_key(k))
}

fn graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let known = modules(&src);
    let mut g = Graph::new();
    for (name, (text, children)) in &known {
        let deps: BTreeSet<String> = paths(text)
            .iter()
            .filter_map(|p| resolve(p, name, true, children, &known))
            .filter(|d| d != name && !d.is_empty())
            .collect();
        g.insert(name.clone(), deps);
    }
    g
}

/// Each loop of modules that import each other, as the modules on it.
fn cycles(g: &Graph) -> Vec<Vec<String>> {
    // Tarjan's strongly connected components.
    struct State<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on: BTreeSet<&'a str>,
        next: usize,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        s.index.insert(v, s.next);
        s.low.insert(v, s.next);
        s.next += 1;
        s.stack.push(v);
        s.on.insert(v);
        for w in s.g.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(lw));
            } else if s.on.contains(w) {
                let iw = s.index[w];
                let lv = s.low[v];
                s.low.insert(v, lv.min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut comp = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on.remove(w);
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                s.out.push(comp);
            }
        }
    }
    let mut s = State { g, index: BTreeMap::new(), low: BTreeMap::new(), stack: vec![], on: BTreeSet::new(), next: 0, out: vec![] };
    for v in g.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.out
}

#[test]
fn the_import_graph_of_core_has_no_cycle() {
    let g = graph();
    assert!(g.len() > 30, "every module was read: {:?}", g.keys());
    // The reader sees the imports it must: a check that finds nothing proves nothing.
    assert!(g["service::letters::signing"].contains("service::common"), "{:?}", g["service::letters::signing"]);
    assert!(g["service"].contains("service::talks"), "a parent's calls into its child count: {:?}", g["service"]);
    assert!(g["service::talks"].contains("service::talks::plan"), "re-exports count: {:?}", g["service::talks"]);
    let loops = cycles(&g);
    assert!(loops.is_empty(), "modules that import each other: {loops:?}");
}

#[test]
fn the_shared_service_helpers_import_no_service() {
    let g = graph();
    let services: Vec<&String> = g["service::common"].iter().filter(|d| d.starts_with("service")).collect();
    assert!(services.is_empty(), "service::common must stay a leaf: {services:?}");
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut g = Graph::new();
    g.insert("a".into(), ["b".to_string()].into());
    g.insert("b".into(), ["c".to_string()].into());
    g.insert("c".into(), ["a".to_string()].into());
    g.insert("d".into(), ["a".to_string()].into());
    assert_eq!(cycles(&g), vec![vec!["a".to_string(), "b".to_string(), "c".to_string()]]);
    let text = "use crate::x::{y, z::{w as q, v}};\nfn f() { super::k::m(); crate::p::r(); }";
    let found = paths(text);
    for want in [vec!["crate", "x", "y"], vec!["crate", "x", "z", "w"], vec!["crate", "x", "z", "v"], vec!["super", "k", "m"], vec!["crate", "p", "r"]] {
        assert!(found.iter().any(|p| p == &want), "{want:?} in {found:?}");
    }
}

/// The shell's commands run on Tauri's async runtime, never on the window's main thread, where a
/// slow one (a PDF, an export) would freeze the window and WebKit's automation with it.
#[test]
fn every_shell_command_runs_off_the_main_thread() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/src");
    let mut plain = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).expect("read src-tauri/src") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.starts_with("#[tauri::command") {
                seen += 1;
                if line != "#[tauri::command(async)]" && !text.lines().nth(n + 1).is_some_and(|l| l.contains("async fn")) {
                    plain.push(format!("{}:{}", path.display(), n + 1));
                }
            }
        }
    }
    assert!(seen > 100, "the shell's commands were not found ({seen})");
    assert!(plain.is_empty(), "these commands would run on the main thread; write #[tauri::command(async)]: {plain:?}");
}

/// The window's content security policy allows no remote content and no inline script (issue 12):
/// every source is the app itself, data/blob URLs for images and fonts, or the IPC bridge.
#[test]
fn the_window_loads_nothing_remote_and_runs_no_inline_script() {
    let conf: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri/tauri.conf.json")).expect("tauri.conf.json"),
    )
    .expect("json");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    let directives: BTreeMap<&str, Vec<&str>> = csp
        .split(';')
        .filter_map(|d| {
            let mut parts = d.split_whitespace();
            parts.next().map(|name| (name, parts.collect()))
        })
        .collect();
    assert!(directives.contains_key("default-src"), "{csp}");
    let script = directives.get("script-src").or(directives.get("default-src")).expect("script sources");
    assert!(!script.iter().any(|s| s.contains("unsafe")), "inline or eval'd script allowed: {csp}");
    for (name, sources) in &directives {
        for s in sources {
            let local = matches!(*s, "'self'" | "'none'" | "data:" | "blob:" | "ipc:" | "'unsafe-inline'")
                || s.starts_with("http://ipc.localhost");
            assert!(local, "{name} allows {s}, which is not the app itself: {csp}");
            assert!(*s != "'unsafe-inline'" || *name == "style-src", "{name} allows inline content: {csp}");
        }
    }
}
