//! The translation status: per language, every text that is missing (the page falls
//! back to Azerbaijani) and, where the site is a git checkout, every English or Russian
//! text last changed before its Azerbaijani text (which changed since: the translation
//! may be stale).

use super::words::W;
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
    /// What an editor calls the field, in each language (`Xidmət 1.3 — Təsvir`), in the
    /// order of `Lang::ALL`.
    #[serde(skip)]
    pub said: Vec<String>,
    /// For a stale text: the Azerbaijani text when the translation was last changed, and
    /// now (what changed since).
    #[serde(skip)]
    pub before: Option<String>,
    #[serde(skip)]
    pub after: Option<String>,
    /// The translation as it is.
    #[serde(skip)]
    pub text: Option<String>,
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
            said: Vec::new(),
            before: None,
            after: None,
            text: None,
        });
    }
    let git = is_checkout(root);
    let mut stale = Vec::new();
    if git && let Some(src) = &src {
        stale.extend(stale_in_catalog(root, src, c.as_ref()));
        stale.extend(stale_guides(root, &guides));
    }
    let cxs: Vec<super::form::Cx> = Lang::ALL
        .iter()
        .map(|&l| super::form::Cx::new(root, l))
        .collect();
    for i in missing.iter_mut().chain(stale.iter_mut()) {
        i.said = cxs
            .iter()
            .map(|cx| said(cx, c.as_ref(), &guides, i))
            .collect();
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

/// What an editor calls the field of `item` in `cx`'s language: `Xidmət 1.3 — Təsvir`,
/// `Bələdçi: Haqqında`.
fn said(
    cx: &super::form::Cx,
    c: Option<&catalog::Catalog>,
    guides: &content::Guides,
    item: &Item,
) -> String {
    let lang = cx.lang;
    if item.path.is_empty() || item.file != catalog::FILE {
        let stem = Path::new(&item.file)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let title = guides
            .iter()
            .find(|(slug, v)| {
                **slug == stem
                    || v.values().any(|g| {
                        Path::new(&g.file)
                            .file_stem()
                            .is_some_and(|s| s == stem.as_str())
                    })
            })
            .and_then(|(_, v)| v.get(&lang).or_else(|| v.get(&Lang::Az)))
            .map_or(stem.clone(), |g| g.title.clone());
        return W::guide_n.fill(lang, &[("title", &title)]);
    }
    let (Some(c), Some((list, rest))) = (c, item.path.split_once('[')) else {
        return item.place.clone();
    };
    let i: usize = rest
        .split(']')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    let field = rest.split_once("].").map_or("", |(_, f)| f);
    // The field without its language (`description.ru` → `description`).
    let field = field
        .rsplit_once('.')
        .filter(|(_, l)| Lang::parse(l).is_some())
        .map_or(field, |(f, _)| f);
    let entry = match list {
        "services" => c
            .services
            .get(i)
            .map(|s| W::service_n.fill(lang, &[("id", &s.id)])),
        "agencies" => c
            .agencies
            .get(i)
            .map(|a| W::agency_n.fill(lang, &[("name", &a.name.plain(lang))])),
        "units" => c
            .units
            .get(i)
            .map(|u| W::unit_n.fill(lang, &[("name", &u.name.plain(lang))])),
        "topics" => c
            .topics
            .get(i)
            .map(|t| W::topic_n.fill(lang, &[("name", &t.name.plain(lang))])),
        "districts" => c.districts.get(i).map(|d| d.name.plain(lang)),
        _ => None,
    };
    match entry {
        Some(e) => format!("{e} — {}", super::form::field_words(cx, field)),
        None => item.place.clone(),
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
    Some(blame(root, file)?.into_iter().map(|(t, _)| t).collect())
}

/// Each line of `file`: when it last changed and in which commit (all zeros: not
/// committed yet), from `git blame`.
fn blame(root: &Path, file: &str) -> Option<Vec<(i64, String)>> {
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
    let mut lines = Vec::new();
    let mut time = 0;
    let mut commit = String::new();
    for line in text.lines() {
        if let Some(t) = line.strip_prefix("author-time ") {
            time = t.trim().parse().unwrap_or(0);
        } else if line.starts_with('\t') {
            lines.push((time, commit.clone()));
        } else if line.len() > 41
            && line.as_bytes()[40] == b' '
            && line[..40].bytes().all(|b| b.is_ascii_hexdigit())
        {
            commit = line[..40].to_string();
        }
    }
    Some(lines)
}

/// `file` as it was in `commit`.
fn at_commit(root: &Path, commit: &str, file: &str) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["show", &format!("{commit}:{file}")])
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).to_string())
}

