//! Font discovery and loading for printed documents: the four GB/T 9704 roles (小标宋, 仿宋, 楷体,
//! 黑体), the office's official fonts when installed, free Debian stand-ins otherwise, and a
//! character-by-character fallback so a rare name (𠮷, 䶮) is never a blank box.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use allsorts::tag;

use super::error::PdfError;

/// What a font does on the page, in the words of GB/T 9704.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub enum FontRole {
    /// 标题、发文机关标志：小标宋
    Title,
    /// 正文：仿宋
    Body,
    /// 二级标题「（一）」：楷体
    Kai,
    /// 一级标题「一、」：黑体
    Hei,
}

impl FontRole {
    pub const ALL: [FontRole; 4] = [
        FontRole::Title,
        FontRole::Body,
        FontRole::Kai,
        FontRole::Hei,
    ];

    /// The role's name as the settings page shows it.
    pub fn label(self) -> &'static str {
        match self {
            FontRole::Title => "标题（小标宋）",
            FontRole::Body => "正文（仿宋）",
            FontRole::Kai => "楷体",
            FontRole::Hei => "黑体",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Which font serves one role, for the settings page.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct RoleFont {
    pub role: FontRole,
    pub role_label: String,
    pub family: String,
    pub path: PathBuf,
    pub face_index: usize,
    /// true when it is the font the standard names (方正小标宋简体, 仿宋_GB2312 …), false for a
    /// free stand-in.
    pub official: bool,
}

/// Which fonts a [`FontSet`] uses: one entry per role, plus the full-coverage fallbacks.
#[derive(Debug, Clone, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FontReport {
    pub roles: Vec<RoleFont>,
    /// Faces tried, in order, for a character the role's font lacks.
    pub fallbacks: Vec<String>,
}

/// Where to look for fonts. `extra_dirs` come first (the office's configured font folder).
#[derive(Debug, Clone, Default)]
pub struct FontConfig {
    pub extra_dirs: Vec<PathBuf>,
    /// Skip the official fonts even when installed (tests that need stable metrics).
    pub substitutes_only: bool,
}

/// The directories fonts are usually installed in on Windows and Linux desktops.
pub fn default_font_dirs() -> Vec<PathBuf> {
    let mut dirs = Vec::new();
    if let Some(windir) = std::env::var_os("WINDIR") {
        dirs.push(PathBuf::from(windir).join("Fonts"));
    }
    dirs.push(PathBuf::from("C:\\Windows\\Fonts"));
    if let Some(local) = std::env::var_os("LOCALAPPDATA") {
        dirs.push(
            PathBuf::from(local)
                .join("Microsoft")
                .join("Windows")
                .join("Fonts"),
        );
    }
    if let Some(home) = dirs::home_dir() {
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    dirs.push(PathBuf::from("/usr/share/fonts"));
    dirs.push(PathBuf::from("/usr/local/share/fonts"));
    dirs
}

struct Candidate {
    /// Face names (family, typographic family or full name; any language) that match.
    names: &'static [&'static str],
    /// Lower-case fragments that must all occur in the file name ("" for none).
    file_contains: &'static [&'static str],
    official: bool,
}

const fn official(names: &'static [&'static str]) -> Candidate {
    Candidate {
        names,
        file_contains: &[],
        official: true,
    }
}

const fn substitute(
    names: &'static [&'static str],
    file_contains: &'static [&'static str],
) -> Candidate {
    Candidate {
        names,
        file_contains,
        official: false,
    }
}

