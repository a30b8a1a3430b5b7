//! Guides in the editor: a guide's file as front matter and body, and the files a form
//! writes for one (checked as `ccu check` checks a guide).

use super::form::{self, Form};
use super::words::W;
use super::yaml::{self, Change, Doc, Value};
use crate::content;
use crate::lang::Lang;
use std::path::Path;

/// A guide's file in parts: the front matter as a document, where it starts, and the body.
pub(super) struct GuideFile {
    pub yaml_start: usize,
    pub doc: Doc,
    pub body_start: usize,
}

pub(super) fn split_guide(src: &str) -> Option<GuideFile> {
    let rest = src.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let doc = Doc::parse(&rest[..end]).ok()?;
    Some(GuideFile {
        yaml_start: 4,
        doc,
        body_start: 4 + end + 5,
    })
}

pub(super) fn guide_parts(src: &str) -> Option<form::GuideText> {
    let g = split_guide(src)?;
    Some(form::GuideText {
        title: g.doc.text("title").unwrap_or_default().to_string(),
        description: g.doc.text("description").unwrap_or_default().to_string(),
        body: src[g.body_start..].to_string(),
    })
}

/// The files of a new guide: its slug must be free and an address; Azerbaijani is required.
pub(super) fn new_guide_writes(
    root: &Path,
    form: &mut Form,
    changes: &[Change],
) -> Vec<(String, String)> {
    let slug = match form.fields.iter().find(|f| f.path == "slug") {
        Some(form::Field {
            sent: Some(Value::Scalar(s)),
            ..
        }) => s.clone(),
        _ => String::new(),
    };
    let files: Vec<(Lang, String)> = Lang::ALL
        .iter()
        .map(|&l| (l, format!("{}/{l}/{slug}.md", content::DIR)))
        .collect();
    let lang = form.lang;
    let problem = if !crate::text::is_slug(&slug) {
        Some(W::slug_bad.t(lang).to_string())
    } else {
        files
            .iter()
            .find(|(_, f)| std::fs::symlink_metadata(root.join(f)).is_ok())
            .map(|(_, f)| f.clone())
            .or_else(|| slug_taken(root, &slug))
            .map(|_| W::slug_taken.t(lang).to_string())
    };
    if let Some(p) = problem {
        form.blame("slug", &p);
        return Vec::new();
    }
    if !changes.iter().any(|c| c.path == "az.title") {
        form.blame("az.title", W::az_title_missing.t(lang));
    }
    let srcs = vec![None; files.len()];
    let writes = guide_writes(&srcs, &slug, &files, form, changes);
    form.files = writes.iter().map(|(f, _)| f.clone()).collect();
    writes
}

/// Why `slug` is taken by a guide whose file has another name (its front matter sets
/// `slug:`), if it is: two guides with one slug would not build.
fn slug_taken(root: &Path, slug: &str) -> Option<String> {
    let guides = content::load(root, false, &mut Vec::new());
    let file = &guides.get(slug)?.values().next()?.file;
    Some(format!(
        "{file} uses the slug `{slug}` already (its front matter sets `slug: {slug}`): choose another slug or edit that guide"
    ))
}

/// The new guide files, checked as `ccu check` checks a guide.
pub(super) fn guide_writes(
    srcs: &[Option<String>],
    slug: &str,
    files: &[(Lang, String)],
    form: &mut Form,
    changes: &[Change],
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for ((lang, file), src) in files.iter().zip(srcs) {
        let mine: Vec<&Change> = changes
            .iter()
            .filter(|c| c.path.starts_with(&format!("{lang}.")))
            .collect();
        if mine.is_empty() {
            continue;
        }
        let value = |key: &str| {
            mine.iter()
                .find(|c| c.path == format!("{lang}.{key}"))
                .and_then(|c| match &c.value {
                    Value::Scalar(s) => Some(s.clone()),
                    Value::List(_) => None,
                })
        };
        let new = match src {
            Some(src) => {
                let Some(g) = split_guide(src) else {
                    form.errors.push(format!(
                        "{file}: the front matter could not be read; fix it in a text editor"
                    ));
                    continue;
                };
                let yaml_changes: Vec<Change> = ["title", "description"]
                    .iter()
                    .filter_map(|k| {
                        value(k).map(|v| Change {
                            path: (*k).to_string(),
                            value: Value::Scalar(v),
                        })
                    })
                    .collect();
                let yaml = match g.doc.apply(&yaml_changes) {
                    Ok(y) => y,
                    Err(e) => {
                        form.errors.push(format!("{file}: {e}"));
                        continue;
                    }
                };
                let body = match value("body") {
                    Some(b) => format!("{b}\n"),
                    None => src[g.body_start..].to_string(),
                };
                format!(
                    "{}{yaml}{}{body}",
                    &src[..g.yaml_start],
                    &src[g.yaml_start + g.doc.src.len()..g.body_start]
                )
            }
            None => format!(
                "---\ntitle: {}\ndescription: {}\n---\n{}\n",
                yaml::render_scalar(
                    &value("title").unwrap_or_default(),
                    yaml::Shape::Plain,
                    false,
                    2
                ),
                yaml::render_scalar(
                    &value("description").unwrap_or_default(),
                    yaml::Shape::Plain,
                    false,
                    2
                ),
                value("body").unwrap_or_default()
            ),
        };
        let stem = Path::new(file)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_else(|| slug.to_string());
        let mut diags = Vec::new();
        let read = content::parse_guide(&new, file, &stem, *lang, &mut diags);
        // Read back by the loader: the values asked for, and nothing else changed.
        let meta = |g: &content::Guide| (g.slug.clone(), g.weight, g.updated.clone());
        let was = match src {
            Some(src) => {
                content::parse_guide(src, file, &stem, *lang, &mut Vec::new()).map(|g| meta(&g))
            }
            None => Some((stem.clone(), 0, None)),
        };
        if let Some(g) = &read {
            for (key, got) in [("title", &g.title), ("description", &g.description)] {
                if value(key).is_some_and(|v| v != *got) {
                    form.blame(&format!("{lang}.{key}"), W::not_read_back.t(form.lang));
                }
            }
            if was.is_some_and(|w| w != meta(g)) {
                form.errors.push(format!(
                    "{file}: saving would change the front matter beyond the title and description; edit it in a text editor"
                ));
            }
        }
        for d in diags.iter().filter(|d| d.is_error()) {
            let path = format!("{lang}.{}", d.path);
            if d.path.is_empty() || !form.blame(&path, &format!("{} ({})", d.message, d.help)) {
                form.errors.push(d.to_string());
            }
        }
        out.push((file.clone(), new));
    }
    out
}
