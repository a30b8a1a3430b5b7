//! `/_edit/{lang}/synonyms`: the search synonyms as an editor sees them: the words people
//! type and the words the portal uses for them, per language; a form that adds one, and
//! what a word finds with it ("this now finds: 1.6"), from the site's own search.

use super::words::W;
use crate::catalog;
use crate::content;
use crate::lang::Lang;
use crate::search::synonyms::{self, Synonym};
use crate::text::escape;
use std::path::Path;

/// What the search finds for `phrase` in `lang` when `phrase` also means `means`: the
/// results' numbers and titles, best first (at most five).
pub fn finds(root: &Path, lang: Lang, phrase: &str, means: &str) -> Vec<(String, String)> {
    let phrase = phrase.trim();
    if phrase.is_empty() {
        return Vec::new();
    }
    let mut diags = Vec::new();
    let Some(c) = catalog::load(root, false, &mut diags) else {
        return Vec::new();
    };
    let guides = content::load(root, false, &mut diags);
    let mut all = synonyms::load(root, &mut diags);
    let means: Vec<String> = split_means(means);
    if !means.is_empty() {
        all.push(Synonym {
            lang,
            phrase: phrase.to_string(),
            means,
            line: 0,
        });
    }
    // The theme's words head a page's facts, and search indexes them as the page prints them.
    let Some(theme) = crate::render::Theme::load(root, &mut diags) else {
        return Vec::new();
    };
    let Some(strings) = theme.strings.get(&lang) else {
        return Vec::new();
    };
    let docs = crate::search::documents(&c, &guides, strings, lang);
    let Ok(index) = crate::search::LangIndex::build(docs, lang, &all) else {
        return Vec::new();
    };
    index
        .search(phrase, 5)
        .unwrap_or_default()
        .into_iter()
        .map(|h| (h.id, h.title))
        .collect()
}

/// `a, b` → `[a, b]`: the words the portal uses, as typed (commas between).
fn split_means(means: &str) -> Vec<String> {
    means
        .split([',', '\n'])
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(String::from)
        .collect()
}

/// "This now finds: 1.6 …" in words.
pub fn finds_words(ui: Lang, found: &[(String, String)]) -> String {
    if found.is_empty() {
        return W::syn_finds_nothing.t(ui).to_string();
    }
    let list: Vec<String> = found
        .iter()
        .take(3)
        .map(|(id, t)| match id.strip_prefix("service:") {
            Some(n) => format!("{n} {t}"),
            None => t.clone(),
        })
        .collect();
    W::syn_finds.fill(ui, &[("list", &list.join("; "))])
}

