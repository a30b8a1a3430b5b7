//! The translation status: per language, every text that is missing (the page falls
//! back to Azerbaijani) and, where the site is a git checkout, every English or Russian
//! text last changed before its Azerbaijani text (which changed since: the translation
//! may be stale).

use super::yaml::Doc;
use crate::catalog;
use crate::content;
use crate::diag::Diagnostic;
use crate::lang::Lang;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// One text to translate or to look at again.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub lang: Lang,
    pub file: String,
    pub line: usize,
    /// The field, as `ccu check` names it (`service 1.4, description.ru`).
    pub place: String,
    /// The field path (`services[3].description.ru`), for tools.
    pub path: String,
    /// The form where it is edited, in `ccu serve`.
    pub edit: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Counts {
    pub missing: usize,
    pub stale: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct Status {
    pub counts: BTreeMap<Lang, Counts>,
    pub missing: Vec<Item>,
    pub stale: Vec<Item>,
    /// Whether staleness could be worked out (the root is a git checkout).
    pub git: bool,
}

/// The form for a catalog path (`services[3]…` → `/_edit/az/services/1-4/`).
fn edit_link(c: Option<&catalog::Catalog>, path: &str) -> Option<String> {
    let c = c?;
    let (list, rest) = path.split_once('[')?;
    let i: usize = rest.split(']').next()?.parse().ok()?;
    let page = match list {
        "services" => format!("/az/services/{}/", c.services.get(i)?.slug()),
        "agencies" => format!("/az/agencies/{}/", c.agencies.get(i)?.id),
        "units" => format!("/az/units/{}/", c.units.get(i)?.id),
        "topics" => format!("/az/topics/{}/", c.topics.get(i)?.id),
        "districts" => format!("/az/districts/{}/", c.districts.get(i)?.slug()),
        _ => return None,
    };
    Some(format!("/_edit{page}"))
}

/// The status of the site at `root`.
pub fn status(root: &Path) -> Status {
    let mut diags = Vec::new();
    let src = crate::files::read_text(
        root,
        Path::new(catalog::FILE),
        catalog::MAX_BYTES,
        &mut diags,
    );
    let c = src
        .as_deref()
        .and_then(|s| catalog::load_text(root, s, false, &mut diags));
    let guides = content::load(root, false, &mut diags);
    let mut counts: BTreeMap<Lang, Counts> = [Lang::En, Lang::Ru]
        .into_iter()
        .map(|l| (l, Counts::default()))
        .collect();
    let mut missing = Vec::new();
    for d in &diags {
        let Some(lang) = missing_lang(d) else {
            continue;
        };
        let edit = if d.file == catalog::FILE {
            edit_link(c.as_ref(), &d.path)
        } else {
            guide_link(&guides, &d.file)
        };
        missing.push(Item {
            lang,
            file: d.file.clone(),
            line: d.line,
            place: if d.place.is_empty() {
                d.path.clone()
            } else {
                d.place.clone()
            },
            path: d.path.clone(),
            edit,
        });
    }
    let git = is_checkout(root);
    let mut stale = Vec::new();
    if git && let Some(src) = &src {
        stale.extend(stale_in_catalog(root, src, c.as_ref()));
        stale.extend(stale_guides(root, &guides));
    }
    for i in &missing {
        counts.entry(i.lang).or_default().missing += 1;
    }
    for i in &stale {
        counts.entry(i.lang).or_default().stale += 1;
    }
    Status {
        counts,
        missing,
        stale,
        git,
    }
}

/// The language of a "translation is missing" problem.
fn missing_lang(d: &Diagnostic) -> Option<Lang> {
    let m = &d.message;
    if m.ends_with("translation is missing")
        || m.contains(" translation") && m.starts_with("the guide")
    {
        if m.contains("English") || m.contains(" en ") {
            return Some(Lang::En);
        }
        if m.contains("Russian") || m.contains(" ru ") {
            return Some(Lang::Ru);
        }
    }
    None
}

fn guide_link(guides: &content::Guides, file: &str) -> Option<String> {
    let stem = Path::new(file).file_stem()?.to_string_lossy().to_string();
    let slug = guides
        .iter()
        .find(|(_, v)| {
            v.values().any(|g| {
                Path::new(&g.file)
                    .file_stem()
                    .is_some_and(|s| s == stem.as_str())
            })
        })
        .map_or(stem, |(slug, _)| slug.clone());
    Some(format!("/_edit/az/guides/{slug}/"))
}

fn is_checkout(root: &Path) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["rev-parse", "--is-inside-work-tree"])
        .output()
        .is_ok_and(|o| o.status.success() && o.stdout.starts_with(b"true"))
}

/// When each line of `file` last changed (author time, seconds), from `git blame`;
/// lines not committed yet count as now.
fn line_times(root: &Path, file: &str) -> Option<Vec<i64>> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["blame", "--line-porcelain", "--", file])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut times = Vec::new();
    let mut time = 0;
    for line in text.lines() {
        if let Some(t) = line.strip_prefix("author-time ") {
            time = t.trim().parse().unwrap_or(0);
        } else if line.starts_with('\t') {
            times.push(time);
        }
    }
    Some(times)
}

/// The latest change among lines `from..=to` (1-based).
fn newest(times: &[i64], from: usize, to: usize) -> i64 {
    (from..=to.max(from))
        .filter_map(|l| times.get(l.checked_sub(1)?))
        .copied()
        .max()
        .unwrap_or(0)
}

