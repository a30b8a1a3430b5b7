//! The locator: every name and spelling finds its place; covered and nearest rules.

mod common;
use ccu_portal::lang::Lang;
use ccu_portal::locator;
use ccu_portal::site;
use common::*;

/// Whether an answer is, or offers, the answer of `target` (a division or place id).
fn answers_for(c: &ccu_portal::catalog::Catalog, got: &locator::Located, target: usize) -> bool {
    let want = locator::target_answer(c, locator::targets(c)[target], Lang::En).unwrap();
    let same = |a: &locator::Located| a.unit == want.unit && a.covered == want.covered;
    if got.choices.is_empty() {
        same(got)
    } else {
        got.choices.iter().any(same)
    }
}

#[test]
fn every_name_and_spelling_of_every_division_and_place_finds_its_unit() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    assert!(c.places.len() > 200, "only {} places", c.places.len());
    let names = locator::names(&c);
    let ts = locator::targets(&c);
    let mut wrong = Vec::new();
    let mut n = 0;
    for (i, t) in ts.iter().enumerate() {
        let mut variants: Vec<String> = Lang::ALL.iter().map(|&l| t.name().plain(l)).collect();
        variants.extend(
            names
                .iter()
                .filter(|nm| nm.place == i && !nm.primary)
                .map(|nm| nm.clean.clone()),
        );
        for v in variants {
            n += 1;
            match locator::locate(&c, &names, &v, Lang::En) {
                Some(got) if answers_for(&c, &got, i) => {}
                got => wrong.push(format!(
                    "{v:?} ({}) → {:?}",
                    t.id(),
                    got.map(|g| (g.district, g.unit))
                )),
            }
        }
    }
    assert!(n > 1500, "only {n} names");
    assert!(
        wrong.is_empty(),
        "{} of {n}:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn spellings_people_type_find_their_unit() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    for (query, district, unit) in [
        ("  shamkirskiy rayon ", "AZ-SKR", "shamkir"),
        ("Шамкирском районе", "AZ-SKR", "shamkir"),
        ("LERIK", "AZ-LER", "masalli"),
        ("Masalli rayonu", "AZ-MAS", "masalli"),
        ("Gyandzha", "AZ-GA", "ganja"),
        ("Xacmaz", "AZ-XAC", "qusar"),
        ("Khachmas", "AZ-XAC", "qusar"),
        ("Göygöl", "AZ-GYG", "ganja"),
        ("город Сумгаит", "AZ-SM", "dost-centres"),
        ("Bilesuvar", "AZ-BIL", "salyan"),
        ("Agjabedi", "AZ-AGC", "dost-karabakh"),
    ] {
        let got = locator::locate(&c, &names, query, Lang::En).unwrap_or_else(|| panic!("{query}"));
        assert_eq!(got.district.as_deref(), Some(district), "{query}");
        assert_eq!(got.unit.as_deref(), Some(unit), "{query}");
    }
}

/// What `ccu locate --lang LANG QUERY` prints, as a person reads it.
fn locate_said(lang: &str, query: &str) -> std::process::Output {
    ccu(&[
        "locate",
        "--root",
        repo().to_str().unwrap(),
        "--lang",
        lang,
        query,
    ])
}

/// The answer to a query, as `ccu locate --json` gives it.
fn locate_json(lang: &str, query: &str) -> serde_json::Value {
    let out = ccu(&[
        "locate",
        "--root",
        repo().to_str().unwrap(),
        "--json",
        "--lang",
        lang,
        query,
    ]);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn baku_districts_and_settlements_name_their_dost_centre() {
    // A Baku district: Yasamal is no longer İsmayıllı.
    let v = locate_json("en", "Yasamal");
    assert_eq!(v["district"], "AZ-BA");
    assert_eq!(v["unit"], "dost-baku-1");
    assert_eq!(v["place"]["kind"], "baku-district");
    assert_eq!(v["place"]["dost_centre"], "dost-baku-1");
    // A Baku settlement, and what the CLI says.
    let v = locate_json("en", "Buzovna");
    assert_eq!(
        (v["district"].as_str(), v["unit"].as_str()),
        (Some("AZ-BA"), Some("dost-baku-2"))
    );
    assert_eq!(v["place"]["baku_district"], "baku-khazar");
    let out = locate_said("en", "Buzovna");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("Buzovna is in Baku's Khazar district")
            && said.contains(
                "Baku DOST centre No. 2 (30b A. Ildirim St, Shuvalan, Khazar district) serves it"
            ),
        "{said}"
    );
    // In Russian, a Russian answer throughout; the ids a tool needs at the end.
    let out = locate_said("ru", "в Бузовнах");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.starts_with(
            "Бузовна\nБузовна: Баку, Хазарский район. Это место обслуживает Центр DOST № 2 в Баку"
        ) && said.trim_end().ends_with("[AZ-BA, dost-baku-2]")
            && !said.contains("serves"),
        "{said}"
    );
    // A Baku district no source assigns to a centre: one of them, and 142.
    let v = locate_json("en", "Binagadi district");
    assert_eq!(
        (v["district"].as_str(), v["unit"].as_str()),
        (Some("AZ-BA"), Some("dost-baku"))
    );
    assert!(v["place"]["dost_centre"].is_null());
    let out = locate_said("en", "Xocəsən");
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("One of the DOST centres in Baku serves it")
    );
    // Sumgayit: DOST's claim, its centre still being built in January 2026, 142.
    let out = locate_said("en", "Sumgait");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("In January 2026 the DOST centre in Sumgayit was still being built")
            && said.contains("142"),
        "{said}"
    );
}