fn candidates(role: FontRole) -> &'static [Candidate] {
    // Order is preference. Free stand-ins per shared/notes/printpdf-0.12.md: WenQuanYi and
    // LXGW are left out on purpose (half-width quotes break the grid).
    const TITLE: &[Candidate] = &[
        official(&[
            "方正小标宋简体",
            "FZXiaoBiaoSong-B05S",
            "方正小标宋_GBK",
            "FZXiaoBiaoSong-B05",
            "方正小标宋",
        ]),
        substitute(&["Noto Serif CJK SC"], &["notoserifcjk-bold"]),
        substitute(
            &["Noto Serif CJK SC", "Noto Serif SC"],
            &["notoserif", "bold"],
        ),
        substitute(&["Noto Serif CJK SC"], &["notoserifcjk"]),
        substitute(&["Noto Sans CJK SC"], &["notosanscjk-bold"]),
    ];
    const BODY: &[Candidate] = &[
        official(&["仿宋_GB2312", "FangSong_GB2312"]),
        official(&[
            "仿宋",
            "FangSong",
            "方正仿宋_GBK",
            "方正仿宋简体",
            "FZFangSong-Z02S",
        ]),
        substitute(&["Noto Serif CJK SC"], &["notoserifcjk-light"]),
        substitute(
            &["Noto Serif CJK SC", "Noto Serif SC"],
            &["notoserif", "-light"],
        ),
        substitute(&["AR PL SungtiL GB"], &[]),
        substitute(&["Noto Serif CJK SC"], &["notoserifcjk-regular"]),
    ];
    const KAI: &[Candidate] = &[
        official(&["楷体_GB2312", "KaiTi_GB2312"]),
        official(&[
            "楷体",
            "KaiTi",
            "方正楷体_GBK",
            "方正楷体简体",
            "FZKai-Z03S",
        ]),
        substitute(&["AR PL KaitiM GB"], &[]),
        substitute(&["Noto Serif CJK SC"], &["notoserifcjk-regular"]),
    ];
    const HEI: &[Candidate] = &[
        official(&[
            "黑体",
            "SimHei",
            "方正黑体_GBK",
            "方正黑体简体",
            "FZHei-B01S",
        ]),
        substitute(&["Noto Sans CJK SC"], &["notosanscjk-regular"]),
        substitute(
            &["Noto Sans CJK SC", "Noto Sans SC"],
            &["notosans", "regular"],
        ),
        substitute(&["Noto Sans CJK SC"], &["notosanscjk", "medium"]),
    ];
    match role {
        FontRole::Title => TITLE,
        FontRole::Body => BODY,
        FontRole::Kai => KAI,
        FontRole::Hei => HEI,
    }
}

/// Full-coverage faces (CJK Ext. A/B …) tried for a character the role's face lacks.
const FALLBACKS: &[Candidate] = &[
    substitute(&["Noto Serif CJK SC"], &["notoserifcjk-regular"]),
    substitute(&["Noto Sans CJK SC"], &["notosanscjk-regular"]),
    substitute(&["Noto Serif CJK SC"], &["notoserifcjk"]),
    substitute(&["Noto Sans CJK SC"], &["notosanscjk"]),
    official(&["SimSun-ExtB", "MingLiU-ExtB"]),
    official(&["SimSun", "宋体", "Microsoft YaHei", "微软雅黑"]),
    substitute(&["AR PL SungtiL GB"], &[]),
];

/// One face found on disk: where it is and the names it answers to.
#[derive(Debug, Clone)]
struct ScannedFace {
    path: PathBuf,
    index: usize,
    names: Vec<String>,
}

fn scan_dirs(dirs: &[PathBuf]) -> Vec<ScannedFace> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for dir in dirs {
        scan_dir(dir, 0, &mut out, &mut seen);
    }
    out
}

fn scan_dir(
    dir: &Path,
    depth: u32,
    out: &mut Vec<ScannedFace>,
    seen: &mut std::collections::HashSet<PathBuf>,
) {
    if depth > 4 {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            scan_dir(&path, depth + 1, out, seen);
            continue;
        }
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase())
            .unwrap_or_default();
        if !matches!(ext.as_str(), "ttf" | "otf" | "ttc" | "otc") {
            continue;
        }
        let canonical = path.canonicalize().unwrap_or_else(|_| path.clone());
        if !seen.insert(canonical) {
            continue;
        }
        if let Ok(faces) = read_face_names(&path) {
            for (index, names) in faces.into_iter().enumerate() {
                out.push(ScannedFace {
                    path: path.clone(),
                    index,
                    names,
                });
            }
        }
    }
}

