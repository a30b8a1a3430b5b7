use super::*;
use crate::catalog;

fn real() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/catalog.yaml")).unwrap()
}

fn scalar(path: &str, v: &str) -> Change {
    Change {
        path: path.into(),
        value: Value::Scalar(v.into()),
    }
}

/// The catalog as JSON, to compare everything it holds.
fn json(src: &str) -> serde_json::Value {
    let mut diags = Vec::new();
    let c = catalog::parse(src, "catalog.yaml", &mut diags)
        .unwrap_or_else(|| panic!("the edited catalog reads: {diags:?}"));
    serde_json::to_value(&c).unwrap()
}

fn pointer(path: &str) -> String {
    let mut out = String::new();
    for part in path.split('.') {
        let (key, idx) = part.split_once('[').unwrap_or((part, ""));
        out.push('/');
        out.push_str(key);
        for i in idx.split('[').filter(|s| !s.is_empty()) {
            out.push('/');
            out.push_str(i.trim_end_matches(']'));
        }
    }
    out
}

/// Edits one value of the real catalog and proves: the bytes before and after the
/// value's own range are unchanged, and the catalog reads as before but for that value.
fn edit_only(path: &str, value: Value) -> String {
    let old = real();
    let doc = Doc::parse(&old).unwrap();
    let (start, end) = doc
        .node(path)
        .map(|n| (n.start, n.end))
        .unwrap_or_else(|| panic!("{path} is found"));
    let new = doc
        .apply(&[Change {
            path: path.into(),
            value: value.clone(),
        }])
        .unwrap();
    assert_eq!(
        &new[..start],
        &old[..start],
        "{path}: nothing before it changes"
    );
    let tail = old.len() - end;
    assert_eq!(
        &new[new.len() - tail..],
        &old[end..],
        "{path}: nothing after it changes"
    );
    assert_ne!(new, old);
    let mut expected = json(&old);
    let slot = expected.pointer_mut(&pointer(path)).unwrap();
    *slot = match value {
        Value::Scalar(s) if slot.is_number() => serde_json::json!(s.parse::<f64>().unwrap()),
        Value::Scalar(s) => serde_json::Value::String(s),
        Value::List(items) => serde_json::json!(items),
    };
    assert_eq!(json(&new), expected, "{path}: only this value changed");
    new
}