#[test]
fn each_kind_of_place_finds_its_unit() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    let unit_of = |iso: &str| locator::answer(&c, c.district(iso).unwrap()).unwrap().unit;
    for (lang, query, district, unit) in [
        (
            Lang::En,
            "Ceyranbatan",
            "AZ-ABS",
            "dost-absheron".to_string(),
        ), // an Absheron village
        (Lang::Az, "Qalaqayın", "AZ-SAB", unit_of("AZ-SAB")), // a regional village
        (Lang::En, "Kaganovich", "AZ-BA", "dost-baku-3".to_string()), // Soviet-era name of Qaraçuxur
        (Lang::Ru, "Али-Байрамлы", "AZ-SR", unit_of("AZ-SR")),        // Soviet-era name of Şirvan
        (
            Lang::En,
            "I live in Mardakan",
            "AZ-BA",
            "dost-baku-2".to_string(),
        ),
        (
            Lang::Az,
            "Mən Bilgəhdə yaşayıram",
            "AZ-BA",
            "dost-baku-3".to_string(),
        ),
        (
            Lang::Ru,
            "Я живу в Бузовне",
            "AZ-BA",
            "dost-baku-2".to_string(),
        ),
        (Lang::Az, "Qubada", "AZ-QBA", unit_of("AZ-QBA")),
        (Lang::Az, "Lənkərandan", "AZ-LA", unit_of("AZ-LA")),
        (Lang::Ru, "в Губе", "AZ-QBA", unit_of("AZ-QBA")),
        (Lang::Ru, "из Масаллы", "AZ-MAS", unit_of("AZ-MAS")),
        (
            Lang::En,
            "Buzovna, Baku",
            "AZ-BA",
            "dost-baku-2".to_string(),
        ),
    ] {
        let got = locator::locate(&c, &names, query, lang)
            .unwrap_or_else(|| panic!("{query}: no answer"));
        assert_eq!(
            (got.district.as_deref(), got.unit.as_deref()),
            (Some(district), Some(unit.as_str())),
            "{query}"
        );
    }
}