/// The file where an editor's "still correct" is kept: one line per translation, its
/// path and a hash of the Azerbaijani text it was found right for. A text changed again
/// makes the translation stale again.
pub const CHECKED: &str = "translations-checked.tsv";

fn checked_list(root: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(root.join(CHECKED))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some((parts.next()?.to_string(), parts.next()?.to_string()))
        })
        .collect()
}

/// Notes that the translation at `path` (`services[3].description.ru`) is right for the
/// Azerbaijani text as it is now; an error in words when it cannot be.
pub fn still_correct(root: &Path, path: &str) -> Result<(), String> {
    let mut diags = Vec::new();
    let src = crate::files::read_text(
        root,
        Path::new(catalog::FILE),
        catalog::MAX_BYTES,
        &mut diags,
    )
    .ok_or_else(|| super::errors_text(&diags))?;
    let doc = Doc::parse(&src)?;
    let (base, lang) = path
        .rsplit_once('.')
        .filter(|(_, l)| matches!(Lang::parse(l), Some(Lang::En | Lang::Ru)))
        .ok_or_else(|| format!("{path} is not a translation"))?;
    let az = match doc.value(&format!("{base}.az")) {
        Some(super::yaml::Value::Scalar(s)) => s,
        _ => return Err(format!("{base}.az is not a text")),
    };
    let line = format!("{base}.{lang}\t{}\n", super::hash(&[&Some(az)]));
    let old = std::fs::read_to_string(root.join(CHECKED)).unwrap_or_else(|_| {
        "# Translations an editor found still correct after the Azerbaijani text changed: path, hash of that Azerbaijani text (ccu serve's editor writes this file).\n".into()
    });
    let kept: String = old
        .lines()
        .filter(|l| l.split('\t').next() != Some(path))
        .map(|l| format!("{l}\n"))
        .collect();
    crate::files::write_all(root, &[(CHECKED.to_string(), format!("{kept}{line}"))])
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
    let Some(lines) = blame(root, catalog::FILE) else {
        return Vec::new();
    };
    let times: Vec<i64> = lines.iter().map(|(t, _)| *t).collect();
    let checked = checked_list(root);
    let mut old_docs: BTreeMap<String, Option<String>> = BTreeMap::new();
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
            let text = |p: &str, d: &Doc| match d.value(p) {
                Some(super::yaml::Value::Scalar(s)) => Some(s),
                _ => None,
            };
            let az_now = text(&format!("{base}.az"), &doc);
            let seen = checked.iter().any(|(p, h)| {
                *p == path
                    && az_now
                        .as_ref()
                        .is_some_and(|t| *h == super::hash(&[&Some(t.clone())]))
            });
            if own < az && !seen {
                let line = doc.node(&path).map_or(0, |n| n.line);
                // The Azerbaijani text when the translation was last changed.
                let commit = doc.node(&path).and_then(|n| {
                    (doc.line_of(n.start)..=doc.line_of(n.end).max(doc.line_of(n.start)))
                        .filter_map(|l| lines.get(l.checked_sub(1)?))
                        .max_by_key(|(t, _)| *t)
                        .map(|(_, c)| c.clone())
                });
                let before = commit
                    .filter(|c| c.bytes().any(|b| b != b'0'))
                    .and_then(|commit| {
                        let old = old_docs
                            .entry(commit.clone())
                            .or_insert_with(|| at_commit(root, &commit, catalog::FILE))
                            .clone()?;
                        text(&format!("{base}.az"), &Doc::parse(&old).ok()?)
                    });
                found.push(Item {
                    lang,
                    file: catalog::FILE.into(),
                    line,
                    place: path.clone(),
                    path: path.clone(),
                    edit: edit_link(c, &path),
                    said: Vec::new(),
                    before,
                    after: az_now.clone(),
                    text: text(&path, &doc),
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
                    said: Vec::new(),
                    before: None,
                    after: None,
                    text: None,
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

/// The name of a language said after a field (`rusca`), in the editor's language.
pub fn in_lang(ui: Lang, lang: Lang) -> &'static str {
    match lang {
        Lang::Az => W::in_az,
        Lang::En => W::in_en,
        Lang::Ru => W::in_ru,
    }
    .t(ui)
}

/// The form of an item in the editor's language, opened at the item's field.
pub fn field_link(ui: Lang, edit: &str, path: &str) -> String {
    let link = edit.replacen("/_edit/az/", &format!("/_edit/{ui}/"), 1);
    if path.is_empty() {
        return link;
    }
    format!("{link}#{}", super::html::input_id(path))
}

/// What the editor calls an item's field in `ui`.
pub fn said_in(i: &Item, ui: Lang) -> &str {
    Lang::ALL
        .iter()
        .position(|l| *l == ui)
        .and_then(|n| i.said.get(n))
        .map_or(i.place.as_str(), String::as_str)
}

/// The counts per language as a table.
fn counts_table(ui: Lang, s: &Status) -> String {
    let mut body = format!(
        "<table><caption>{}</caption><thead><tr><th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th></tr></thead><tbody>",
        W::tr_counts.t(ui),
        W::tr_lang.t(ui),
        W::tr_missing.t(ui),
        W::tr_stale.t(ui)
    );
    for (lang, n) in &s.counts {
        let stale = if s.git {
            n.stale.to_string()
        } else {
            W::tr_unknown.t(ui).to_string()
        };
        body.push_str(&format!(
            "<tr><th scope=row>{}</th><td>{}</td><td>{stale}</td></tr>",
            super::form::lang_name(ui, *lang),
            n.missing
        ));
    }
    body.push_str("</tbody></table>");
    body
}

/// The status in short, for the editor's entry page.
pub fn summary(ui: Lang, root: &Path) -> String {
    let s = status(root);
    format!(
        "<section aria-labelledby=tr-h><h2 id=tr-h>{}</h2>{}<p><a href=/_edit/{ui}/translations>{}</a></p></section>",
        W::nav_translations.t(ui),
        counts_table(ui, &s),
        W::nav_translations.t(ui)
    )
}

/// The status as the page `/_edit/{lang}/translations` shows it, in the editor's
/// language: each text in words (`Xidmət 1.3 — Təsvir (rusca)`) with a link to its field;
/// a stale one with the Azerbaijani text before and after the change and a "still
/// correct" button (a form carrying `token`). `notice` is said at the top.
pub fn page(ui: Lang, s: &Status, token: &str, notice: Option<&str>) -> String {
    use crate::text::escape;
    let mut body = format!("<h1>{}</h1>", W::nav_translations.t(ui));
    if let Some(n) = notice {
        body.push_str(&format!(
            "<div class=saved role=status id=saved-notice tabindex=-1><p>{}</p></div>",
            escape(n)
        ));
    }
    body.push_str(&counts_table(ui, s));
    for (title, items, stale) in [
        (W::tr_missing_h, &s.missing, false),
        (W::tr_stale_h, &s.stale, true),
    ] {
        for lang in [Lang::En, Lang::Ru] {
            let mine: Vec<&Item> = items.iter().filter(|i| i.lang == lang).collect();
            body.push_str(&format!(
                "<h2>{} — {}</h2>",
                super::form::lang_name(ui, lang),
                title.t(ui)
            ));
            if mine.is_empty() {
                body.push_str(&format!("<p>{}</p>", W::tr_none.t(ui)));
                continue;
            }
            body.push_str("<ul class=plain>");
            for i in mine {
                let text = format!("{} ({})", said_in(i, ui), in_lang(ui, i.lang));
                let tech =
                    super::html::details(ui, &[format!("{}:{}: {}", i.file, i.line, i.path)]);
                let title = match &i.edit {
                    Some(link) => format!(
                        "<a href=\"{}\">{}</a>",
                        escape(&field_link(ui, link, &i.path)),
                        escape(&text)
                    ),
                    None => escape(&text),
                };
                if !stale || i.path.is_empty() {
                    body.push_str(&format!("<li>{title}{tech}</li>"));
                    continue;
                }
                body.push_str(&format!(
                    "<li class=tr-item><p><strong>{title}</strong></p>"
                ));
                for (label, value, lang) in [
                    (W::tr_before, &i.before, Lang::Az),
                    (W::tr_after, &i.after, Lang::Az),
                    (W::tr_translation, &i.text, i.lang),
                ] {
                    if let Some(v) = value {
                        body.push_str(&format!(
                            "<p class=muted>{}</p><blockquote lang={lang}>{}</blockquote>",
                            label.t(ui),
                            escape(v)
                        ));
                    }
                }
                body.push_str(&format!(
                    "<form method=post action=/_edit/{ui}/translations><input type=hidden name=_token value=\"{}\"><input type=hidden name=path value=\"{}\"><button type=submit>{}</button></form>{tech}</li>",
                    escape(token),
                    escape(&i.path),
                    W::tr_still_correct.t(ui)
                ));
            }
            body.push_str("</ul>");
        }
    }
    super::html::page(ui, "/translations", W::nav_translations.t(ui), &body)
}
