//! Property test: the editor's save, `ccu check` and the build agree. Any value an editor
//! can type (every kind of character, YAML's indicators, words YAML reads as numbers or
//! nothing) saved into any kind of value is either refused at its field, or read back by
//! the loader exactly as typed, and the site then checks clean and renders.

mod common;
use ccu_portal::edit::form::{Form, Kind};
use ccu_portal::edit::yaml::Value;
use ccu_portal::edit::{self, Outcome};
use ccu_portal::{catalog, content, lang::Lang, site};
use proptest::prelude::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// The fixture, with its values written in every style the editor meets: plain, single
/// and double quotes, literal and folded blocks, flow and block mappings, and a fact.
fn styled_site() -> tempfile::TempDir {
    let dir = common::site(Some("valid"));
    let path = dir.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let styled = text.replacen(
        "    description: {az: Pensiya üçün müraciət, en: Apply for a pension, ru: Заявление на пенсию}\n",
        "    description:\n      az: Pensiya üçün müraciət\n      en: 'Apply for a pension'\n      ru: |-\n        Заявление на пенсию\n    title:\n      az: >-\n        Pensiya\n      en: \"Pension\"\n      ru: Пенсия\n    facts:\n      how:\n        - text:\n            az: Ərizə verin.\n            en: Apply.\n            ru: Подайте заявление.\n          source: https://example.gov.az/apply\n          checked: \"2026-11\"\n          match: exact\n          quote: 'Apply in person.'\n",
        1,
    );
    assert_ne!(styled, text);
    std::fs::write(&path, styled).unwrap();
    let (_, diags) = site::check_all(dir.path(), false);
    assert!(errors(&diags).is_empty(), "{:?}", errors(&diags));
    dir
}