#[test]
fn a_shared_name_offers_a_choice_and_nothing_is_guessed() {
    let v = locate_json("en", "Qobustan");
    assert!(v["district"].is_null(), "{v}");
    let choices: Vec<&str> = v["choices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["district"].as_str().unwrap())
        .collect();
    assert!(
        choices.contains(&"AZ-QOB") && choices.contains(&"AZ-BA"),
        "{v}"
    );
    // A city and the district around it lead to one unit: answered at once, naming both.
    let v = locate_json("en", "Lankaran");
    assert_eq!(v["unit"], "masalli");
    assert!(v["also"].as_array().is_some_and(|a| !a.is_empty()), "{v}");
    // Foreign cities and random words get no answer; a weak typo gets suggestions, not an answer.
    for q in ["Paris", "Tbilisi", "Moscow", "Samara", "computer", "hello"] {
        let out = locate_said("en", q);
        assert_eq!(
            out.status.code(),
            Some(1),
            "{q}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        let said = stderr(&out);
        assert!(
            said.contains("We couldn't find a place in Azerbaijan with this name")
                && said.contains("Other ways to apply: Call Centre 142; Mobile service"),
            "{q}: {said}"
        );
    }
    let out = ccu(&[
        "locate",
        "--root",
        repo().to_str().unwrap(),
        "--json",
        "Buzofka",
    ]);
    assert_eq!(out.status.code(), Some(1));
    // In Azerbaijani, the default, throughout.
    assert!(
        stderr(&out).contains("Bəlkə bunu nəzərdə tutursunuz: Buzovna"),
        "{}",
        stderr(&out)
    );
    // Russian declines Губа (в Губе) but not Баку: "Бака" is Банка mistyped, or Баку, so it asks.
    let out = locate_said("ru", "Бака");
    assert_eq!(out.status.code(), Some(1));
    let said = stderr(&out);
    assert!(said.contains("Баку") && said.contains("Банка"), "{said}");
    assert_eq!(locate_json("ru", "в Губе")["district"], "AZ-QBA");
    assert_eq!(locate_json("ru", "в Зире")["unit"], "dost-baku-2");
}

#[test]
fn uncovered_places_get_the_nearest_unit_by_great_circle() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    for d in &c.districts {
        let a = locator::answer(&c, d).unwrap();
        let served = c.unit_for(&d.id);
        assert_eq!(a.covered, served.is_some(), "{}", d.id);
        if a.covered {
            assert_eq!(a.unit, served.unwrap().id);
            continue;
        }
        // No other unit is nearer than the one given.
        for u in &c.units {
            // A unit whose place no source gives is never the nearest.
            let Some(seat) = u.seat.as_deref().map(|s| c.district(s).unwrap()) else {
                assert_ne!(a.unit, u.id, "{}", d.id);
                continue;
            };
            let km = locator::haversine_km(d.lat, d.lon, seat.lat, seat.lon).round() as u32;
            assert!(
                Some(km) >= a.distance_km,
                "{}: {} is nearer than {}",
                d.id,
                u.id,
                a.unit
            );
        }
    }
    // Nakhchivan is uncovered and carries the border caveat.
    let nx = c.district("AZ-NX").unwrap();
    let a = locator::answer(&c, nx).unwrap();
    assert!(!a.covered && nx.straight_line_misleads);
}

#[test]
fn nothing_sensible_gives_no_answer_and_suggestions() {
    let out = ccu(&[
        "locate",
        "--root",
        repo().to_str().unwrap(),
        "--json",
        "Paris",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "null");
    let err = stderr(&out);
    assert!(
        err.contains("Azərbaycanda bu adda yer tapa bilmədik. 142 Çağrı Mərkəzi"),
        "{err}"
    );
    let ok = ccu(&[
        "locate",
        "--root",
        repo().to_str().unwrap(),
        "--json",
        "--lang",
        "ru",
        "Lerik",
    ]);
    assert!(ok.status.success());
    let v: serde_json::Value = serde_json::from_slice(&ok.stdout).unwrap();
    assert_eq!(v["district"], "AZ-LER");
    assert_eq!(v["unit"], "masalli");
    assert_eq!(v["covered"], true);
    assert_eq!(v["name"], "Лерик");
}

/// Mistyped forms of a name, as people type them: without special letters, lowercased, a middle
/// letter dropped, doubled or changed, the second and third letters swapped.
fn mistyped(name: &str) -> Vec<String> {
    let plain: String = name
        .chars()
        .map(|c| match c {
            'ə' => 'e',
            'Ə' => 'E',
            'ı' => 'i',
            'ş' => 's',
            'Ş' => 'S',
            'ç' => 'c',
            'Ç' => 'C',
            'ğ' => 'g',
            'ö' => 'o',
            'ü' => 'u',
            'İ' => 'I',
            other => other,
        })
        .collect();
    let c: Vec<char> = name.chars().collect();
    let m = c.len() / 2;
    let join = |parts: &[&[char]]| parts.concat().into_iter().collect::<String>();
    let mut out = vec![plain, name.to_lowercase()];
    if c.len() > 4 {
        out.push(join(&[&c[..m], &c[m + 1..]]));
        out.push(join(&[&c[..m], &c[m..m + 1], &c[m..]]));
        let changed = if c[m] == 'a' { 'o' } else { 'a' };
        out.push(join(&[&c[..m], &[changed], &c[m + 1..]]));
    }
    if c.len() > 3 {
        out.push(join(&[&c[..1], &c[2..3], &c[1..2], &c[3..]]));
    }
    out
}

/// A wrong unit is worse than none: a mistyped name answers with its own place's unit, offers it
/// in a choice, or answers nothing (then the page suggests names) — never another place's unit.
#[test]
fn no_mistyped_name_is_answered_with_another_places_unit() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    let ts = locator::targets(&c);
    let key = |s: &str| locator::translit(&locator::clean(s));
    let known: std::collections::HashSet<String> =
        names.iter().map(|n| n.translit.clone()).collect();
    let (mut right, mut safe, mut wrong) = (0, 0, Vec::new());
    for (i, t) in ts.iter().enumerate() {
        let mut spelled: Vec<String> = Lang::ALL
            .iter()
            .filter_map(|&l| t.name().get(l))
            .map(str::to_string)
            .collect();
        spelled.extend(t.spellings().iter().map(|s| s.to_string()));
        spelled.sort();
        spelled.dedup();
        for typo in spelled.iter().flat_map(|n| mistyped(n)) {
            match locator::locate(&c, &names, &typo, Lang::En) {
                Some(got) if got.choices.is_empty() && answers_for(&c, &got, i) => right += 1,
                None => safe += 1,
                Some(got) if !got.choices.is_empty() => safe += 1,
                // The typo is itself another place's name: answering that place is right.
                Some(_) if known.contains(&key(&typo)) => safe += 1,
                Some(got) => wrong.push(format!("{typo} ({}) → {:?}", t.id(), got.unit)),
            }
        }
    }
    let total = right + safe + wrong.len();
    eprintln!(
        "mistyped names: {total}; answered right {right}, no answer or a choice {safe}, wrong {}",
        wrong.len()
    );
    assert!(total > 10_000, "only {total} mistyped names");
    // With every settlement of the sources, many names lie a letter apart: more typos are asked
    // back ("did you mean") than when the locator knew 212 places.
    assert!(
        wrong.is_empty(),
        "confident wrong answers:\n{}",
        wrong.join("\n")
    );
    assert!(right * 10 > total * 6, "only {right} of {total} answered");
}

/// The district or choice an answer gives, as a test reads it.
fn said(got: &Option<locator::Located>) -> String {
    match got {
        None => "no answer".into(),
        Some(g) if !g.choices.is_empty() => {
            let ds: Vec<String> = g
                .choices
                .iter()
                .map(|c| c.district.clone().unwrap_or_default())
                .collect();
            format!("a choice of {}", ds.join("/"))
        }
        Some(g) => format!(
            "{} {} ({})",
            g.district.clone().unwrap_or_default(),
            g.unit.clone().unwrap_or_default(),
            g.place.as_ref().map(|p| p.id.clone()).unwrap_or_default()
        ),
    }
}

#[test]
fn settlements_the_sources_name_find_their_unit() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    assert!(c.places.len() > 1400, "only {} places", c.places.len());
    let names = locator::names(&c);
    let unit_of = |iso: &str| locator::answer(&c, c.district(iso).unwrap()).unwrap().unit;
    for (lang, query, district, place) in [
        (Lang::Az, "Masazır", "AZ-ABS", "abs-masazir"), // an Abşeron village
        (Lang::Az, "Şubanı", "AZ-BA", "baku-garadagh-shubani"), // a Baku settlement
        (Lang::En, "Qarakosa", "AZ-BA", "baku-garadagh-garakosa"),
        (Lang::Az, "Vəndam", "AZ-QAB", "qab-vandam"), // a qəsəbə of Qəbələ
        (Lang::En, "Vendam", "AZ-QAB", "qab-vandam"), // without special letters
        (Lang::Ru, "Шубаны", "AZ-BA", "baku-garadagh-shubani"), // its Russian form by the rules
        (Lang::Ru, "Вендам", "AZ-QAB", "qab-vandam"),
        // Real settlements that were pulled onto a neighbour's name: now their own.
        (Lang::Az, "Zərdabi", "AZ-QBA", ""),
        (Lang::Az, "Nazırlı", "AZ-BAR", ""),
        (Lang::Az, "Gülşənabad", "AZ-BAB", ""),
        (Lang::Az, "Məmmədbəyli", "AZ-ZAN", ""),
    ] {
        let got = locator::locate(&c, &names, query, lang);
        let g = got.clone().unwrap_or_else(|| panic!("{query}: no answer"));
        assert_eq!(
            g.district.as_deref(),
            Some(district),
            "{query}: {}",
            said(&got)
        );
        if district != "AZ-BA" {
            assert_eq!(g.unit, Some(unit_of(district)), "{query}");
        }
        if !place.is_empty() {
            assert_eq!(g.place.unwrap().id, place, "{query}");
        }
    }
    // Qarakosa lies in Qaradağ, which no source assigns to a DOST centre.
    let v = locate_json("en", "Qarakosa");
    assert_eq!(v["place"]["baku_district"], "baku-garadagh");
    // The ccu locate --json fields are kept.
    for field in [
        "district",
        "unit",
        "covered",
        "distance_km",
        "name",
        "place",
    ] {
        assert!(v.get(field).is_some(), "{field} missing: {v}");
    }
}

