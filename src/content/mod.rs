//! Markdown guides in `content/{az,en,ru}/*.md`, with YAML front matter.

mod markdown;
mod scaffold;

pub use markdown::{Heading, RESERVED_IDS, Rendered, render_markdown};
pub use scaffold::{new_guide, today};

use crate::catalog::{is_date, is_slug};
use crate::diag::Diagnostic;
use crate::lang::Lang;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Component, Path};

pub const DIR: &str = "content";
/// A guide is a page of text; anything past this is not one.
pub const MAX_GUIDE_BYTES: u64 = 2 * 1024 * 1024;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FrontMatter {
    title: String,
    description: String,
    #[serde(default)]
    slug: Option<String>,
    #[serde(default)]
    weight: i64,
    #[serde(default)]
    updated: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Guide {
    pub slug: String,
    pub lang: Lang,
    /// Path relative to the root, `content/en/how-to-apply.md`.
    pub file: String,
    pub title: String,
    pub description: String,
    pub weight: i64,
    pub updated: Option<String>,
    pub body: Rendered,
}

/// Guides by slug, then by language.
pub type Guides = BTreeMap<String, BTreeMap<Lang, Guide>>;

/// Reads a text file under `root`, refusing what an editor cannot have meant:
/// paths leaving the root or passing through a link, anything but a regular
/// file (a FIFO would hang the read, a device would never end), oversized
/// files, invalid UTF-8.
pub fn read_text(root: &Path, rel: &Path, max: u64, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let shown = rel.to_string_lossy().replace('\\', "/");
    if rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        diags.push(
            Diagnostic::error(&shown, "this path leaves the site folder")
                .help("keep every file inside the site folder"),
        );
        return None;
    }
    if let Some(link) = linked_component(root, rel) {
        let link = link.to_string_lossy().replace('\\', "/");
        let msg = if link == shown {
            "this is a symbolic link, which is not followed".to_string()
        } else {
            format!("{link} is a symbolic link, which is not followed")
        };
        diags.push(
            Diagnostic::error(&shown, msg)
                .help("replace the link with the file or folder itself, inside the site folder"),
        );
        return None;
    }
    match read_regular(&root.join(rel), max) {
        Ok(bytes) => decode(&shown, bytes, diags),
        Err(problem) => {
            let help = match problem {
                Unreadable::Missing => format!(
                    "run the command in the site folder or pass --root; looked in {}",
                    root.display()
                ),
                Unreadable::NotAFile => "replace it with a plain text file".into(),
                Unreadable::TooBig(..) => "split it or remove what does not belong in it".into(),
                Unreadable::Io(_) => "check that the file can be read".into(),
            };
            diags.push(Diagnostic::error(&shown, problem.to_string()).help(help));
            None
        }
    }
}

/// The first part of `rel` (counted from `root`) that is a symbolic link, if any:
/// a linked folder would let files from outside the root into the site.
pub fn linked_component(root: &Path, rel: &Path) -> Option<std::path::PathBuf> {
    let mut part = std::path::PathBuf::new();
    for c in rel.components() {
        part.push(c);
        if std::fs::symlink_metadata(root.join(&part)).is_ok_and(|m| m.file_type().is_symlink()) {
            return Some(part);
        }
    }
    None
}

enum Unreadable {
    Missing,
    NotAFile,
    /// The size found (or at least found), and the limit.
    TooBig(u64, u64),
    Io(std::io::Error),
}

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unreadable::Missing => write!(f, "the file does not exist"),
            Unreadable::NotAFile => write!(
                f,
                "this is not a regular file (a pipe, device or folder), which is not read"
            ),
            Unreadable::TooBig(len, max) => {
                write!(f, "the file is {len} bytes, more than the {max} allowed")
            }
            Unreadable::Io(e) => write!(f, "the file cannot be read: {e}"),
        }
    }
}

/// The bytes of a regular file, never more than `max`. The file is opened without
/// blocking and checked again once open, so a pipe put in its place cannot hang us.
fn read_regular(path: &Path, max: u64) -> Result<Vec<u8>, Unreadable> {
    use std::io::Read;
    let io = |e: std::io::Error| match e.kind() {
        std::io::ErrorKind::NotFound => Unreadable::Missing,
        _ => Unreadable::Io(e),
    };
    if !std::fs::symlink_metadata(path).map_err(io)?.is_file() {
        return Err(Unreadable::NotAFile);
    }
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(target_os = "linux")]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        rustix::fs::OFlags::NONBLOCK.bits() as i32,
    );
    let file = options.open(path).map_err(io)?;
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Err(Unreadable::NotAFile);
    }
    if meta.len() > max {
        return Err(Unreadable::TooBig(meta.len(), max));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(Unreadable::TooBig(bytes.len() as u64, max));
    }
    Ok(bytes)
}

/// UTF-8 text without a byte-order mark, or a diagnostic naming the first bad line.
fn decode(shown: &str, bytes: Vec<u8>, diags: &mut Vec<Diagnostic>) -> Option<String> {
    match String::from_utf8(bytes) {
        Ok(s) => Some(s.strip_prefix('\u{feff}').unwrap_or(&s).to_string()),
        Err(e) => {
            let upto = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = upto.iter().filter(|&&b| b == b'\n').count() + 1;
            diags.push(
                Diagnostic::error(shown, "the file is not valid UTF-8 text")
                    .at(line, 0)
                    .help("save the file as UTF-8 (most editors offer it under \"Save as\")"),
            );
            None
        }
    }
}

