//! The theme: tera templates, UI strings per language, and static files.

use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::text::escape;
use std::collections::BTreeMap;
use std::path::Path;
use tera::{Kwargs, State, Tera, Value};

pub const DIR: &str = "themes/default";

pub struct Theme {
    pub tera: Tera,
    /// UI strings by language, key → text.
    pub strings: BTreeMap<Lang, BTreeMap<String, String>>,
    /// Static files by path under `static/`.
    pub files: BTreeMap<String, Vec<u8>>,
    /// The country's outline for the map: rings of (longitude, latitude).
    pub outline: Vec<Vec<(f64, f64)>>,
    /// Everything above that pages read besides their own data (the templates' names
    /// and sources, the UI strings, the static files, the outline), hashed: two
    /// themes with equal keys render equal data alike. For the build caches.
    pub key: u64,
}

#[derive(serde::Deserialize)]
struct Outline {
    rings: Vec<Vec<(f64, f64)>>,
}

impl Theme {
    pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Option<Theme> {
        let dir = root.join(DIR);
        let before = diags.len();
        let mut tera = Tera::new();
        tera.register_filter("loc", loc);
        tera.register_filter("count", count);
        let mut templates = Vec::new();
        let mut files = BTreeMap::new();
        for sub in ["templates", "static"] {
            for entry in walkdir::WalkDir::new(dir.join(sub))
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
            {
                let rel = entry
                    .path()
                    .strip_prefix(dir.join(sub))
                    .unwrap_or(entry.path())
                    .to_string_lossy()
                    .replace('\\', "/");
                let shown = format!("{DIR}/{sub}/{rel}");
                let Some(text) = crate::files::read_text(
                    root,
                    Path::new(&shown),
                    crate::content::MAX_GUIDE_BYTES,
                    diags,
                ) else {
                    continue;
                };
                if sub == "templates" {
                    templates.push((rel, text));
                } else {
                    files.insert(rel, text.into_bytes());
                }
            }
        }
        if templates.is_empty() {
            diags.push(
                Diagnostic::error(&format!("{DIR}/templates"), "the theme has no templates")
                    .help("restore themes/default/templates from the repository"),
            );
        }
        if let Err(e) =
            tera.add_raw_templates(templates.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            diags.push(
                Diagnostic::error(
                    &format!("{DIR}/templates"),
                    format!("a template is wrong: {e}"),
                )
                .help("fix the template the message names"),
            );
        }
        let mut strings = BTreeMap::new();
        for lang in Lang::ALL {
            let file = format!("{DIR}/i18n/{lang}.yaml");
            let Some(src) = crate::files::read_text(root, Path::new(&file), 1 << 20, diags) else {
                continue;
            };
            if let Some(d) = crate::catalog::too_deep(&file, &src, 0) {
                diags.push(d);
                continue;
            }
            match serde_yaml::from_str::<BTreeMap<String, String>>(&src) {
                Ok(map) => {
                    strings.insert(lang, map);
                }
                Err(e) => {
                    let (l, c) = e.location().map_or((0, 0), |l| (l.line(), l.column()));
                    diags.push(
                        Diagnostic::error(&file, format!("the UI strings are wrong: {e}"))
                            .at(l, c)
                            .help("each line is `key: text`"),
                    );
                }
            }
        }
        // Every language needs every key the default language has.
        if let Some(az) = strings.get(&Lang::Az) {
            for lang in [Lang::En, Lang::Ru] {
                let Some(map) = strings.get(&lang) else {
                    continue;
                };
                for key in az.keys().filter(|k| !map.contains_key(*k)) {
                    diags.push(
                        Diagnostic::error(
                            &format!("{DIR}/i18n/{lang}.yaml"),
                            format!("the UI string `{key}` is missing"),
                        )
                        .path(key.clone())
                        .help(format!("add `{key}:` with its translation")),
                    );
                }
            }
        }
        // The map's outline is optional: without it the map shows the places alone.
        let outline_file = format!("{DIR}/map/azerbaijan.json");
        let mut outline = Vec::new();
        if root.join(&outline_file).exists()
            && let Some(src) =
                crate::files::read_text(root, Path::new(&outline_file), 1 << 20, diags)
        {
            match serde_json::from_str::<Outline>(&src) {
                Ok(o) => outline = o.rings,
                Err(e) => diags.push(
                    Diagnostic::error(&outline_file, format!("the outline is wrong: {e}"))
                        .at(e.line(), e.column())
                        .help("regenerate it with tools/extract-outline.mjs"),
                ),
            }
        }
        if diags[before..].iter().any(Diagnostic::is_error) {
            return None;
        }
        let key = theme_key(&templates, &strings, &files, &outline);
        Some(Theme {
            tera,
            strings,
            files,
            outline,
            key,
        })
    }
}

/// The hash of what a theme gives every page (see [`Theme::key`]).
fn theme_key(
    templates: &[(String, String)],
    strings: &BTreeMap<Lang, BTreeMap<String, String>>,
    files: &BTreeMap<String, Vec<u8>>,
    outline: &[Vec<(f64, f64)>],
) -> u64 {
    let mut all = format!("{templates:?}{strings:?}{outline:?}").into_bytes();
    for (name, bytes) in files {
        all.extend(format!("\n{name} {}\n", bytes.len()).bytes());
        all.extend(bytes);
    }
    crate::text::digest(&all)
}

/// `{{ x | loc }}`: a localized text, escaped, marked with its language where it
/// fell back to Azerbaijani (so screen readers pronounce it right).
fn loc(v: Value, _: Kwargs, _: &State) -> Value {
    let text = v
        .get_from_path("t")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let escaped = escape(&text);
    let fell_back = v
        .get_from_path("fb")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if fell_back {
        let l = v.get_from_path("l").and_then(Value::as_str).unwrap_or("az");
        Value::safe_string(&format!("<span lang=\"{}\">{escaped}</span>", escape(l)))
    } else {
        Value::safe_string(&escaped)
    }
}

/// `{{ n | count(key="agency_count") }}`: the page language's UI string for `n`
/// by its CLDR plural category (`agency_count_one`, `_few`, `_many`, falling back to
/// `_other`), with `{n}` replaced by the number.
fn count(v: Value, kwargs: Kwargs, state: &State) -> Value {
    let n = v.as_u64().unwrap_or(0);
    let key: String = kwargs.get("key").ok().flatten().unwrap_or_default();
    let lang = state
        .get::<String>("lang")
        .ok()
        .flatten()
        .and_then(|l| Lang::parse(&l))
        .unwrap_or(Lang::DEFAULT);
    let strings = state.get::<Value>("t").ok().flatten();
    let keys = [format!("{key}_{}", lang.plural(n)), format!("{key}_other")];
    let form = strings
        .as_ref()
        .and_then(|t| keys.iter().find_map(|k| t.get_from_path(k)))
        .and_then(Value::as_str)
        .unwrap_or("{n}");
    Value::from(form.replace("{n}", &n.to_string()))
}

/// Every form of a counted UI string (`key_one`, `key_few`, …) for a page script,
/// which picks one with `Intl.PluralRules`.
pub fn count_forms(strings: &BTreeMap<String, String>, key: &str) -> BTreeMap<String, String> {
    ["zero", "one", "two", "few", "many", "other"]
        .iter()
        .filter_map(|cat| {
            strings
                .get(&format!("{key}_{cat}"))
                .map(|s| (cat.to_string(), s.clone()))
        })
        .collect()
}