/// A settlement not in the data must not be answered as another one: "Atyalı" and "Zuğulba" are
/// villages of Abşeron that no source read for this work lists.
#[test]
fn an_unknown_real_name_is_not_pulled_onto_another() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    for query in ["Atyalı", "Zuğulba", "Nardaranlı", "Qaraçuxurlu"] {
        let got = locator::locate(&c, &names, query, Lang::Az);
        let sure = got.as_ref().is_some_and(|g| g.choices.is_empty());
        assert!(!sure, "{query} → {}", said(&got));
    }
}

#[test]
fn a_name_of_several_places_answers_as_its_places_do() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    let mut by_name: std::collections::BTreeMap<String, Vec<&ccu_portal::catalog::Place>> =
        Default::default();
    for p in c.places.iter().filter(|p| !p.is_baku_district()) {
        by_name.entry(p.name.plain(Lang::Az)).or_default().push(p);
    }
    let (mut choices, mut direct) = (0, 0);
    for (name, places) in by_name.iter().filter(|(_, ps)| ps.len() > 1) {
        // A division of the same name joins the places (Quba the town, Quba the district).
        if c.districts.iter().any(|d| d.name.plain(Lang::Az) == *name) {
            continue;
        }
        let got = locator::locate(&c, &names, name, Lang::En)
            .unwrap_or_else(|| panic!("{name}: no answer"));
        // An answer is a unit, and whether it serves the place or is only the nearest.
        let units: std::collections::BTreeSet<(String, bool)> = places
            .iter()
            .map(|p| {
                let a = locator::target_answer(&c, locator::Target::Place(p), Lang::En).unwrap();
                (a.unit.unwrap(), a.covered.unwrap())
            })
            .collect();
        if units.len() > 1 {
            // The short choice, each with its division.
            choices += 1;
            assert!(
                got.district.is_none(),
                "{name}: {}",
                said(&Some(got.clone()))
            );
            let offered: std::collections::BTreeSet<(String, bool)> = got
                .choices
                .iter()
                .map(|c| (c.unit.clone().unwrap(), c.covered.unwrap()))
                .collect();
            // Every answer the name has is offered (a Russian form by the rules may add another).
            assert!(
                offered.is_superset(&units),
                "{name}: {offered:?} lacks some of {units:?}"
            );
            assert!(got.choices.iter().all(|c| c.district.is_some()), "{name}");
        } else {
            // One unit: answered at once, naming every place of the name (or, where another
            // name reads the same to the locator, Qurdlar and Kürdlər, a choice that offers it).
            direct += 1;
            let answers: Vec<&locator::Located> = match got.choices.is_empty() {
                true => vec![&got],
                false => got.choices.iter().collect(),
            };
            let mut ids: Vec<String> = Vec::new();
            for a in answers {
                ids.extend(a.also.iter().map(|p| p.id.clone()));
                ids.push(a.place.as_ref().unwrap().id.clone());
            }
            for p in places {
                let named = ids.contains(&p.id)
                    || places
                        .iter()
                        .any(|o| o.division == p.division && ids.contains(&o.id));
                assert!(named, "{name}: {} not named in {ids:?}", p.id);
            }
        }
    }
    eprintln!("shared names: {choices} with a choice, {direct} answered at once");
    assert!(choices > 50, "only {choices} shared names with a choice");
}