fn errors(diags: &[ccu_portal::diag::Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect()
}

/// The value kinds: the form's page, the field, and how the loader's value is found.
const TARGETS: &[(&str, &str)] = &[
    ("/en/services/1-4/", "services[0].description.az"),
    ("/en/services/1-4/", "services[0].description.en"),
    ("/en/services/1-4/", "services[0].description.ru"),
    ("/en/services/1-4/", "services[0].title.az"),
    ("/en/services/1-4/", "services[0].title.en"),
    ("/en/services/1-4/", "services[0].keywords.ru"),
    ("/en/services/1-4/", "services[0].updated"),
    ("/en/services/1-4/", "services[0].facts.how[0].source"),
    ("/en/services/1-4/", "services[0].facts.how[0].quote"),
    ("/en/services/1-4/", "services[0].facts.how[0].text.en"),
    ("/en/services/1-4/", "new_fact.quote"),
    ("/en/services/5-1/", "services[1].title.az"),
    ("/en/services/5-1/", "services[1].updated"),
    ("/en/agencies/labour/", "agencies[0].short_name.az"),
    ("/en/districts/az-mas/", "districts[0].spellings"),
    ("/en/units/masalli/", "units[0].name.en"),
    ("/en/guides/apply/", "en.title"),
    ("/en/guides/apply/", "en.description"),
    ("/en/guides/apply/", "en.body"),
];

/// What a browser sends for `form`, with `path` set to `value`.
fn sent(form: &Form, path: &str, value: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for f in form.fields.iter().filter(|f| f.fixed.is_none()) {
        if f.path == path {
            out.push((f.path.clone(), value.to_string()));
            continue;
        }
        match (&f.kind, &f.value) {
            (Kind::Choices(_), Some(Value::List(items))) => {
                out.extend(items.iter().map(|i| (f.path.clone(), i.clone())))
            }
            (_, Some(Value::List(items))) => out.push((f.path.clone(), items.join("\n"))),
            (_, Some(Value::Scalar(s))) => out.push((f.path.clone(), s.clone())),
            (_, None) => out.push((f.path.clone(), String::new())),
        }
    }
    // A new fact needs the rest of its fields to be one.
    if path.starts_with("new_fact.") {
        for (k, v) in [
            ("new_fact.kind", "how"),
            ("new_fact.text.az", "Ərizə 10 gün ərzində baxılır."),
            ("new_fact.source", "https://example.gov.az/time"),
            ("new_fact.checked", "2026-11"),
        ] {
            if k != path {
                out.retain(|(p, _)| p != k);
                out.push((k.into(), v.into()));
            }
        }
    }
    out
}

/// The JSON pointer of a catalog path (`services[0].facts.how[0].source`).
fn pointer(path: &str) -> String {
    path.split('.')
        .flat_map(|part| {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            std::iter::once(key.to_string()).chain(
                rest.split('[')
                    .filter(|s| !s.is_empty())
                    .map(|i| i.trim_end_matches(']').to_string()),
            )
        })
        .map(|p| format!("/{p}"))
        .collect()
}

/// What the loader reads at `path` after the save: the catalog's value, a guide's
/// title or description, or the text of a guide's file after its front matter.
fn loaded(root: &Path, path: &str) -> serde_json::Value {
    if let Some(key) = path.strip_prefix("en.") {
        let mut diags = Vec::new();
        let guides = content::load(root, false, &mut diags);
        let g = &guides["apply"][&Lang::En];
        return match key {
            "title" => g.title.clone().into(),
            "description" => g.description.clone().into(),
            _ => {
                let file = std::fs::read_to_string(root.join("content/en/apply.md")).unwrap();
                // As the loader splits it: the front matter ends at the first `---` line.
                let rest = file.strip_prefix("---\n").unwrap_or_default();
                let body = rest.find("\n---\n").map_or("", |i| &rest[i + 5..]);
                body.strip_suffix('\n').unwrap_or(body).into()
            }
        };
    }
    let mut diags = Vec::new();
    let c = catalog::load(root, false, &mut diags).expect("the catalog loads");
    let json = serde_json::to_value(&c).unwrap();
    // A new fact is the last of its list.
    let last = json
        .pointer("/services/0/facts/how")
        .and_then(|h| h.as_array())
        .map_or(0, |h| h.len().saturating_sub(1));
    let path = path.replace("new_fact.", &format!("services[0].facts.how[{last}]."));
    json.pointer(&pointer(&path))
        .cloned()
        .unwrap_or(serde_json::Value::Null)
}

/// Saves `value` into `path` through the editor; refused at the field, or read back as
/// typed with a site that checks clean. A description of what went wrong, if anything did.
fn save_and_read_back(root: &Path, page: &str, path: &str, value: &str) -> Result<bool, String> {
    let (form, hash) = edit::open(root, page).map_err(|_| format!("{page} opens"))?;
    let kind = form
        .fields
        .iter()
        .find(|f| f.path == path)
        .map(|f| f.kind.clone())
        .ok_or_else(|| format!("{page} has {path}"))?;
    let deadline = Instant::now() + Duration::from_secs(30);
    match edit::save(root, page, &sent(&form, path, value), &hash, deadline) {
        Outcome::Saved { .. } => {}
        Outcome::Invalid { form, .. } => {
            let at = form.fields.iter().find(|f| f.path == path);
            return match at.and_then(|f| f.error.as_ref()) {
                Some(_) => Ok(false),
                None => Err(format!(
                    "refused, but not at the field: {:?} {:?}",
                    form.errors,
                    form.fields
                        .iter()
                        .filter_map(|f| f.error.as_ref().map(|e| (&f.path, e)))
                        .collect::<Vec<_>>()
                )),
            };
        }
        _ => return Err("neither saved nor refused at a field".into()),
    }
    let want: serde_json::Value = match kind {
        Kind::Lines => value
            .replace("\r\n", "\n")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(String::from)
            .collect::<Vec<_>>()
            .into(),
        _ => {
            let v = value.replace("\r\n", "\n").trim().to_string();
            if v.is_empty() && !path.starts_with("en.") {
                serde_json::Value::Null
            } else {
                v.into()
            }
        }
    };
    let got = loaded(root, path);
    // Emptied: gone, or empty.
    let empty = |v: &serde_json::Value| {
        v.is_null() || *v == serde_json::json!("") || *v == serde_json::json!([])
    };
    if got != want && !(empty(&want) && empty(&got)) {
        return Err(format!("read back as {got:?}, not {want:?}"));
    }
    let (_, diags) = site::check_all(root, false);
    let errs = errors(&diags);
    if !errs.is_empty() {
        return Err(format!("saved, then `ccu check` finds: {errs:?}"));
    }
    Ok(true)
}

/// Pieces values are made of: every class of character, YAML's indicators and words.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9 ]{1,8}",
        "[əğıİöüşçƏĞÖÜŞÇ]{1,4}",
        "[а-яА-ЯёЁ]{1,6}",
        "\\PC{1,3}",
        Just("\u{2028}".to_string()),
        Just("\u{2029}".to_string()),
        Just("\u{85}".to_string()),
        Just("\u{feff}".to_string()),
        Just("\u{0}".to_string()),
        Just("\u{1b}".to_string()),
        Just("\u{b}".to_string()),
        Just("\u{7f}".to_string()),
        Just("\u{9b}".to_string()),
        Just("\u{fffe}".to_string()),
        Just("\t".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\r".to_string()),
        Just("\u{200b}\u{200e}\u{301}".to_string()),
        Just("🇦🇿".to_string()),
        prop::sample::select(vec![
            ": ",
            " #",
            "#",
            "- ",
            "-",
            "? ",
            "&a ",
            "*a",
            "!",
            "!!str ",
            "|",
            ">",
            "'",
            "\"",
            "''",
            "\\",
            "\\n",
            "\\L",
            "---",
            "...",
            "%YAML",
            "@",
            "`",
            "{",
            "}",
            "[",
            "]",
            ",",
            "  ",
            " ",
            ".inf",
            "-.inf",
            ".nan",
            "~",
            "null",
            "Null",
            "true",
            "false",
            "yes",
            "no",
            "on",
            "off",
            "y",
            "n",
            "0x1F",
            "0o17",
            "1e3",
            "+1",
            "-0",
            "12:30",
            "2026-01-01",
            "2026-11",
            "1_000",
            "1.4",
            "<<",
            "https://example.gov.az/x?a=1#b",
        ])
        .prop_map(String::from),
    ]
}