fn stale_in_catalog(root: &Path, src: &str, c: Option<&catalog::Catalog>) -> Vec<Item> {
    let Some(times) = line_times(root, catalog::FILE) else {
        return Vec::new();
    };
    let Ok(doc) = Doc::parse(src) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    let when = |path: &str| {
        doc.node(path)
            .map(|n| newest(&times, doc.line_of(n.start), doc.line_of(n.end)))
    };
    let mut texts: Vec<String> = doc
        .paths()
        .filter_map(|p| p.strip_suffix(".az").map(String::from))
        .collect();
    texts.sort();
    for base in texts {
        let Some(az) = when(&format!("{base}.az")) else {
            continue;
        };
        for lang in [Lang::En, Lang::Ru] {
            let path = format!("{base}.{lang}");
            let Some(own) = when(&path) else { continue };
            if own < az {
                let line = doc.node(&path).map_or(0, |n| n.line);
                found.push(Item {
                    lang,
                    file: catalog::FILE.into(),
                    line,
                    place: path.clone(),
                    path: path.clone(),
                    edit: edit_link(c, &path),
                });
            }
        }
    }
    let paths: Vec<&str> = found.iter().map(|i| i.path.as_str()).collect();
    let places = catalog::place_names(src, &paths);
    for (item, place) in found.iter_mut().zip(places) {
        if let Some(p) = place {
            item.place = p;
        }
    }
    found
}

fn stale_guides(root: &Path, guides: &content::Guides) -> Vec<Item> {
    let mut found = Vec::new();
    for (slug, versions) in guides {
        let Some(az) = versions.get(&Lang::Az) else {
            continue;
        };
        let Some(az_times) = line_times(root, &az.file) else {
            continue;
        };
        let az_time = az_times.iter().copied().max().unwrap_or(0);
        for lang in [Lang::En, Lang::Ru] {
            let Some(g) = versions.get(&lang) else {
                continue;
            };
            let Some(times) = line_times(root, &g.file) else {
                continue;
            };
            if times.iter().copied().max().unwrap_or(0) < az_time {
                found.push(Item {
                    lang,
                    file: g.file.clone(),
                    line: 1,
                    place: format!("guide {slug}"),
                    path: String::new(),
                    edit: Some(format!("/_edit/az/guides/{slug}/")),
                });
            }
        }
    }
    found
}

/// The status in words, counts first (`ccu check --translations`).
pub fn human(s: &Status) -> String {
    let mut out = String::new();
    for (lang, n) in &s.counts {
        out.push_str(&format!(
            "{}: {} missing, {}\n",
            lang_name(*lang),
            n.missing,
            if s.git {
                format!("{} maybe stale", n.stale)
            } else {
                "staleness unknown (not a git checkout)".to_string()
            }
        ));
    }
    for (title, items, what) in [
        (
            "missing",
            &s.missing,
            "missing: the page shows the Azerbaijani text",
        ),
        (
            "stale",
            &s.stale,
            "the Azerbaijani text changed after this one",
        ),
    ] {
        for lang in [Lang::En, Lang::Ru] {
            let mine: Vec<&Item> = items.iter().filter(|i| i.lang == lang).collect();
            if mine.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{} {title}:\n", lang_name(lang)));
            for i in mine {
                out.push_str(&format!("  {}:{}: {}: {what}\n", i.file, i.line, i.place));
            }
        }
    }
    out
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Az => "Azerbaijani",
        Lang::En => "English",
        Lang::Ru => "Russian",
    }
}

/// The status as the page `/_edit/translations` shows it.
pub fn page(s: &Status) -> String {
    use crate::text::escape;
    let mut body = String::from(
        "<h1>Translation status</h1><table><caption>Texts per language</caption><thead><tr><th scope=col>Language</th><th scope=col>Missing</th><th scope=col>Maybe stale</th></tr></thead><tbody>",
    );
    for (lang, n) in &s.counts {
        let stale = if s.git {
            n.stale.to_string()
        } else {
            "unknown (not a git checkout)".into()
        };
        body.push_str(&format!(
            "<tr><th scope=row>{}</th><td>{}</td><td>{stale}</td></tr>",
            lang_name(*lang),
            n.missing
        ));
    }
    body.push_str("</tbody></table>");
    for (title, items) in [
        ("Missing: the page shows the Azerbaijani text", &s.missing),
        (
            "Maybe stale: the Azerbaijani text changed after this one",
            &s.stale,
        ),
    ] {
        for lang in [Lang::En, Lang::Ru] {
            let mine: Vec<&Item> = items.iter().filter(|i| i.lang == lang).collect();
            body.push_str(&format!("<h2>{} — {title}</h2>", lang_name(lang)));
            if mine.is_empty() {
                body.push_str("<p>None.</p>");
                continue;
            }
            body.push_str("<ul>");
            for i in mine {
                let text = format!("{} ({}:{})", i.place, i.file, i.line);
                match &i.edit {
                    Some(link) => body.push_str(&format!(
                        "<li><a href=\"{}\">{}</a></li>",
                        escape(link),
                        escape(&text)
                    )),
                    None => body.push_str(&format!("<li>{}</li>", escape(&text))),
                }
            }
            body.push_str("</ul>");
        }
    }
    super::html::page("Translation status", &body)
}