/// Reads only the headers and `name` tables of a font file (no need to load 20 MB to learn
/// that a file is not 仿宋).
fn read_face_names(path: &Path) -> std::io::Result<Vec<Vec<String>>> {
    let mut file = File::open(path)?;
    let mut head = [0u8; 12];
    file.read_exact(&mut head)?;
    let offsets: Vec<u64> = if &head[0..4] == b"ttcf" {
        let count = u32::from_be_bytes([head[8], head[9], head[10], head[11]]).min(64) as usize;
        let mut buf = vec![0u8; count * 4];
        file.read_exact(&mut buf)?;
        buf.chunks_exact(4)
            .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]) as u64)
            .collect()
    } else {
        vec![0]
    };
    let mut faces = Vec::new();
    for offset in offsets {
        faces.push(read_names_at(&mut file, offset).unwrap_or_default());
    }
    Ok(faces)
}

fn read_names_at(file: &mut File, offset: u64) -> std::io::Result<Vec<String>> {
    let mut dir = [0u8; 12];
    file.seek(SeekFrom::Start(offset))?;
    file.read_exact(&mut dir)?;
    let num_tables = u16::from_be_bytes([dir[4], dir[5]]) as usize;
    let mut records = vec![0u8; num_tables.min(256) * 16];
    file.read_exact(&mut records)?;
    let Some(rec) = records.chunks_exact(16).find(|r| &r[0..4] == b"name") else {
        return Ok(Vec::new());
    };
    let table_offset = u32::from_be_bytes([rec[8], rec[9], rec[10], rec[11]]) as u64;
    let length = (u32::from_be_bytes([rec[12], rec[13], rec[14], rec[15]]) as usize).min(1 << 20);
    let mut table = vec![0u8; length];
    file.seek(SeekFrom::Start(table_offset))?;
    file.read_exact(&mut table)?;
    Ok(parse_name_table(&table))
}

fn be16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes([*data.get(at)?, *data.get(at + 1)?]))
}

fn parse_name_table(table: &[u8]) -> Vec<String> {
    let mut names = Vec::new();
    let (Some(count), Some(storage)) = (be16(table, 2), be16(table, 4)) else {
        return names;
    };
    for i in 0..count as usize {
        let base = 6 + i * 12;
        let (Some(platform), Some(name_id), Some(len), Some(off)) = (
            be16(table, base),
            be16(table, base + 6),
            be16(table, base + 8),
            be16(table, base + 10),
        ) else {
            break;
        };
        if !matches!(name_id, 1 | 4 | 6 | 16) {
            continue;
        }
        let start = storage as usize + off as usize;
        let Some(raw) = table.get(start..start + len as usize) else {
            continue;
        };
        let text = if platform == 0 || platform == 3 {
            let units: Vec<u16> = raw
                .chunks_exact(2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            String::from_utf16_lossy(&units)
        } else if raw.is_ascii() {
            String::from_utf8_lossy(raw).into_owned()
        } else {
            continue; // Mac legacy encodings: the Windows records carry the same names.
        };
        let text = text.trim().to_string();
        if !text.is_empty() && !names.contains(&text) {
            names.push(text);
        }
    }
    names
}

fn find_candidate<'a>(faces: &'a [ScannedFace], cand: &Candidate) -> Option<&'a ScannedFace> {
    faces.iter().find(|face| {
        let file = face
            .path
            .file_name()
            .map(|f| f.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        cand.file_contains.iter().all(|frag| file.contains(frag))
            && face
                .names
                .iter()
                .any(|n| cand.names.iter().any(|c| n.eq_ignore_ascii_case(c)))
    })
}