#[test]
fn sentences_in_three_languages_find_the_place() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    for (lang, query, district, place) in [
        (Lang::Az, "Xırdalandanam", "AZ-ABS", ""),
        (Lang::Az, "Masazırdayıq", "AZ-ABS", "abs-masazir"),
        (Lang::Az, "Qubalıyam", "AZ-QBA", ""),
        (Lang::Az, "Mən Qobudanam", "AZ-ABS", "585838"),
        (Lang::Az, "Biz Vəndamdanıq", "AZ-QAB", "qab-vandam"),
        (
            Lang::En,
            "my family lives in Masazir",
            "AZ-ABS",
            "abs-masazir",
        ),
        (Lang::En, "we are from Vandam", "AZ-QAB", "qab-vandam"),
        (Lang::En, "near Shubani", "AZ-BA", "baku-garadagh-shubani"),
        (Lang::Ru, "мы из Масазыра", "AZ-ABS", "abs-masazir"),
        (
            Lang::Ru,
            "живу в посёлке Шубаны",
            "AZ-BA",
            "baku-garadagh-shubani",
        ),
        (Lang::Ru, "село Вендам", "AZ-QAB", "qab-vandam"),
    ] {
        let got = locator::locate(&c, &names, query, lang);
        let g = got.clone().unwrap_or_else(|| panic!("{query}: no answer"));
        assert_eq!(
            g.district.as_deref(),
            Some(district),
            "{query}: {}",
            said(&got)
        );
        if !place.is_empty() {
            assert_eq!(g.place.unwrap().id, place, "{query}: {}", said(&got));
        }
    }
    // And in ccu locate, as a person reads it.
    let out = locate_said("az", "Mən Qobudanam");
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Qobu\n"));
}