fn value() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 1..6).prop_map(|p| p.concat())
}

proptest! {
    // About 150 saves and a render: well under a minute in release on two cores.
    #![proptest_config(ProptestConfig {
        cases: 150,
        failure_persistence: None,
        // The same cases each run (a failure is one to fix, not bad luck).
        rng_seed: proptest::test_runner::RngSeed::Fixed(1380),
        .. ProptestConfig::default()
    })]

    #[test]
    fn a_saved_value_is_refused_at_its_field_or_read_back_as_typed(
        target in 0..TARGETS.len(),
        value in value(),
    ) {
        let site = SITE.with(|s| s.path().to_path_buf());
        let (page, path) = TARGETS[target];
        let result = save_and_read_back(&site, page, path, &value);
        prop_assert!(result.is_ok(), "{path} = {value:?}: {}", result.unwrap_err());
    }
}

thread_local! {
    /// One site for the cases (each starts from where the last left it, as an editor's day does).
    static SITE: tempfile::TempDir = styled_site();
}

#[test]
fn the_values_that_broke_the_editor_are_refused_or_read_back_and_the_site_renders() {
    let dir = styled_site();
    let root = dir.path();
    let mut saved = 0;
    for value in [
        "Первая строка.\u{2028}    updated: 2026-01-01",
        "About\u{2029}slug: where",
        "x\u{85}weight: 1",
        "\u{feff}BOM",
        ".inf",
        ".nan",
        "~",
        "null",
        "yes",
        "off",
        "0x1F",
        "- a\n- b",
        "a: b # c",
        "'quoted'",
        "\"double\"",
        "|\n  literal",
        "---\ntitle: x\n---",
        "  leading and trailing  ",
        "&anchor *alias !tag %dir @at `tick`",
    ] {
        for (page, path) in TARGETS {
            match save_and_read_back(root, page, path, value) {
                Ok(true) => saved += 1,
                Ok(false) => {}
                Err(e) => panic!("{path} = {value:?}: {e}"),
            }
        }
    }
    assert!(saved > 50, "most values are saved somewhere ({saved})");
    let (loaded, diags) = site::check_all(root, false);
    assert!(errors(&diags).is_empty(), "{:?}", errors(&diags));
    site::render_site(&loaded.expect("the site loads")).expect("the site renders");
}