/// One loaded face: its bytes, its character map and advances.
pub struct FontFace {
    pub family: String,
    pub path: PathBuf,
    pub face_index: usize,
    pub official: bool,
    postscript_name: String,
    bytes: Arc<Vec<u8>>,
    cmap: HashMap<u32, u16>,
    advances: Vec<u16>,
    units_per_em: u16,
}

impl std::fmt::Debug for FontFace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontFace")
            .field("family", &self.family)
            .field("path", &self.path)
            .field("face_index", &self.face_index)
            .finish()
    }
}

impl FontFace {
    fn load(scanned: &ScannedFace, official: bool) -> Result<FontFace, PdfError> {
        let bad = |why: String| PdfError::FontUnreadable {
            path: scanned.path.clone(),
            reason: why,
        };
        let bytes = std::fs::read(&scanned.path).map_err(|e| bad(e.to_string()))?;
        let bytes = Arc::new(bytes);
        let (advances, map, units_per_em) = Self::parse(&bytes, scanned.index).map_err(bad)?;
        let postscript_name = scanned
            .names
            .iter()
            .find(|n| !n.contains(' ') && n.is_ascii())
            .cloned()
            .unwrap_or_else(|| format!("JianduFont{}", scanned.index));
        let family = pick_family(&scanned.names);
        Ok(FontFace {
            family,
            path: scanned.path.clone(),
            face_index: scanned.index,
            official,
            postscript_name,
            bytes,
            cmap: map,
            advances,
            units_per_em,
        })
    }

    #[allow(clippy::type_complexity)]
    fn parse(bytes: &[u8], index: usize) -> Result<(Vec<u16>, HashMap<u32, u16>, u16), String> {
        let bad = |why: String| why;
        let font_file = ReadScope::new(bytes)
            .read::<FontData<'_>>()
            .map_err(|e| bad(e.to_string()))?;
        let provider = font_file
            .table_provider(index)
            .map_err(|e| bad(e.to_string()))?;
        let read = |t: u32| provider.read_table_data(t).map_err(|e| bad(e.to_string()));
        let head_data = read(tag::HEAD)?;
        let head = ReadScope::new(&head_data)
            .read::<HeadTable>()
            .map_err(|e| bad(e.to_string()))?;
        let maxp_data = read(tag::MAXP)?;
        let maxp = ReadScope::new(&maxp_data)
            .read::<MaxpTable>()
            .map_err(|e| bad(e.to_string()))?;
        let hhea_data = read(tag::HHEA)?;
        let hhea = ReadScope::new(&hhea_data)
            .read::<HheaTable>()
            .map_err(|e| bad(e.to_string()))?;
        let hmtx_data = read(tag::HMTX)?;
        let hmtx = ReadScope::new(&hmtx_data)
            .read_dep::<HmtxTable<'_>>((
                usize::from(maxp.num_glyphs),
                usize::from(hhea.num_h_metrics),
            ))
            .map_err(|e| bad(e.to_string()))?;
        let advances: Vec<u16> = (0..maxp.num_glyphs)
            .map(|gid| hmtx.horizontal_advance(gid).unwrap_or(0))
            .collect();
        let cmap_data = read(tag::CMAP)?;
        let cmap = ReadScope::new(&cmap_data)
            .read::<Cmap<'_>>()
            .map_err(|e| bad(e.to_string()))?;
        let subtable = allsorts::font::read_cmap_subtable(&cmap)
            .map_err(|e| bad(e.to_string()))?
            .ok_or_else(|| bad("没有 Unicode 字符映射表".to_string()))?;
        let mut map = HashMap::with_capacity(40_000);
        subtable
            .1
            .mappings_fn(|cp, gid| {
                if gid != 0 {
                    map.insert(cp, gid);
                }
            })
            .map_err(|e| bad(e.to_string()))?;
        Ok((advances, map, head.units_per_em.max(1)))
    }

    /// Glyph id of `ch`, or None when the face has no glyph for it.
    pub fn glyph(&self, ch: char) -> Option<u16> {
        self.cmap.get(&(ch as u32)).copied()
    }

    /// Advance of `gid` in thousandths of an em, truncated the way printpdf writes `/W`.
    pub fn advance_1000(&self, gid: u16) -> i64 {
        let raw = self.advances.get(gid as usize).copied().unwrap_or(0) as i64;
        raw * 1000 / self.units_per_em as i64
    }

    /// Builds a standalone font holding `.notdef` plus `gids` (sorted, unique), renumbered to
    /// their position; returns the new bytes.
    pub(crate) fn subset(&self, gids: &[u16]) -> Result<Vec<u8>, PdfError> {
        let bad = |why: String| PdfError::FontUnreadable {
            path: self.path.clone(),
            reason: why,
        };
        let font_file = ReadScope::new(self.bytes.as_slice())
            .read::<FontData<'_>>()
            .map_err(|e| bad(e.to_string()))?;
        let provider = font_file
            .table_provider(self.face_index)
            .map_err(|e| bad(e.to_string()))?;
        let ids: Vec<u16> = std::iter::once(0)
            .chain(gids.iter().copied().filter(|g| *g != 0))
            .collect();
        allsorts::subset::subset(
            &provider,
            &ids,
            &allsorts::subset::SubsetProfile::Pdf,
            allsorts::subset::CmapTarget::Unicode,
        )
        .map_err(|e| PdfError::Subset {
            family: self.family.clone(),
            reason: e.to_string(),
        })
    }

    pub(crate) fn postscript_name(&self) -> &str {
        &self.postscript_name
    }
}