/// A value as a YAML flow item: plain where it can be, quoted otherwise.
fn item(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.contains([
            ':', '#', ',', '[', ']', '{', '}', '"', '\'', '&', '*', '!', '|', '>', '%', '@', '`',
        ])
        && !s.starts_with(['-', '?', ' '])
        && !s.ends_with(' ');
    if plain {
        s.to_string()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The file with `phrase: [means]` added at the end of `lang`'s block (a new block at the
/// end when there is none); every other byte as it was.
pub fn with_added(src: &str, lang: Lang, phrase: &str, means: &[String]) -> String {
    let line = format!(
        "  {}: [{}]\n",
        item(phrase),
        means.iter().map(|m| item(m)).collect::<Vec<_>>().join(", ")
    );
    let head = format!("{lang}:");
    let mut at = None;
    let mut offset = 0;
    let mut inside = false;
    let mut last_item_end = 0;
    for l in src.split_inclusive('\n') {
        let top = !l.starts_with([' ', '\t', '#', '\n', '\r']);
        if top {
            if inside {
                at = Some(last_item_end);
                inside = false;
            }
            if l.trim_end() == head {
                inside = true;
                last_item_end = offset + l.len();
            }
        } else if inside && l.starts_with("  ") && !l.trim_start().starts_with('#') {
            last_item_end = offset + l.len();
        }
        offset += l.len();
    }
    if inside {
        at = Some(last_item_end);
    }
    match at {
        Some(i) => {
            let mut out = src.to_string();
            if i == src.len() && !src.ends_with('\n') && !src.is_empty() {
                out.push('\n');
                out.push_str(&line);
                return out;
            }
            out.insert_str(i, &line);
            out
        }
        None => {
            let sep = if src.is_empty() || src.ends_with('\n') {
                ""
            } else {
                "\n"
            };
            format!("{src}{sep}{head}\n{line}")
        }
    }
}

/// Adds a synonym after checking it as `ccu check` does; an error in the editor's words
/// otherwise, nothing written.
pub fn add(root: &Path, ui: Lang, lang: Lang, phrase: &str, means: &str) -> Result<(), String> {
    let phrase = phrase.trim();
    let means = split_means(means);
    if phrase.is_empty() || means.is_empty() {
        return Err(W::syn_empty.t(ui).into());
    }
    if [phrase]
        .iter()
        .copied()
        .chain(means.iter().map(String::as_str))
        .any(|v| super::form::unfit(ui, v, true).is_some())
    {
        return Err(W::one_line.t(ui).into());
    }
    let src = std::fs::read_to_string(root.join(synonyms::FILE)).unwrap_or_default();
    let new = with_added(&src, lang, phrase, &means);
    let mut diags = Vec::new();
    let parsed = synonyms::parse(&new, synonyms::FILE, &mut diags);
    let ok = !diags.iter().any(|d| d.is_error())
        && parsed
            .iter()
            .any(|s| s.lang == lang && s.phrase == phrase && s.means == means);
    if !ok {
        return Err(W::syn_bad.t(ui).into());
    }
    crate::files::write_all(root, &[(synonyms::FILE.to_string(), new)])
}

/// The page: what is there per language, the form to add one, and what a word finds.
pub fn page(
    root: &Path,
    ui: Lang,
    token: &str,
    query: &str,
    notice: Option<&str>,
    error: Option<&str>,
) -> String {
    let q = |key: &str| {
        url::form_urlencoded::parse(query.as_bytes())
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.to_string())
            .unwrap_or_default()
    };
    let (phrase, means) = (q("phrase"), q("means"));
    let lang = Lang::parse(&q("lang")).unwrap_or(ui);
    let mut body = format!(
        "<h1>{}</h1><p>{}</p>",
        W::nav_synonyms.t(ui),
        W::syn_lead.t(ui)
    );
    if let Some(n) = notice {
        body.push_str(&format!(
            "<div class=saved role=status id=saved-notice tabindex=-1><p>{}</p></div>",
            escape(n)
        ));
    }
    if let Some(e) = error {
        body.push_str(&format!(
            "<div class=summary role=alert><h2>{}</h2><p>{}</p></div>",
            W::not_saved.t(ui),
            escape(e)
        ));
    }
    let options: String = Lang::ALL
        .iter()
        .map(|l| {
            format!(
                "<option value={l}{}>{}</option>",
                if *l == lang { " selected" } else { "" },
                super::form::lang_name(ui, *l)
            )
        })
        .collect();
    let found = finds(root, lang, &phrase, &means);
    let finds_text = if phrase.trim().is_empty() {
        String::new()
    } else {
        finds_words(ui, &found)
    };
    body.push_str(&format!(
        "<form method=post action=/_edit/{ui}/synonyms class=card id=syn-form><h2>{}</h2><input type=hidden name=_token value=\"{}\">\
<div class=field><label for=syn-lang>{}</label><select id=syn-lang name=lang>{options}</select></div>\
<div class=field><label for=syn-phrase>{}</label><p class=hint id=syn-phrase-h>{}</p><input type=text id=syn-phrase name=phrase value=\"{}\" aria-describedby=\"syn-phrase-h syn-finds\"></div>\
<div class=field><label for=syn-means>{}</label><p class=hint id=syn-means-h>{}</p><input type=text id=syn-means name=means value=\"{}\" aria-describedby=\"syn-means-h syn-finds\"></div>\
<p class=finds id=syn-finds role=status aria-live=polite>{}</p>\
<p><button type=submit formmethod=get formaction=/_edit/{ui}/synonyms class=secondary>{}</button> <button type=submit>{}</button></p></form>",
        W::syn_add.t(ui),
        escape(token),
        W::syn_lang.t(ui),
        W::syn_phrase.t(ui),
        W::syn_phrase_hint.t(ui),
        escape(&phrase),
        W::syn_means.t(ui),
        W::syn_means_hint.t(ui),
        escape(&means),
        escape(&finds_text),
        W::syn_check.t(ui),
        W::syn_add_button.t(ui),
    ));
    let mut diags = Vec::new();
    let all = synonyms::load(root, &mut diags);
    for l in Lang::ALL {
        body.push_str(&format!("<h2>{}</h2><ul>", super::form::lang_name(ui, l)));
        for s in all.iter().filter(|s| s.lang == l) {
            body.push_str(&format!(
                "<li><span lang={l}>{}</span> → <span lang={l}>{}</span></li>",
                escape(&s.phrase),
                escape(&s.means.join(", "))
            ));
        }
        body.push_str("</ul>");
    }
    body.push_str(&super::html::details(ui, &[synonyms::FILE.to_string()]));
    super::html::page(ui, "/synonyms", W::nav_synonyms.t(ui), &body)
}
