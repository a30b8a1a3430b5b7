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

fn search_json(lang: &str, query: &str) -> serde_json::Value {
    let out = ccu(&[
        "search",
        "--root",
        repo().to_str().unwrap(),
        "--lang",
        lang,
        "--json",
        "--full",
        query,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn everyday_queries_reach_recall_0_97_and_the_development_set_stays_whole() {
    for (file, want) in [("search-dev.tsv", 1.0), ("search-dev-everyday.tsv", 0.97)] {
        let text = std::fs::read_to_string(repo().join("tests/fixtures").join(file)).unwrap();
        let (loaded, _) = site::check(&repo(), false);
        let loaded = loaded.unwrap();
        let indexes = ccu_portal::search::Indexes::new(|l| site::search_index(&loaded, l));
        let (mut found, mut all, mut misses) = (0, 0, Vec::new());
        for line in text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let cols: Vec<&str> = line.split('\t').collect();
            let lang = Lang::parse(cols[0]).unwrap();
            let a = ccu_portal::search::answer(cols[1], lang, 3, &indexes).unwrap();
            all += 1;
            if a.hits
                .iter()
                .any(|h| cols[2].split(',').any(|id| id == h.id))
            {
                found += 1;
            } else {
                misses.push(line.to_string());
            }
        }
        let recall = f64::from(found) / f64::from(all);
        eprintln!("{file}: recall@3 {recall:.3} ({found}/{all}); misses {misses:?}");
        assert!(recall >= want, "{file}: {recall:.3}; misses {misses:?}");
    }
}

#[test]
fn a_document_with_every_word_passes_one_with_a_common_word_many_times() {
    // Every certificate service says справка; only the medical-certificates register also
    // says врач. Without coordination the military certificates filled the top three.
    for (lang, query, want) in [
        ("ru", "справка от врача", "service:6.3"),
        ("en", "military medical commission", "service:2.4"),
        ("en", "military decoration", "service:2.3"),
    ] {
        let v = search_json(lang, query);
        let top: Vec<&str> = v["hits"].as_array().unwrap()[..3]
            .iter()
            .map(|h| h["id"].as_str().unwrap())
            .collect();
        assert!(top.contains(&want), "{lang} {query}: {top:?}");
    }
    assert_eq!(ccu_portal::search::coordination(0b101, 0b111), 2.0 / 3.0);
    assert_eq!(ccu_portal::search::coordination(0, 0), 1.0);
}

#[test]
fn a_query_in_another_language_or_script_is_answered_in_the_page_language() {
    let v = search_json("az", "работа для инвалидов");
    assert_eq!(v["matched_lang"], "ru");
    assert_eq!(v["hits"][0]["id"], "service:1.3");
    assert_eq!(v["hits"][0]["url"], "/az/services/1-3/");
    assert_eq!(v["hits"][0]["title"], "İş tapmaq üçün kömək almaq");
    let v = search_json("ru", "rabota");
    assert_eq!(
        (&v["matched_lang"], &v["matched_query"]),
        (&"ru".into(), &"работа".into())
    );
    assert_eq!(v["hits"][0]["url"], "/ru/services/1-3/");
    let v = search_json("az", "мензил");
    assert_eq!(v["matched_query"], "menzil");
    assert_eq!(v["hits"][0]["id"], "service:5.1");
    // The page's own language wins when it knows every word.
    assert_eq!(search_json("en", "pension")["matched_lang"], "en");
    // Human output says where the words matched.
    let out = ccu(&[
        "search",
        "--root",
        repo().to_str().unwrap(),
        "--lang",
        "en",
        "пенсия",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("matched your words in Russian"), "{text}");
    assert!(text.contains("/en/services/1-4/"), "{text}");
}

#[test]
fn nothing_found_says_so_and_offers_words_topics_and_ways_to_ask() {
    let v = search_json("en", "penzoin");
    assert_eq!(v["hits"].as_array().unwrap().len(), 0);
    assert!(
        v["did_you_mean"]
            .as_array()
            .unwrap()
            .contains(&"pension".into()),
        "{v}"
    );
    let out = ccu(&[
        "search",
        "--root",
        repo().to_str().unwrap(),
        "--lang",
        "az",
        "qqqqqqzzzz",
    ]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for want in [
        "tapa bilmədik",
        "Mənzil",
        "142 Çağrı Mərkəzi",
        "Səyyar xidmət",
        "/az/topics/housing/",
    ] {
        assert!(text.contains(want), "{want} missing from:\n{text}");
    }
}

#[test]
fn synonyms_editors_keep_are_checked_and_used() {
    let dir = site(None);
    let file = dir.path().join("content/synonyms.yaml");
    std::fs::write(
        &file,
        "en:\n  dole: [unemployment]\nfr:\n  x: [y]\nru:\n  собес: []\n",
    )
    .unwrap();
    let out = ccu(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("content/synonyms.yaml:3:1") && err.contains("unknown language `fr`"),
        "{err}"
    );
    assert!(
        err.contains("content/synonyms.yaml:6:3") && err.contains("means nothing"),
        "{err}"
    );
    std::fs::write(&file, "en:\n  zzzword: [medals]\n").unwrap();
    let out = ccu(&[
        "search",
        "--root",
        dir.path().to_str().unwrap(),
        "--lang",
        "en",
        "--json",
        "zzzword",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v[0]["id"], "service:2.3", "{v}");
    // The file is not mistaken for a guide, and a clean one gives no warning.
    let out = ccu(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(!stderr(&out).contains("warning"), "{}", stderr(&out));
    // A line whose meanings no page uses finds nothing: check says so, at its line.
    std::fs::write(
        &file,
        "en:\n  dole: [unemployment]\n  zzzword: [qwertyzz, plughxyz]\n",
    )
    .unwrap();
    let out = ccu(&["check", "--root", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "a warning, not an error");
    let err = stderr(&out);
    assert!(
        err.contains("content/synonyms.yaml:3")
            && err
                .contains("en: no page in en uses qwertyzz, plughxyz, so `zzzword` finds nothing"),
        "{err}"
    );
    assert!(!err.contains("dole"), "a used line is not reported: {err}");
}

/// The ids of the first three results, with the answer.
fn top3(lang: &str, query: &str) -> (Vec<String>, serde_json::Value) {
    let v = search_json(lang, query);
    let ids = v["hits"].as_array().unwrap()[..v["hits"].as_array().unwrap().len().min(3)]
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect();
    (ids, v)
}

fn hit<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {v}"))
}

#[test]
fn every_word_a_service_page_prints_finds_it_and_shows_the_sentence() {
    // Words only a service's facts hold: documents, how to apply, the law, a login.
    for (lang, query, want, mark) in [
        ("az", "epikriz", "service:1.2", "<mark>epikrizi</mark>"),
        ("en", "epicrisis", "service:1.2", "<mark>epicrisis</mark>"),
        ("ru", "эпикриз", "service:1.2", "<mark>эпикриз</mark>"),
        ("az", "etibarnamə", "service:1.2", "<mark>etibarnamə</mark>"),
        (
            "en",
            "power of attorney",
            "service:1.2",
            "<mark>attorney</mark>",
        ),
        (
            "ru",
            "доверенность",
            "service:1.2",
            "<mark>доверенности</mark>",
        ),
        (
            "az",
            "ASAN İmza",
            "service:1.1",
            "<mark>ASAN</mark> <mark>İmza</mark>",
        ),
        (
            "en",
            "ASAN İmza",
            "service:1.1",
            "<mark>ASAN</mark> <mark>İmza</mark>",
        ),
        (
            "ru",
            "ASAN İmza",
            "service:1.1",
            "<mark>ASAN</mark> <mark>İmza</mark>",
        ),
        ("az", "SMS", "*", "<mark>SMS</mark>"),
        ("en", "SMS", "*", "<mark>SMS</mark>"),
        ("ru", "SMS", "*", "<mark>SMS</mark>"),
    ] {
        let (top, v) = top3(lang, query);
        assert_eq!(v["matched_lang"], lang, "{lang} {query}");
        // "*": several pages print the word (SMS); each of the first three shows it.
        let shown: Vec<&str> = match want {
            "*" => top.iter().map(String::as_str).collect(),
            _ => vec![want],
        };
        assert!(!shown.is_empty(), "{lang} {query}: {top:?}");
        let page = std::fs::read_to_string(repo().join("catalog.yaml")).unwrap();
        for id in shown {
            assert!(top.iter().any(|t| t == id), "{lang} {query}: {top:?}");
            let h = hit(&v, id);
            let html = h["snippet_html"].as_str().unwrap();
            // The word as the page writes it, capitalised or not.
            assert!(
                html.to_lowercase().contains(&mark.to_lowercase()),
                "{lang} {query}: {html}"
            );
            // The sentence shown is the fact, whole, as the page prints it: led by the part
            // of the service it is about, where it has one.
            let plain = h["snippet"].as_str().unwrap();
            let printed = page.contains(plain)
                || plain.split_once(": ").is_some_and(|(part, text)| {
                    page.contains(&format!("\"{part}\"")) && page.contains(text)
                });
            assert!(
                printed,
                "{lang} {query}: {plain:?} is not a text of the catalog"
            );
        }
    }
}

#[test]
fn a_word_only_in_a_fact_ranks_below_a_service_whose_title_or_keywords_hold_it() {
    // "ID card": 1.3's documents; no title or keyword says it. "wheelchair": 1.2's keywords,
    // and 1.2's facts. "job": 1.3's keywords and title, and words of other services' facts.
    for (lang, query, first) in [
        ("en", "wheelchair", "service:1.2"),
        ("ru", "коляска", "service:1.2"),
        ("az", "əlil arabası", "service:1.2"),
        ("en", "job", "service:1.3"),
        ("ru", "работа", "service:1.3"),
        ("az", "iş", "service:1.3"),
    ] {
        let (top, _) = top3(lang, query);
        assert_eq!(top[0], first, "{lang} {query}: {top:?}");
    }
    // The same word scores more in a title than in a fact of the same length.
    let (loaded, _) = site::check(&repo(), false);
    let loaded = loaded.unwrap();
    let boosts: std::collections::HashMap<_, _> =
        ccu_portal::search::FIELDS.iter().copied().collect();
    assert!(boosts["title"] > boosts["keywords"] && boosts["keywords"] > boosts["body"]);
    assert!(boosts["body"] > boosts["facts"]);
    let index = site::search_index(&loaded, Lang::En).unwrap();
    let only_facts = index.search("epicrisis", 20).unwrap();
    let in_title = index.search("medals", 20).unwrap();
    assert!(
        only_facts[0].score < in_title[0].score,
        "{only_facts:?} {in_title:?}"
    );
}

#[test]
fn units_guides_and_agencies_are_found_by_what_their_pages_print() {
    for (lang, query, want) in [
        // A unit's address, and a Baku district it serves.
        ("az", "Qutqaşınlı küçəsi", "unit:"),
        ("en", "Gutgashinli", "unit:"),
        ("ru", "Гутгашинлы", "unit:"),
        // A guide's whole text, a heading included.
        ("az", "vətəndaş axını", "guide:how-to-apply"),
        ("en", "flow of visitors", "guide:how-to-apply"),
        ("ru", "поток посетителей", "guide:how-to-apply"),
        ("az", "özünüzlə nə gətirməli", "guide:how-to-apply"),
        ("en", "what to bring", "guide:how-to-apply"),
        ("ru", "что взять с собой", "guide:how-to-apply"),
    ] {
        let (top, _) = top3(lang, query);
        assert!(
            top.iter().any(|id| id.starts_with(want)),
            "{lang} {query}: {top:?}"
        );
    }
    // An agency's page lists its services: a service's title finds the agency too, below it.
    for (lang, query) in [("en", "medals"), ("ru", "медали"), ("az", "medallar")] {
        let v = search_json(lang, query);
        let ids: Vec<&str> = v["hits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["id"].as_str().unwrap())
            .collect();
        let agency = ids.iter().position(|&i| i == "agency:defence");
        let service = ids.iter().position(|&i| i == "service:2.3");
        assert!(
            matches!((service, agency), (Some(s), Some(a)) if s < a),
            "{lang} {query}: {ids:?}"
        );
    }
    // A unit's result lists its districts as its page does: Yevlakh city and district apart.
    for (lang, query, listed) in [
        ("az", "Ucar", "Yevlax (şəhər), Yevlax (rayon)"),
        ("en", "Ujar", "Yevlakh (city), Yevlakh (district)"),
    ] {
        let v = search_json(lang, query);
        let snippet = hit(&v, "unit:ujar")["snippet"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(snippet.contains(listed), "{lang} {query}: {snippet}");
    }
}

#[test]
fn the_things_people_name_find_the_service_whose_page_says_them() {
    for (lang, query, want) in [
        ("en", "walking frame", "service:1.2"),
        ("en", "orthopaedic shoes", "service:1.2"),
        ("en", "hearing aid", "service:1.2"),
        ("az", "ortopedik ayaqqabı", "service:1.2"),
        ("az", "eşitmə aparatı", "service:1.2"),
        ("az", "əsa", "service:1.2"),
        ("ru", "ортопедическая обувь", "service:1.2"),
        ("ru", "трость", "service:1.2"),
        ("ru", "слуховой аппарат", "service:1.2"),
        ("az", "biznes qurmaq", "service:1.3"),
        ("en", "start my own business", "service:1.3"),
        ("ru", "свой бизнес", "service:1.3"),
        ("ru", "самозанятость", "service:1.3"),
    ] {
        let (top, _) = top3(lang, query);
        assert!(top.contains(&want.to_string()), "{lang} {query}: {top:?}");
    }
}

#[test]
fn the_ways_to_apply_lead_to_the_guide_that_explains_them() {
    for (lang, query, channel) in [
        ("en", "phone the helpline", "Call Centre 142"),
        ("en", "call centre", "Call Centre 142"),
        ("ru", "горячая линия", "колл-центр 142"),
        ("ru", "позвонить в колл-центр", "колл-центр 142"),
        ("az", "zəng mərkəzi", "142 Çağrı Mərkəzi"),
        ("az", "çağrı mərkəzinə zəng", "142 Çağrı Mərkəzi"),
        ("en", "home visit", "Mobile service"),
        ("ru", "обслуживание на дому", "Выездное обслуживание"),
        ("az", "evə gəlmək", "Səyyar xidmət"),
    ] {
        let v = search_json(lang, query);
        let first = &v["hits"][0];
        // The section of the how-to-apply guide that explains the channel, at its heading.
        assert!(
            first["id"]
                .as_str()
                .unwrap()
                .starts_with("guide:how-to-apply#"),
            "{lang} {query}: {v}"
        );
        let url = first["url"].as_str().unwrap();
        assert!(
            url.starts_with(&format!("/{lang}/guides/how-to-apply/#")),
            "{url}"
        );
        let title = first["title"].as_str().unwrap();
        assert!(title.contains(channel), "{lang} {query}: {title}");
        for h in v["hits"].as_array().unwrap().iter().take(2) {
            let id = h["id"].as_str().unwrap();
            assert!(
                !id.starts_with("unit:") && !id.starts_with("district:"),
                "{lang} {query}: a unit or district in the first two: {v}"
            );
        }
    }
}

#[test]
fn a_fact_in_any_language_reaches_the_service_shown_in_the_page_language() {
    for (page, query, matched, shown) in [
        ("az", "power of attorney", "en", "etibarnamə"),
        ("ru", "etibarnamə", "az", "доверенности"),
        ("en", "доверенность", "ru", "power of attorney"),
        ("az", "ортопедическая обувь", "ru", "ortopedik"),
        ("en", "ortopedik ayaqqabı", "az", "orthopaedic"),
    ] {
        let v = search_json(page, query);
        assert_eq!(v["matched_lang"], matched, "{page} {query}: {v}");
        let h = hit(&v, "service:1.2");
        assert!(h["url"].as_str().unwrap().starts_with(&format!("/{page}/")));
        // The sentence that matched, in the page's language (unmarked: its words differ).
        let s = h["snippet"].as_str().unwrap();
        assert!(s.contains(shown), "{page} {query}: {s}");
        assert_eq!(h["snippet_html"], ccu_portal::text::escape(s));
    }
}