/// Each settlement's name with one letter changed is that place mistyped, another place's own name,
/// or unknown: it never answers a different place for sure.
#[test]
fn a_name_with_one_letter_changed_never_answers_another_place() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    let ts = locator::targets(&c);
    let known: std::collections::HashSet<String> =
        names.iter().map(|n| n.translit.clone()).collect();
    let key = |s: &str| locator::translit(&locator::clean(s));
    let (mut total, mut own, mut wrong) = (0, 0, Vec::new());
    for (i, p) in c.places.iter().enumerate() {
        let name: Vec<char> = p.name.plain(Lang::Az).chars().collect();
        if name.len() < 4 {
            continue;
        }
        // The second letter and the middle one, each changed to a letter it is often typed for.
        for at in [1, name.len() / 2] {
            let changed = match name[at] {
                'a' => 'e',
                'e' | 'ə' => 'a',
                'i' | 'ı' => 'u',
                'u' | 'ü' => 'i',
                'o' | 'ö' => 'u',
                'l' => 'r',
                'r' => 'l',
                'n' => 'm',
                'm' => 'n',
                'd' => 't',
                't' => 'd',
                _ => 'a',
            };
            let mut v = name.clone();
            v[at] = changed;
            let v: String = v.into_iter().collect();
            if known.contains(&key(&v)) {
                continue; // another place's own name, or this one's as the locator spells it
            }
            total += 1;
            let got = locator::locate(&c, &names, &v, Lang::Az);
            let Some(g) = got.as_ref().filter(|g| g.choices.is_empty()) else {
                continue;
            };
            let this = ts.len() - c.places.len() + i;
            let mut ids: Vec<&str> = g.also.iter().map(|a| a.id.as_str()).collect();
            ids.extend(g.place.as_ref().map(|a| a.id.as_str()));
            // A town named as its division (Quba in Quba) is answered as the division.
            let az = p.name.plain(Lang::Az);
            let seat = g.district.as_deref() == Some(p.division.as_str())
                && std::iter::once(&g.name)
                    .chain(g.also.iter().map(|a| &a.name))
                    .any(|n| *n == az);
            if ids.contains(&ts[this].id()) || seat {
                own += 1;
            } else {
                wrong.push(format!("{v} ({}) → {}", p.id, said(&got)));
            }
        }
    }
    eprintln!(
        "names with one letter changed: {total}; answered as their own place {own}, confident answers naming another place {}",
        wrong.len()
    );
    assert!(total > 1500, "only {total}");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `ccu locate --batch --json` on several queries at once, one answer a query.
