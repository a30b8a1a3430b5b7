//! Search quality on the development queries, and the CLI's output.

mod common;
use ccu_portal::lang::Lang;
use ccu_portal::site;
use common::*;

/// (lang, query, acceptable ids) from the development set.
fn dev_queries() -> Vec<(Lang, String, Vec<String>)> {
    let text = std::fs::read_to_string(repo().join("tests/fixtures/search-dev.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.split('\t');
            let lang = Lang::parse(parts.next().unwrap()).unwrap();
            let query = parts.next().unwrap().to_string();
            let ids = parts
                .next()
                .unwrap()
                .split(',')
                .map(str::to_string)
                .collect();
            (lang, query, ids)
        })
        .collect()
}

#[test]
fn recall_at_3_is_at_least_0_9_in_each_language() {
    let (loaded, _) = site::check(&repo(), false);
    let loaded = loaded.expect("the real site loads");
    let queries = dev_queries();
    assert!(queries.len() >= 30);
    let mut report = Vec::new();
    for lang in Lang::ALL {
        let index = site::search_index(&loaded, lang).unwrap();
        let mine: Vec<_> = queries.iter().filter(|q| q.0 == lang).collect();
        let mut found = 0;
        for (_, query, ids) in &mine {
            let hits = index.search(query, 3).unwrap();
            if hits.iter().any(|h| ids.contains(&h.id)) {
                found += 1;
            } else {
                report.push(format!(
                    "{lang} {query:?}: want {ids:?}, got {:?}",
                    hits.iter().map(|h| &h.id).collect::<Vec<_>>()
                ));
            }
        }
        let recall = found as f64 / mine.len() as f64;
        assert!(
            recall >= 0.9,
            "{lang}: recall@3 {recall:.2}\n{}",
            report.join("\n")
        );
    }
    eprintln!("misses:\n{}", report.join("\n"));
}

#[test]
fn citizens_words_without_special_letters_or_with_typos_still_find_the_service() {
    let (loaded, _) = site::check(&repo(), false);
    let loaded = loaded.unwrap();
    let cases = [
        (Lang::Az, "menzil novbesi", "service:5.1"),
        (Lang::Az, "sehid ailesi menzil", "service:5.1"),
        (Lang::Az, "ISSIZLIK", "service:1.3"),
        (Lang::En, "find a job", "service:1.3"),
        (Lang::En, "pensoin", "service:1.4"),
        (Lang::En, "vaccinations", "service:6.2"),
        (Lang::Ru, "путевка в санаторий", "service:1.6"),
        (Lang::Ru, "ПЕНСИЯ", "service:1.4"),
        (Lang::Ru, "прививки", "service:6.2"),
    ];
    for (lang, query, want) in cases {
        let index = site::search_index(&loaded, lang).unwrap();
        let hits = index.search(query, 3).unwrap();
        assert!(
            hits.iter().any(|h| h.id == want),
            "{lang} {query:?}: {hits:?}"
        );
    }
}

#[test]
fn cli_prints_json_results_best_first() {
    let out = ccu(&[
        "search",
        "--root",
        repo().to_str().unwrap(),
        "--lang",
        "en",
        "--json",
        "medals",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hits = v.as_array().unwrap();
    assert_eq!(hits[0]["id"], "service:2.3");
    assert_eq!(hits[0]["url"], "/en/services/2-3/");
    assert!(hits[0]["score"].as_f64().unwrap() > hits[1]["score"].as_f64().unwrap());
    let bad = ccu(&[
        "search",
        "--root",
        repo().to_str().unwrap(),
        "--lang",
        "fr",
        "x",
    ]);
    assert_eq!(bad.status.code(), Some(2));
}
