//! Markdown guides in `content/{az,en,ru}/*.md`, with YAML front matter.

mod markdown;
mod nesting;
mod scaffold;

pub use crate::files::linked_component;
/// Kept here too for callers written before `files` existed.
pub use crate::files::read_text;
pub use markdown::{Heading, RESERVED_IDS, Rendered, Section, TooDeep, render_markdown};
pub use nesting::MAX_DEPTH;
pub use scaffold::{new_guide, today};

use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::text::{is_date, is_slug};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

pub const DIR: &str = "content";
/// Files in content/ that are no guide: the editors' search synonyms.
pub const OTHER_FILES: &[&str] = &["content/synonyms.yaml"];
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
        // The site's other files in content/ (the search synonyms) are not guides.
        if OTHER_FILES.contains(&shown.as_str()) {
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
    // Guides whose file is there but was refused: already reported, so not "missing" as well.
    let mut refused: BTreeSet<(String, Lang)> = BTreeSet::new();
    for (lang, rel, shown) in files {
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let Some(src) = read_text(root, &rel, MAX_GUIDE_BYTES, diags) else {
            refused.insert((stem, lang));
            continue;
        };
        let parsed = parse_guide(&src, &shown, &stem, lang, diags);
        if parsed.is_none() {
            refused.insert((stem.clone(), lang));
        }
        if let Some(g) = parsed {
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
            if by_lang.contains_key(&lang) || refused.contains(&(slug.clone(), lang)) {
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

/// Reads the front matter (which starts on the file's line 2), in words an editor can act on.
fn front_matter(yaml: &str, file: &str) -> Result<FrontMatter, Box<Diagnostic>> {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| {
        let mut d = crate::catalog::yaml_error(file, yaml, &e, 1);
        d.message = format!("in the front matter, {}", d.message);
        Box::new(d)
    })?;
    serde_yaml::from_value(value).map_err(|e| {
        let msg = e.to_string();
        let msg = msg.split(" at line ").next().unwrap_or(&msg).to_string();
        Box::new(
            Diagnostic::error(file, format!("the front matter is wrong: {msg}"))
                .at(2, 0)
                .help("front matter takes title, description, and optionally slug, weight and updated (YYYY-MM-DD)"),
        )
    })
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
    let fm: FrontMatter = match front_matter(yaml, file) {
        Ok(fm) => fm,
        Err(d) => {
            diags.push(*d);
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
    if fm.title.trim().contains('\n') {
        diags.push(
            Diagnostic::error(file, "the title holds a line break")
                .at(line_of("title"), 0)
                .path("title")
                .help("a title is one line: write it on one line (a pasted text often brings its line breaks)"),
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
    let body_line = src[..(4 + end + 5).min(src.len())].matches('\n').count() + 1;
    let texts = [
        ("title", fm.title.as_str(), line_of("title")),
        (
            "description",
            fm.description.as_str(),
            line_of("description"),
        ),
        ("body", body, body_line),
    ];
    for (key, text, line) in texts {
        if let Some((c, l)) = crate::text::forbidden_char(text) {
            // A value in the front matter is reported at its key (an escape such as `\e`).
            let line = if key == "body" { line + l - 1 } else { line };
            diags.push(
                Diagnostic::error(
                    file,
                    format!("the {key} holds the control character U+{:04X}", c as u32),
                )
                .at(line, 0)
                .path(key)
                .help("remove it: pages and feeds cannot carry it (it is often pasted unseen)"),
            );
            ok = false;
        }
    }
    let body = match render_markdown(body) {
        Ok(body) => body,
        Err(TooDeep { line }) => {
            diags.push(
                Diagnostic::error(
                    file,
                    format!("the text nests more than {MAX_DEPTH} levels deep (quotes, lists or HTML elements inside each other)"),
                )
                .at(body_line + line - 1, 0)
                .path("body")
                .help("close what you opened, or nest quotes and lists less deeply"),
            );
            return None;
        }
    };
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
        body,
    })
}