fn locate_batch(lang: &str, queries: &[String]) -> Vec<serde_json::Value> {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ccu"))
        .args(["locate", "--batch", "--lang", lang, "--root"])
        .arg(repo())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    input
        .write_all((queries.join("\n") + "\n").as_bytes())
        .unwrap();
    drop(input);
    let out = child.wait_with_output().unwrap();
    let lines = String::from_utf8(out.stdout).unwrap();
    lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn the_nine_karabakh_districts_answer_the_barda_centre_with_call_142() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let nine = [
        "AZ-BAR", "AZ-TAR", "AZ-AGC", "AZ-AGM", "AZ-FUZ", "AZ-XCI", "AZ-SUS", "AZ-XVD", "AZ-XA",
    ];
    for lang in ["az", "en", "ru"] {
        // Each division by its name in each language.
        let queries: Vec<String> = nine
            .iter()
            .flat_map(|d| {
                let name = &c.district(d).unwrap().name;
                Lang::ALL.map(|l| name.plain(l))
            })
            .collect();
        for (q, v) in queries.iter().zip(locate_batch(lang, &queries)) {
            let one = if v["choices"].is_array() {
                v["choices"][0].clone()
            } else {
                v.clone()
            };
            assert_eq!(one["unit"], "dost-karabakh", "{lang} {q}: {v}");
            assert_eq!(one["covered"], true, "{lang} {q}");
            let caution = one["caution"].as_str().unwrap_or_default();
            assert!(caution.contains("142"), "{lang} {q}: {v}");
        }
    }
    // In words: the centre and where it is, then to ask 142 what the coordination unit offers.
    let out = locate_said("en", "Bərdə");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "Barda is served by the Karabakh regional DOST centre (in the city of Barda)."
        ) && said
            .contains("call 142 to ask which services the Central Coordination Unit offers there"),
        "{said}"
    );
    let out = locate_said("az", "Şuşa");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "Şuşa sakinlərinə Qarabağ regional DOST mərkəzi (Bərdə şəhərində) xidmət göstərir."
        ) && said.contains("[AZ-SUS, dost-karabakh]"),
        "{said}"
    );
    let out = locate_said("ru", "Şuşa");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(
            "Шуша: жителей обслуживает Карабахский региональный центр DOST (в городе Барда)."
        ) && !said.contains("относится к центру"),
        "{said}"
    );
}

#[test]
fn a_nearest_unit_is_named_without_its_caution_after_the_ways_to_apply_without_going() {
    // Laçın is on no unit's list; the Karabakh centre is only the nearest.
    for (lang, unlisted, remote, nearest, caution) in [
        (
            "az",
            "Mənbələrdə bu ərazi heç bir mərkəzin siyahısında yoxdur; 142-yə zəng edin.",
            "Mərkəzə getmədən bu yollarla müraciət edə bilərsiniz:",
            "Ən yaxın mərkəz: Qarabağ regional DOST mərkəzi",
            "142-dən soruşun",
        ),
        (
            "en",
            "In the sources this area is on no unit's list; call 142.",
            "You can apply in these ways without going to a unit:",
            "The nearest unit: Karabakh regional DOST centre",
            "Central Coordination Unit offers there",
        ),
        (
            "ru",
            "В источниках эта территория не значится ни в одном списке центров; позвоните по номеру 142.",
            "Обратиться, не приезжая в центр, можно так:",
            "Ближайший центр: Карабахский региональный центр DOST",
            "какие услуги там оказывает",
        ),
    ] {
        let out = locate_said(lang, "Laçın");
        let said = String::from_utf8_lossy(&out.stdout).to_string();
        let at = |s: &str| {
            said.find(s)
                .unwrap_or_else(|| panic!("{lang}: no {s:?} in {said}"))
        };
        assert!(
            at(unlisted) < at(remote) && at(remote) < at(nearest),
            "{said}"
        );
        assert!(!said.contains(caution), "{lang}: {said}");
    }
}

#[test]
fn an_inferred_city_says_what_dosts_list_has_before_the_unit() {
    for (lang, q, list, unit) in [
        (
            "az",
            "Lənkəran",
            "DOST-un siyahısında Lənkəran şəhəri yox, Lənkəran rayonu var. Hansı mərkəzin sizə xidmət göstərdiyini 142-yə zəng edib yoxlayın.",
            "Masallı regional",
        ),
        (
            "en",
            "Lankaran",
            "DOST's list has Lankaran district, not the city of Lankaran. Call 142 to check which unit serves you.",
            "Masalli regional",
        ),
        (
            "ru",
            "Ленкорань",
            "В списке DOST указан не город Ленкорань, а одноимённый район.",
            "Масаллинский",
        ),
    ] {
        let out = locate_said(lang, q);
        let said = String::from_utf8_lossy(&out.stdout).to_string();
        let at = |s: &str| {
            said.find(s)
                .unwrap_or_else(|| panic!("{lang}: no {s:?} in {said}"))
        };
        assert!(at(list) < at(unit), "{said}");
    }
}