/// Loads every guide. Files that cannot be read are reported and skipped.
pub fn load(root: &Path, strict: bool, diags: &mut Vec<Diagnostic>) -> Guides {
    let mut guides = Guides::new();
    let dir = root.join(DIR);
    if !dir.is_dir() {
        return guides;
    }
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    DIR,
                    format!("cannot read the folder: {e}"),
                ));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(root).unwrap_or(entry.path());
        let shown = rel.to_string_lossy().replace('\\', "/");
        if entry.file_type().is_symlink() {
            diags.push(
                Diagnostic::error(&shown, "this is a symbolic link, which is not followed")
                    .help("put the file itself in content/"),
            );
            continue;
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let parts: Vec<_> = rel.components().collect();
        let lang = parts
            .get(1)
            .and_then(|c| Lang::parse(&c.as_os_str().to_string_lossy()));
        match (lang, parts.len(), name.ends_with(".md")) {
            (Some(lang), 3, true) => files.push((lang, rel.to_path_buf(), shown)),
            _ => diags.push(
                Diagnostic::warning(&shown, "this file is not a guide and is ignored").help(
                    "guides are content/az/NAME.md, content/en/NAME.md and content/ru/NAME.md",
                ),
            ),
        }
    }
    for (lang, rel, shown) in files {
        let Some(src) = read_text(root, &rel, MAX_GUIDE_BYTES, diags) else {
            continue;
        };
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        if let Some(g) = parse_guide(&src, &shown, &stem, lang, diags) {
            let by_lang = guides.entry(g.slug.clone()).or_default();
            if let Some(prev) = by_lang.get(&lang) {
                diags.push(
                    Diagnostic::error(
                        &shown,
                        format!("the slug `{}` is already used by {}", g.slug, prev.file),
                    )
                    .help("give each guide its own slug"),
                );
                continue;
            }
            by_lang.insert(lang, g);
        }
    }
    for (slug, by_lang) in &guides {
        for lang in Lang::ALL {
            if by_lang.contains_key(&lang) {
                continue;
            }
            let file = format!("{DIR}/{lang}/{slug}.md");
            let d = if lang == Lang::DEFAULT {
                Diagnostic::error(
                    &file,
                    format!("the guide `{slug}` has no Azerbaijani version"),
                )
                .help("write the Azerbaijani text first: other languages fall back to it")
            } else {
                let msg = format!("the guide `{slug}` has no {lang} translation");
                let help =
                    "add the file; until then the page shows the Azerbaijani guide with a notice";
                if strict {
                    Diagnostic::error(&file, msg).help(help)
                } else {
                    Diagnostic::warning(&file, msg).help(help)
                }
            };
            diags.push(d);
        }
    }
    guides
}

/// Splits `---` front matter from the body and renders the body.
pub fn parse_guide(
    src: &str,
    file: &str,
    stem: &str,
    lang: Lang,
    diags: &mut Vec<Diagnostic>,
) -> Option<Guide> {
    let src = src.replace("\r\n", "\n");
    let Some(rest) = src.strip_prefix("---\n") else {
        diags.push(
            Diagnostic::error(file, "the guide has no front matter")
                .at(1, 1)
                .help("start the file with ---, then title: and description:, then --- on its own line"),
        );
        return None;
    };
    let Some(end) = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(|r| r.len()))
    else {
        diags.push(
            Diagnostic::error(file, "the front matter is not closed")
                .at(1, 1)
                .help("put --- on its own line after the front matter"),
        );
        return None;
    };
    let yaml = &rest[..end];
    let body = rest.get(end + 5..).unwrap_or("");
    if let Some(d) = crate::catalog::too_deep(file, yaml, 1) {
        diags.push(d);
        return None;
    }
    let fm: FrontMatter = match serde_yaml::from_str(yaml) {
        Ok(fm) => fm,
        Err(e) => {
            let (l, c) = e
                .location()
                .map(|loc| (loc.line() + 1, loc.column()))
                .unwrap_or((2, 0));
            let msg = e.to_string();
            let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            diags.push(
                Diagnostic::error(file, format!("the front matter is wrong: {msg}"))
                    .at(l, c)
                    .help("front matter takes title, description, and optionally slug, weight and updated (YYYY-MM-DD)"),
            );
            return None;
        }
    };
    let line_of = |key: &str| {
        yaml.lines()
            .position(|l| l.starts_with(&format!("{key}:")))
            .map_or(2, |i| i + 2)
    };
    let slug = fm.slug.clone().unwrap_or_else(|| stem.to_string());
    let mut ok = true;
    if !is_slug(&slug) {
        diags.push(
            Diagnostic::error(file, format!("`{slug}` cannot be used in an address"))
                .at(if fm.slug.is_some() { line_of("slug") } else { 0 }, 0)
                .path(if fm.slug.is_some() { "slug" } else { "" })
                .help("name the file (or set `slug:`) with lowercase letters a-z, digits and `-` only"),
        );
        ok = false;
    }
    if let Some(d) = &fm.updated
        && !is_date(d)
    {
        diags.push(
            Diagnostic::error(file, format!("`{d}` is not a date"))
                .at(line_of("updated"), 0)
                .path("updated")
                .help("write dates as YYYY-MM-DD"),
        );
        ok = false;
    }
    for (key, value) in [("title", &fm.title), ("description", &fm.description)] {
        if value.trim().is_empty() {
            diags.push(
                Diagnostic::error(file, format!("the {key} is empty"))
                    .at(line_of(key), 0)
                    .path(key)
                    .help(format!("write the guide's {key}")),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    Some(Guide {
        slug,
        lang,
        file: file.to_string(),
        title: fm.title.trim().to_string(),
        description: fm.description.trim().to_string(),
        weight: fm.weight,
        updated: fm.updated,
        body: render_markdown(body),
    })
}