/// The family shown to the user: a Chinese name when the font has one, else the first name.
fn pick_family(names: &[String]) -> String {
    names
        .iter()
        .find(|n| n.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)))
        .or_else(|| names.first())
        .cloned()
        .unwrap_or_else(|| "未命名字体".to_string())
}

/// The fonts of one office, loaded once and shared by every document rendered.
pub struct FontSet {
    /// Faces[0..4] serve the roles (indices may repeat); the rest are fallbacks.
    faces: Vec<FontFace>,
    role_face: [usize; 4],
    /// Fallback faces not yet read from disk: loaded on the first character that needs them.
    lazy_fallbacks: Vec<(ScannedFace, OnceLock<Option<FontFace>>)>,
}

impl std::fmt::Debug for FontSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FontSet")
            .field("faces", &self.faces)
            .finish()
    }
}

/// Identifies a face inside a [`FontSet`]: a role face or a fallback.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FaceId {
    Loaded(usize),
    Fallback(usize),
}

impl FontSet {
    /// Finds and loads the fonts in the usual places plus `config.extra_dirs`.
    pub fn load(config: &FontConfig) -> Result<FontSet, PdfError> {
        let mut dirs = config.extra_dirs.clone();
        dirs.extend(default_font_dirs());
        let scanned = scan_dirs(&dirs);
        let mut faces: Vec<FontFace> = Vec::new();
        let mut chosen: Vec<(PathBuf, usize)> = Vec::new();
        let mut role_face = [0usize; 4];
        for role in FontRole::ALL {
            let found = candidates(role)
                .iter()
                .filter(|c| !(config.substitutes_only && c.official))
                .find_map(|c| find_candidate(&scanned, c).map(|f| (f, c.official)));
            let Some((face, official)) = found else {
                return Err(PdfError::FontMissing {
                    role: role.label().to_string(),
                });
            };
            let key = (face.path.clone(), face.index);
            let index = match chosen.iter().position(|k| *k == key) {
                Some(i) => i,
                None => {
                    faces.push(FontFace::load(face, official)?);
                    chosen.push(key);
                    faces.len() - 1
                }
            };
            role_face[role.index()] = index;
        }
        let mut lazy_fallbacks = Vec::new();
        for cand in FALLBACKS {
            if let Some(face) = find_candidate(&scanned, cand) {
                let key = (face.path.clone(), face.index);
                if !chosen.contains(&key) {
                    chosen.push(key);
                    lazy_fallbacks.push((face.clone(), OnceLock::new()));
                }
            }
        }
        Ok(FontSet {
            faces,
            role_face,
            lazy_fallbacks,
        })
    }