#[test]
fn sumgayit_is_answered_with_dosts_claim_the_dated_caution_and_142_in_every_language() {
    for (lang, warning, plural) in [
        (
            "az",
            "2026-cı ilin yanvarında Sumqayıtda DOST mərkəzi hələ tikilirdi. Hara getməli olduğunuzu 142-dən soruşun.",
            "DOST-un səhifəsinə görə Sumqayıta DOST mərkəzləri xidmət göstərir.",
        ),
        (
            "en",
            "In January 2026 the DOST centre in Sumgayit was still being built. Call 142 to ask where to go.",
            "DOST's page says that the DOST centres serve Sumgayit.",
        ),
        (
            "ru",
            "В январе 2026 года центр DOST в Сумгаите ещё строился. Куда обратиться, узнайте по номеру 142.",
            "На странице DOST сказано, что Сумгаит обслуживают центры DOST.",
        ),
    ] {
        let v = locate_json(lang, "Sumqayıt");
        assert_eq!(v["unit"], "dost-centres", "{v}");
        let caution = v["caution"].as_str().unwrap_or_default();
        assert!(caution.contains(warning) && caution.contains("142"), "{v}");
        // No seat is known, so no distance to one.
        assert!(v["distance_km"].is_null(), "{v}");
        let out = locate_said(lang, "Sumqayıt");
        let said = String::from_utf8_lossy(&out.stdout);
        assert!(said.contains(plural) && said.contains(warning), "{said}");
        // Said as DOST's claim, not as plain fact.
        assert!(
            !said.contains("ərazisinə") && !said.contains("is served by"),
            "{said}"
        );
        assert!(said.find(plural) < said.find(warning), "{said}");
    }
}

#[test]
fn nakhchivan_is_told_142_and_the_mobile_service_before_any_distance() {
    for q in ["Nakhchivan", "Ordubad", "Şərur"] {
        let out = locate_said("en", q);
        let said = String::from_utf8_lossy(&out.stdout);
        let at = |s: &str| {
            said.find(s)
                .unwrap_or_else(|| panic!("{q}: no {s:?} in {said}"))
        };
        assert!(
            at("Call Centre 142") < at("km in a straight line"),
            "{said}"
        );
        assert!(at("Mobile service") < at("km in a straight line"), "{said}");
        assert!(
            at("km in a straight line") < at("crosses Armenia"),
            "{said}"
        );
    }
    let out = locate_said("az", "Naxçıvan");
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("düz xətlə") && !said.contains("düz xətt üzrə"),
        "{said}"
    );
}

/// Whether a point (longitude, latitude) lies inside one of the outline's rings (even–odd rule).
fn inside(rings: &[Vec<(f64, f64)>], (x, y): (f64, f64)) -> bool {
    rings.iter().any(|ring| {
        let mut inside = false;
        for (i, &(x1, y1)) in ring.iter().enumerate() {
            let (x2, y2) = ring[(i + 1) % ring.len()];
            if (y1 > y) != (y2 > y) && x < (x2 - x1) * (y - y1) / (y2 - y1) + x1 {
                inside = !inside;
            }
        }
        inside
    })
}

#[test]
fn the_border_caveat_is_given_exactly_where_the_line_to_the_nearest_unit_leaves_the_country() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let map: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("themes/default/map/azerbaijan.json")).unwrap(),
    )
    .unwrap();
    let rings: Vec<Vec<(f64, f64)>> = serde_json::from_value(map["rings"].clone()).unwrap();
    for d in &c.districts {
        let a = locator::answer(&c, d).unwrap();
        if a.covered {
            continue;
        }
        let unit = c.unit(&a.unit).unwrap();
        let seat = c.district(unit.seat.as_deref().unwrap()).unwrap();
        // Points along the straight line, its ends left out (a centre may lie near a border).
        let leaves = (2..=98).any(|k| {
            let f = f64::from(k) / 100.0;
            let p = (
                d.lon + (seat.lon - d.lon) * f,
                d.lat + (seat.lat - d.lat) * f,
            );
            !inside(&rings, p)
        });
        assert_eq!(
            d.straight_line_misleads,
            leaves,
            "{}: the line to {} {} the country",
            d.id,
            a.unit,
            if leaves { "leaves" } else { "stays in" }
        );
    }
}

#[test]
fn no_foreign_city_of_the_list_is_answered() {
    // data/foreign-names.txt: foreign cities' names that are a typo, a word or an ending away from an
    // Azerbaijani place's (tools/foreign-names.mjs). None may be answered as a place here; one that
    // is answered names a place added since the list was written: run the tool again.
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    let mut answered = Vec::new();
    for q in &c.foreign_names {
        let got = locator::locate(&c, &names, q, Lang::En);
        if got.as_ref().is_some_and(|g| g.choices.is_empty()) {
            answered.push(format!("{q} → {}", said(&got)));
        }
    }
    eprintln!(
        "foreign names: {}; confident answers {}",
        c.foreign_names.len(),
        answered.len()
    );
    assert!(
        c.foreign_names.len() > 1500,
        "only {}",
        c.foreign_names.len()
    );
    assert!(answered.is_empty(), "{}", answered.join("\n"));
}