#[test]
fn texts_of_every_style_are_replaced_in_place() {
    // plain, in a block mapping
    let new = edit_only(
        "services[3].description.ru",
        Value::Scalar("Новое описание.".into()),
    );
    assert!(new.contains("      ru: Новое описание.\n"));
    // a text that needs quotes: `: ` would start a field
    let new = edit_only(
        "services[3].description.en",
        Value::Scalar("Note: call first".into()),
    );
    assert!(new.contains("      en: \"Note: call first\"\n"));
    // inside a flow mapping `{az: …, en: …}`, a comma needs quotes
    let new = edit_only(
        "topics[0].name.en",
        Value::Scalar("Pensions, benefits".into()),
    );
    assert!(new.contains("en: \"Pensions, benefits\", ru:"));
    // double-quoted facts keep their quotes; a quote inside is escaped
    let new = edit_only(
        "services[0].facts.how[0].text.en",
        Value::Scalar("The \"electronic\" certificate.".into()),
    );
    assert!(new.contains(r#"en: "The \"electronic\" certificate.""#));
    // a folded block keeps its style
    let new = edit_only(
        "programme.summary.en",
        Value::Scalar("The units were set up in 2021.".into()),
    );
    assert!(new.contains("  summary:\n    az: >-"));
    assert!(new.contains("    en: >-\n      The units were set up in 2021.\n    ru: >-"));
    // several lines become a literal block
    edit_only(
        "programme.summary.ru",
        Value::Scalar("Первая строка.\nВторая строка.".into()),
    );
    // any text at all reads back
    for odd in [
        " leading",
        "yes",
        "1.4",
        "#tag",
        "a\\b",
        "tab\there",
        "- item",
        "'quoted'",
    ] {
        edit_only("services[3].description.ru", Value::Scalar(odd.into()));
    }
}

#[test]
fn lists_dates_references_and_fact_fields_are_replaced_in_place() {
    let keywords: Vec<String> = ["пенсия", "пособие, выплата", "МСЭ"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let new = edit_only("services[1].keywords.ru", Value::List(keywords));
    assert!(new.contains("      ru: [пенсия, \"пособие, выплата\", МСЭ]\n"));
    // unchanged items keep their own spelling (the «» around bir pəncərə)
    let doc = Doc::parse(&real()).unwrap();
    let Some(Value::List(mut principles)) = doc.value("programme.principles.az") else {
        panic!("principles are a list")
    };
    principles.push("yeni".into());
    let new = edit_only("programme.principles.az", Value::List(principles));
    assert!(new.contains("az: [«bir pəncərə», operativlik"));
    // a date
    let new = edit_only("programme.decree.date", Value::Scalar("2021-06-26".into()));
    assert!(new.contains("    date: \"2021-06-26\"\n"));
    // references
    edit_only("services[3].agency", Value::Scalar("health".into()));
    edit_only("services[3].topic", Value::Scalar("employment".into()));
    edit_only(
        "services[3].audiences",
        Value::List(vec!["martyr-families".into()]),
    );
    // a fact's source and checked date
    edit_only(
        "services[0].facts.how[0].source",
        Value::Scalar("https://dost.gov.az/services/other/?kt=1".into()),
    );
    edit_only(
        "services[0].facts.how[0].checked",
        Value::Scalar("2026-12-01".into()),
    );
    edit_only(
        "services[0].facts.how[0].match",
        Value::Scalar("exact".into()),
    );
    // a unit's note
    edit_only("units[0].note.en", Value::Scalar("Call 142.".into()));
    // numbers and yes-or-no stay unquoted
    let new = edit_only("districts[0].lat", Value::Scalar("40.5".into()));
    assert!(new.contains("    lat: 40.5\n"));
}

#[test]
fn a_missing_key_is_added_on_its_own_line_and_nothing_else_moves() {
    let old = real();
    let doc = Doc::parse(&old).unwrap();
    let new = doc
        .apply(&[scalar("services[3].updated", "2026-12-01")])
        .unwrap();
    // exactly one line more, at the end of the service's mapping
    let added: Vec<&str> = new
        .lines()
        .filter(|l| !old.lines().any(|o| o == *l))
        .collect();
    assert_eq!(added, ["    updated: \"2026-12-01\""]);
    assert_eq!(new.len(), old.len() + "\n    updated: \"2026-12-01\"".len());
    let mut diags = Vec::new();
    let c = catalog::parse(&new, "catalog.yaml", &mut diags).unwrap();
    assert_eq!(c.services[3].updated.as_deref(), Some("2026-12-01"));
    // in a flow mapping, before its `}`
    let src = "t:\n  name: {az: A, en: B}  # note\n";
    let doc = Doc::parse(src).unwrap();
    let new = doc.apply(&[scalar("t.name.ru", "В")]).unwrap();
    assert_eq!(new, "t:\n  name: {az: A, en: B, ru: В}  # note\n");
    // in a block mapping whose last line has a comment: after the comment
    let src = "t:\n  name:\n    az: A  # az\n    en: B  # en\nnext: 1\n";
    let doc = Doc::parse(src).unwrap();
    let new = doc
        .apply(&[scalar("t.name.ru", "В"), scalar("t.name.en", "C")])
        .unwrap();
    assert_eq!(
        new,
        "t:\n  name:\n    az: A  # az\n    en: C  # en\n    ru: В\nnext: 1\n"
    );
}

#[test]
fn a_missing_text_is_added_as_a_new_mapping_of_its_languages() {
    let src = "s:\n  - id: x\n    name:\n      az: A\n  # next\n  - id: y\n";
    let doc = Doc::parse(src).unwrap();
    let new = doc
        .apply(&[
            scalar("s[0].title.az", "Başlıq"),
            scalar("s[0].title.en", "Title: plain"),
        ])
        .unwrap();
    assert_eq!(
        new,
        "s:\n  - id: x\n    name:\n      az: A\n    title:\n      az: Başlıq\n      en: \"Title: plain\"\n  # next\n  - id: y\n"
    );
}

#[test]
fn values_shared_through_an_alias_are_not_changed_behind_the_editors_back() {
    let doc = Doc::parse(&real()).unwrap();
    // services[7] (1.8) says `facts: *insurance-facts`
    let err = doc
        .apply(&[scalar("services[7].facts.who[0].text.en", "x")])
        .unwrap_err();
    assert!(err.contains("shared") && err.contains("alias"), "{err}");
    // the anchor itself is known to be shared
    assert!(
        doc.anchored_above("services[6].facts.who[0].text.en")
            .is_some()
    );
}

#[test]
fn comments_quotes_and_order_survive_a_small_edit_byte_for_byte() {
    let src =
        "# head\na:   'x'   # keep\nb:\n  - \"y\"\n  - z # c\n\nc: |\n  one\n  two\n\nd: end\n";
    let doc = Doc::parse(src).unwrap();
    assert_eq!(
        doc.apply(&[scalar("a", "it's")]).unwrap(),
        src.replace("'x'", "'it''s'")
    );
    assert_eq!(
        doc.apply(&[scalar("b[1]", "w")]).unwrap(),
        src.replace("- z # c", "- w # c")
    );
    assert_eq!(
        doc.apply(&[scalar("c", "three\nfour\n")]).unwrap(),
        src.replace("  one\n  two", "  three\n  four")
    );
    assert_eq!(doc.value("c"), Some(Value::Scalar("one\ntwo\n".into())));
}

#[test]
fn every_value_of_the_real_catalog_can_be_changed_alone() {
    let old = real();
    let doc = Doc::parse(&old).unwrap();
    let mut paths: Vec<&String> = doc.scalars().map(|(p, _)| p).collect();
    paths.sort();
    assert!(paths.len() > 2000, "{}", paths.len());
    // Each edit parses the whole file twice (ours, then the loader's read-back): spread
    // over the machine's cores, or this one test takes minutes.
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    crate::par::map_in_order(&paths, threads, |path| {
        let node = doc.node(path).unwrap();
        let value = format!("{} – «x»: y", node.scalar.as_deref().unwrap());
        let new = doc
            .apply(&[scalar(path, &value)])
            .unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(&new[..node.start], &old[..node.start], "{path}");
        assert_eq!(
            &new[new.len() - (old.len() - node.end)..],
            &old[node.end..],
            "{path}"
        );
    });
}

#[test]
fn an_entry_is_added_at_the_end_of_its_list_and_removed_whole() {
    let old = real();
    let doc = Doc::parse(&old).unwrap();
    let text = |az: &str, en: &str| {
        Entry::Map(vec![
            ("az".into(), Value::Scalar(az.into())),
            ("en".into(), Value::Scalar(en.into())),
        ])
    };
    let item = vec![
        ("id".to_string(), Entry::Value(Value::Scalar("9.1".into()))),
        (
            "agency".into(),
            Entry::Value(Value::Scalar("labour".into())),
        ),
        (
            "topic".into(),
            Entry::Value(Value::Scalar("employment".into())),
        ),
        (
            "audiences".into(),
            Entry::Value(Value::List(vec!["martyr-families".into()])),
        ),
        ("name".into(), text("Ad", "Name")),
        ("description".into(), text("Təsvir", "Description: new")),
    ];
    let new = doc.append("services", &item).unwrap();
    let added: Vec<&str> = new
        .lines()
        .filter(|l| !old.lines().any(|o| o == *l))
        .collect();
    assert_eq!(
        added,
        [
            "  - id: \"9.1\"",
            "      az: Ad",
            "      en: Name",
            "      az: Təsvir",
            "      en: \"Description: new\"",
        ]
    );
    let mut diags = Vec::new();
    let c = catalog::parse(&new, "catalog.yaml", &mut diags).unwrap();
    let last = c.services.last().unwrap();
    assert_eq!(
        (last.id.as_str(), last.topic.as_str()),
        ("9.1", "employment")
    );
    // Removed again: the file is as it was.
    let again = Doc::parse(&new).unwrap();
    let n = c.services.len() - 1;
    assert_eq!(again.remove(&format!("services[{n}]")).unwrap(), old);
    // A service in the middle: only its lines go.
    let without = doc.remove("services[3]").unwrap();
    let c2 = catalog::parse(&without, "catalog.yaml", &mut diags).unwrap();
    assert_eq!(c2.services.len(), c.services.len() - 2);
    assert!(c2.services.iter().all(|s| s.id != "1.4"));
    assert!(old.starts_with(&without[..doc.node("services[3]").unwrap().start - 4]));
}

#[test]
fn a_fact_is_added_to_its_list_or_with_the_lists_it_needs() {
    let fact = vec![
        (
            "text".to_string(),
            Entry::Map(vec![
                ("az".into(), Value::Scalar("Mətn.".into())),
                ("en".into(), Value::Scalar("Text: new.".into())),
            ]),
        ),
        (
            "source".into(),
            Entry::Value(Value::Scalar("https://example.org/a".into())),
        ),
        (
            "checked".into(),
            Entry::Value(Value::Scalar("2026-11".into())),
        ),
        ("match".into(), Entry::Value(Value::Scalar("close".into()))),
    ];
    let src = "s:\n  - id: x\n    facts:\n      how:\n        - text: {az: A}\n          source: https://a\n  - id: y\n  - id: z\n    name: n\n";
    let doc = Doc::parse(src).unwrap();
    // After the facts there are.
    let new = doc.add_item("s[0].facts.how", &fact).unwrap();
    assert_eq!(
        new,
        src.replace(
            "source: https://a\n",
            "source: https://a\n        - text:\n            az: Mətn.\n            en: \"Text: new.\"\n          source: https://example.org/a\n          checked: \"2026-11\"\n          match: close\n"
        )
    );
    // A kind not there yet.
    let new = doc.add_item("s[0].facts.cost", &fact).unwrap();
    assert!(
        new.contains("source: https://a\n      cost:\n        - text:\n            az: Mətn.\n"),
        "{new}"
    );
    // No facts at all yet.
    let new = doc.add_item("s[2].facts.time", &fact).unwrap();
    assert!(new.ends_with("    name: n\n    facts:\n      time:\n        - text:\n            az: Mətn.\n            en: \"Text: new.\"\n          source: https://example.org/a\n          checked: \"2026-11\"\n          match: close\n"), "{new}");
}

#[test]
fn an_emptied_translation_leaves_the_file() {
    let old = real();
    let doc = Doc::parse(&old).unwrap();
    let new = doc
        .apply(&[scalar("services[3].description.ru", "")])
        .unwrap();
    let gone: Vec<&str> = old
        .lines()
        .filter(|l| !new.lines().any(|n| n == *l))
        .collect();
    assert_eq!(
        gone,
        ["      ru: Подайте заявление о назначении трудовой пенсии или социального пособия."]
    );
    assert_eq!(new.len() + gone[0].len() + 1, old.len());
    let mut diags = Vec::new();
    let c = catalog::parse(&new, "catalog.yaml", &mut diags).unwrap();
    assert_eq!(c.services[3].description.ru, None);
    // In a flow mapping, with its comma.
    let src = "t: {az: A, en: B, ru: C}\nu: {az: A, en: B}\n";
    let doc = Doc::parse(src).unwrap();
    assert_eq!(
        doc.apply(&[scalar("t.en", ""), scalar("u.en", "")])
            .unwrap(),
        "t: {az: A, ru: C}\nu: {az: A}\n"
    );
}

/// The value at `path` as the loader's parser reads `text`.
fn loader_reads(text: &str, path: &str) -> Option<catalog::Tree> {
    catalog::read_tree(text).unwrap().at(path).cloned()
}

#[test]
fn a_separator_the_loader_reads_as_a_line_break_never_reaches_a_block_or_quotes_raw() {
    let value = "Первая строка.\u{2028}    updated: 2026-01-01";
    for (old, shape) in [
        (
            "s:\n  - d:\n      ru: |-\n        Old.\n    id: x\n",
            "literal",
        ),
        (
            "s:\n  - d:\n      ru: >-\n        Old.\n    id: x\n",
            "folded",
        ),
        ("s:\n  - d:\n      ru: 'Old.'\n    id: x\n", "single"),
        ("s:\n  - d:\n      ru: Old.\n    id: x\n", "plain"),
        ("s:\n  - d:\n      ru: \"Old.\"\n    id: x\n", "double"),
    ] {
        let doc = Doc::parse(old).unwrap();
        let Ok(new) = doc.apply(&[scalar("s[0].d.ru", value)]) else {
            continue;
        };
        // Written at all, it reads back as asked for the loader too, and adds no key.
        assert_eq!(
            loader_reads(&new, "s[0].d.ru"),
            Some(catalog::Tree::Text(value.into())),
            "{shape}: {new}"
        );
        assert_eq!(loader_reads(&new, "s[0].updated"), None, "{shape}: {new}");
    }
}

#[test]
fn a_text_that_would_read_as_a_number_or_nothing_is_written_in_quotes() {
    let old = "t:\n  az: A\n  en: B\n";
    for v in [
        ".inf",
        "-.inf",
        ".NaN",
        "~",
        "null",
        "Null",
        "true",
        "FALSE",
        "yes",
        "off",
        "0x1F",
        "0o17",
        "1e3",
        "+12",
        "12:30",
        "2026-01-01",
        "1_000",
    ] {
        let doc = Doc::parse(old).unwrap();
        let new = doc.apply(&[scalar("t.en", v)]).unwrap();
        assert_eq!(
            loader_reads(&new, "t.en"),
            Some(catalog::Tree::Text(v.into())),
            "{v}: {new}"
        );
        let mut list = Doc::parse("k: [a, b]\n").unwrap().apply(&[Change {
            path: "k".into(),
            value: Value::List(vec![v.into(), "c".into()]),
        }]);
        let list = list.as_mut().unwrap();
        assert_eq!(
            loader_reads(list, "k[0]"),
            Some(catalog::Tree::Text(v.into())),
            "{v}: {list}"
        );
    }
}

#[test]
fn a_file_the_two_parsers_read_differently_is_not_edited() {
    // Written by hand: a raw U+2028 in a block, which the loader reads as a new key.
    let old = "s:\n  - d:\n      en: E\n      ru: |-\n        One.\u{2028}    updated: 2026-01-01\n    id: x\n";
    let doc = Doc::parse(old).unwrap();
    let err = doc.apply(&[scalar("s[0].d.en", "F")]).unwrap_err();
    assert!(err.contains("s[0]"), "{err}");
}