    /// Which font serves each role, for the settings page.
    pub fn report(&self) -> FontReport {
        let roles = FontRole::ALL
            .iter()
            .map(|&role| {
                let face = &self.faces[self.role_face[role.index()]];
                RoleFont {
                    role,
                    role_label: role.label().to_string(),
                    family: face.family.clone(),
                    path: face.path.clone(),
                    face_index: face.face_index,
                    official: face.official,
                }
            })
            .collect();
        let fallbacks = self
            .lazy_fallbacks
            .iter()
            .map(|(s, _)| format!("{} ({})", pick_family(&s.names), s.path.display()))
            .collect();
        FontReport { roles, fallbacks }
    }

    pub fn face(&self, id: FaceId) -> Option<&FontFace> {
        match id {
            FaceId::Loaded(i) => self.faces.get(i),
            FaceId::Fallback(i) => {
                let (scanned, cell) = self.lazy_fallbacks.get(i)?;
                cell.get_or_init(|| FontFace::load(scanned, false).ok())
                    .as_ref()
            }
        }
    }

    pub fn role_face(&self, role: FontRole) -> FaceId {
        FaceId::Loaded(self.role_face[role.index()])
    }

    /// The face that draws `ch` in `role`: the role's font, then the other loaded fonts
    /// (serif before sans for serif roles), then the full-coverage fallbacks. None when no
    /// installed font has the character.
    pub fn resolve(&self, role: FontRole, ch: char) -> Option<(FaceId, u16)> {
        let primary = self.role_face[role.index()];
        if let Some(g) = self.faces[primary].glyph(ch) {
            return Some((FaceId::Loaded(primary), g));
        }
        let order: [FontRole; 4] = match role {
            FontRole::Hei => [
                FontRole::Hei,
                FontRole::Title,
                FontRole::Body,
                FontRole::Kai,
            ],
            _ => [
                FontRole::Body,
                FontRole::Title,
                FontRole::Kai,
                FontRole::Hei,
            ],
        };
        for r in order {
            let i = self.role_face[r.index()];
            if let Some(g) = self.faces[i].glyph(ch) {
                return Some((FaceId::Loaded(i), g));
            }
        }
        for i in 0..self.lazy_fallbacks.len() {
            if let Some(g) = self.face(FaceId::Fallback(i)).and_then(|f| f.glyph(ch)) {
                return Some((FaceId::Fallback(i), g));
            }
        }
        None
    }

    /// Characters of `text` that no installed font can draw (checked before signing, so the
    /// clerk is told instead of printing a box).
    pub fn missing_chars(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for ch in text.chars() {
            if !ch.is_whitespace()
                && self.resolve(FontRole::Body, ch).is_none()
                && !missing.contains(&ch)
            {
                missing.push(ch);
            }
        }
        missing
    }

    /// Natural width in points of `text` at `size` in `role` (with fallbacks).
    pub fn natural_width(&self, role: FontRole, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|ch| {
                match self
                    .resolve(role, ch)
                    .and_then(|(id, g)| self.face(id).map(|f| f.advance_1000(g)))
                {
                    Some(w) => w as f32 * size / 1000.0,
                    None => size / 2.0,
                }
            })
            .sum()
    }
}

/// Used glyphs per face, collected while a document is laid out.
pub(crate) type GlyphUsage = BTreeMap<FaceId, BTreeMap<u16, char>>;
