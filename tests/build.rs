//! Building the real catalog and the fixture site: what a reader would see.

mod common;
use common::*;
use std::collections::BTreeSet;

const LANGS: [&str; 3] = ["az", "en", "ru"];

fn service_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for (agency, n) in [(1, 9), (2, 5), (3, 1), (4, 4), (5, 4), (6, 3)] {
        for i in 1..=n {
            ids.push(format!("{agency}.{i}"));
        }
    }
    ids
}

/// The JSON-LD block of a page.
fn json_ld(html: &str) -> serde_json::Value {
    let start = html
        .find("application/ld+json")
        .expect("the page has JSON-LD");
    let body = &html[start..];
    let open = body.find('>').unwrap() + 1;
    let close = body.find("</script>").unwrap();
    serde_json::from_str(&body[open..close]).expect("the JSON-LD parses")
}

#[test]
fn real_catalog_builds_every_service_in_three_languages_with_json_ld() {
    let site = site(None);
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let ids = service_ids();
    assert_eq!(ids.len(), 26);
    for id in &ids {
        let slug = id.replace('.', "-");
        for lang in LANGS {
            let html = read(site.path(), &format!("{lang}/services/{slug}/index.html"));
            assert!(html.contains(&format!("<html lang={lang}>")), "{lang} {id}");
            let ld = json_ld(&html);
            assert_eq!(ld["@type"], "GovernmentService");
            assert_eq!(ld["identifier"], id.as_str());
            assert_eq!(ld["serviceOperator"]["@type"], "GovernmentOrganization");
            let channels = ld["availableChannel"].as_array().unwrap();
            assert_eq!(channels.len(), 3, "{id}: on-site, 142 and mobile");
            assert!(
                channels
                    .iter()
                    .any(|c| c["servicePhone"]["telephone"] == "142")
            );
            assert_eq!(ld["areaServed"]["@type"], "Country");
            assert!(channels.iter().any(|c| {
                c["serviceUrl"]
                    .as_str()
                    .unwrap_or("")
                    .ends_with(&format!("/{lang}/units/"))
            }));
            // Every page links its other languages, and marks x-default.
            for other in LANGS {
                assert!(
                    html.contains(&format!("href=https://ccu.example.org/{other}/services/{slug}/ hreflang={other} rel=alternate")),
                    "{lang} {id} lacks the {other} alternate"
                );
            }
            assert!(html.contains("hreflang=x-default"));
        }
    }
    let en = read(site.path(), "en/services/1-4/index.html");
    assert!(en.contains("Receipt of applications for labour pensions and social benefits"));
    let en = read(site.path(), "en/services/3-1/index.html");
    assert!(
        en.contains("ask what to bring"),
        "unknown documents say call 142"
    );
    let az = read(site.path(), "az/services/1-4/index.html");
    assert!(az.contains("Əmək pensiyaları və sosial müavinətlər"));
    let ru = read(site.path(), "ru/services/1-4/index.html");
    assert!(ru.contains("трудовых пенсиях"));
    let agency = read(site.path(), "en/agencies/labour/index.html");
    assert_eq!(json_ld(&agency)["@type"], "GovernmentOrganization");
}

#[test]
fn real_catalog_has_pages_for_agencies_units_districts_topics_and_guides() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    for lang in LANGS {
        for a in [
            "labour",
            "defence",
            "health",
            "mobilisation",
            "local-executive",
            "tabib",
        ] {
            read(site.path(), &format!("{lang}/agencies/{a}/index.html"));
        }
        for u in [
            "ganja",
            "masalli",
            "ujar",
            "shamkir",
            "qusar",
            "salyan",
            "dost-baku",
            "dost-absheron",
            "dost-baku-1",
            "dost-baku-2",
            "dost-baku-3",
            "dost-baku-5",
            "dost-centres",
            "dost-karabakh",
        ] {
            read(site.path(), &format!("{lang}/units/{u}/index.html"));
        }
        for t in [
            "pensions-benefits",
            "health-rehabilitation",
            "employment",
            "certificates",
            "housing",
            "awards-remembrance",
            "insurance",
        ] {
            read(site.path(), &format!("{lang}/topics/{t}/index.html"));
        }
        for g in ["about", "how-to-apply", "where"] {
            read(site.path(), &format!("{lang}/guides/{g}/index.html"));
        }
        read(site.path(), &format!("{lang}/search/index.html"));
        read(site.path(), &format!("{lang}/locator/index.html"));
    }
    let districts = std::fs::read_dir(site.path().join("dist/en/districts"))
        .unwrap()
        .count();
    assert_eq!(districts, 78 + 1, "78 district pages and the index");
    // A covered district names its unit; an uncovered one gives the nearest and the alternatives.
    let lerik = read(site.path(), "en/districts/az-ler/index.html");
    assert!(
        lerik.contains("/en/units/masalli/"),
        "Lerik is served by Masalli"
    );
    let nx = read(site.path(), "en/districts/az-nx/index.html");
    assert!(nx.contains("In the sources this area is on no unit's list; call 142."));
    assert!(nx.contains("km in a straight line"));
    assert!(nx.contains("Call Centre 142"));
    // The unit page lists what it covers.
    let ujar = read(site.path(), "ru/units/ujar/index.html");
    assert!(ujar.contains("Мингечевир") && ujar.contains("/ru/districts/az-zar/"));
    // A guide keeps its table and gets anchors.
    let where_ = read(site.path(), "en/guides/where/index.html");
    assert!(where_.contains("<table>") && where_.contains("id=regional-units"));
    // The root offers three languages without JavaScript.
    let root = std::fs::read_to_string(site.path().join("dist/index.html")).unwrap();
    for lang in LANGS {
        assert!(
            root.contains(&format!("href=/{lang}/")),
            "root links {lang}"
        );
    }
    assert!(site.path().join("dist/404.html").exists());
    let robots = std::fs::read_to_string(site.path().join("dist/robots.txt")).unwrap();
    assert!(robots.contains("Sitemap: https://ccu.example.org/sitemap.xml"));
    let sitemap = std::fs::read_to_string(site.path().join("dist/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://ccu.example.org/ru/services/5-1/</loc>"));
    assert!(sitemap.contains("hreflang=\"x-default\""));
}

#[test]
fn no_internal_link_is_broken() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    let dist = site.path().join("dist");
    let files: BTreeSet<String> = snapshot(&dist).into_iter().map(|(p, _)| p).collect();
    let mut broken = Vec::new();
    let mut checked = 0;
    for file in files.iter().filter(|f| f.ends_with(".html")) {
        let html = std::fs::read_to_string(dist.join(file)).unwrap();
        for attr in ["href", "src"] {
            for link in attr_values(&html, attr) {
                if !link.starts_with('/') || link.starts_with("//") {
                    continue;
                }
                let path = link
                    .split(['#', '?'])
                    .next()
                    .unwrap()
                    .trim_start_matches('/');
                let target = if path.is_empty() || path.ends_with('/') {
                    format!("{path}index.html")
                } else {
                    path.to_string()
                };
                checked += 1;
                if !files.contains(&target) {
                    broken.push(format!("{file} → {link}"));
                }
            }
        }
    }
    assert!(
        checked > 5000,
        "only {checked} links were found: the scan is broken"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn two_builds_of_the_same_input_are_byte_identical() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    let first = snapshot(&site.path().join("dist"));
    assert!(build(site.path()).status.success());
    let second = snapshot(&site.path().join("dist"));
    assert_eq!(first.len(), second.len());
    assert!(first == second, "the second build differs");
}

#[test]
fn fixture_site_shows_fallbacks_sanitises_and_feeds() {
    let site = site(Some("valid"));
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let guide = read(site.path(), "en/guides/apply/index.html");
    assert!(guide.contains("Call 142."));
    assert!(
        !guide.contains("alert(\"x\")"),
        "raw script in markdown never reaches a page"
    );
    let feed = read(site.path(), "en/atom.xml");
    assert!(feed.contains("<updated>2026-02-03T00:00:00Z</updated>"));
    assert!(feed.contains("https://fixture.test/en/services/1-4/"));
    let news = read(site.path(), "ru/whats-new/index.html");
    assert!(
        news.find("Как обратиться").unwrap() < news.find("Трудовая пенсия").unwrap(),
        "newest first"
    );
    // Dates read as dates in the page's language, not as ISO strings.
    assert!(news.contains(">3 февраля 2026 г.</time>"), "{news}");
    assert!(!news.contains(">2026-02-03</time>"));
}

#[test]
fn a_missing_translation_falls_back_to_azerbaijani_with_a_notice() {
    let site = site(Some("valid"));
    let catalog = site.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&catalog).unwrap();
    let text = text.replace(
        ", en: Housing queue, ru: Очередь на жильё}",
        ", ru: Очередь на жильё}",
    );
    std::fs::write(&catalog, text).unwrap();
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(site.path(), "en/services/5-1/index.html");
    assert!(html.contains("This page is not translated into English yet"));
    assert!(
        html.contains("<span lang=az>Mənzil növbəsi</span>"),
        "the fallback text is marked as Azerbaijani"
    );
    // Under --strict the same input is an error.
    let strict = ccu(&["check", "--strict", "--root", site.path().to_str().unwrap()]);
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("service 5.1, name.en: the English translation is missing"),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn a_guide_missing_in_one_language_shows_the_azerbaijani_guide_marked_as_such() {
    let site = site(Some("valid"));
    std::fs::remove_file(site.path().join("content/ru/apply.md")).unwrap();
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let html = read(site.path(), "ru/guides/apply/index.html");
    assert!(html.contains("<html lang=ru>"));
    assert!(html.contains("Эта страница ещё не переведена на русский язык"));
    assert!(
        html.contains("<article lang=az><h1>Necə müraciət etməli</h1>"),
        "the guide is marked as Azerbaijani"
    );
}

/// A page's text with the entities a template writes turned back into characters.
fn unescaped(html: &str) -> String {
    html.replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
}

/// Every built page of one language, and the search results its search page shows, by path.
fn pages(dist: &std::path::Path, lang: &str) -> Vec<(String, String)> {
    let search = walkdir::WalkDir::new(dist.join("search").join(lang));
    walkdir::WalkDir::new(dist.join(lang))
        .into_iter()
        .chain(search)
        .filter_map(Result::ok)
        .filter(|e| {
            e.path()
                .extension()
                .is_some_and(|x| x == "html" || x == "json")
        })
        .map(|e| {
            let rel = e.path().strip_prefix(dist).unwrap().display().to_string();
            (rel, unescaped(&std::fs::read_to_string(e.path()).unwrap()))
        })
        .collect()
}

#[test]
fn every_page_that_names_a_unit_with_a_caution_says_it() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    let dist = site.path().join("dist");
    // Sumgayit's unit: its centre was still being built in January 2026; the Karabakh centre:
    // the sources speak of the DOST centre, ask 142 what the coordination unit offers there.
    let units = [
        (
            "az",
            "dost-centres",
            "Sumqayıt sakinləri üçün DOST mərkəzləri",
            "2026-cı ilin yanvarında Sumqayıtda DOST mərkəzi hələ tikilirdi",
        ),
        (
            "en",
            "dost-centres",
            "DOST centres for Sumgayit residents",
            "In January 2026 the DOST centre in Sumgayit was still being built",
        ),
        (
            "ru",
            "dost-centres",
            "Центры DOST для жителей Сумгаита",
            "В январе 2026 года центр DOST в Сумгаите ещё строился",
        ),
        (
            "az",
            "dost-karabakh",
            "Qarabağ regional DOST mərkəzi",
            "vahid əlaqələndirmə mərkəzinin orada hansı xidmətləri göstərdiyini 142-dən soruşun",
        ),
        (
            "en",
            "dost-karabakh",
            "Karabakh regional DOST centre",
            "call 142 to ask which services the Central Coordination Unit offers there",
        ),
        (
            "ru",
            "dost-karabakh",
            "Карабахский региональный центр DOST",
            "какие услуги там оказывает единый координационный центр, узнайте по номеру 142",
        ),
    ];
    // Where the unit is only the nearest (the area is on no unit's list), its caution is not
    // said: it is about the places the unit serves.
    let unlisted = [
        (
            "az",
            "Mənbələrdə bu ərazi heç bir mərkəzin siyahısında yoxdur",
        ),
        ("en", "In the sources this area is on no unit's list"),
        (
            "ru",
            "В источниках эта территория не значится ни в одном списке центров",
        ),
    ];
    for (lang, id, name, caution) in units {
        let mut naming = 0;
        let unlisted = unlisted.iter().find(|(l, _)| *l == lang).unwrap().1;
        for (path, html) in pages(&dist, lang) {
            if path.contains("/districts/") && html.contains(unlisted) {
                assert!(
                    !html.contains(caution),
                    "{path}: a caution on a nearest unit"
                );
                continue;
            }
            let mentions: Vec<usize> = html.match_indices(name).map(|(i, _)| i).collect();
            assert!(
                mentions.is_empty() || html.contains(caution),
                "{path} names {name:?} without {caution:?}"
            );
            naming += usize::from(!mentions.is_empty());
            // Elsewhere than on the unit's own page (which leads with it), each mention is
            // followed closely by the caution: in the same list item, answer box or map label.
            if path.starts_with(&format!("{lang}/units/{id}/index.html")) {
                continue;
            }
            for &at in &mentions {
                let near = html[at..]
                    .char_indices()
                    .nth(600)
                    .map_or(html.len(), |(i, _)| at + i);
                assert!(
                    html[at..near].contains(caution),
                    "{path} names {name:?} without {caution:?} after it: {}",
                    &html[at..near]
                );
            }
        }
        // The unit's page, its districts', the units page, the locator and the A–Z list at least.
        assert!(naming >= 5, "{lang}: only {naming} pages name {name:?}");
    }
    // Sumgayit's page says only what DOST's page claims, then the dated caution, then 142.
    for (lang, said) in [
        (
            "az",
            "DOST-un səhifəsinə görə Sumqayıta DOST mərkəzləri xidmət göstərir.</p><p class=notice>2026-cı ilin yanvarında Sumqayıtda DOST mərkəzi hələ tikilirdi. Hara getməli olduğunuzu 142-dən soruşun.",
        ),
        (
            "en",
            "DOST's page says that the DOST centres serve Sumgayit.</p><p class=notice>In January 2026 the DOST centre in Sumgayit was still being built. Call 142 to ask where to go.",
        ),
        (
            "ru",
            "На странице DOST сказано, что Сумгаит обслуживают центры DOST.</p><p class=notice>В январе 2026 года центр DOST в Сумгаите ещё строился. Куда обратиться, узнайте по номеру 142.",
        ),
    ] {
        let page = unescaped(&read(
            site.path(),
            &format!("{lang}/districts/az-sm/index.html"),
        ));
        assert!(page.contains(said), "{lang}: {page}");
        assert!(
            !page.contains("Sizin mərkəziniz") && !page.contains("Your unit"),
            "{lang}"
        );
        assert!(!page.contains("ərazisinə"), "{lang}");
    }
}

#[test]
fn the_karabakh_districts_are_served_by_the_barda_centre_with_its_sources() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    let nine = [
        "az-bar", "az-tar", "az-agc", "az-agm", "az-fuz", "az-xci", "az-sus", "az-xvd", "az-xa",
    ];
    for d in nine {
        let en = read(site.path(), &format!("en/districts/{d}/index.html"));
        assert!(
            en.contains("Your unit") && en.contains("/en/units/dost-karabakh/"),
            "{d}"
        );
        assert!(!en.contains("on no unit's list"), "{d}");
        // The sources speak of the DOST centre; ask 142 about the coordination unit there.
        let en = unescaped(&en);
        assert!(
            en.contains(
                "call 142 to ask which services the Central Coordination Unit offers there"
            ),
            "{d}"
        );
        assert!(!en.contains("This is DOST's own information"), "{d}");
        // Where the centre is, wherever the nine are told they are served by it.
        let az = read(site.path(), &format!("az/districts/{d}/index.html"));
        assert!(
            az.contains(
                "sakinlərinə Qarabağ regional DOST mərkəzi (Bərdə şəhərində) xidmət göstərir."
            ),
            "{d}"
        );
        // Said in plain Azerbaijani, not a calque of "the sources speak of".
        let az = unescaped(&az);
        assert!(
            az.contains("Mənbələrdə yalnız DOST mərkəzinin özü barədə məlumat var")
                && !az.contains("özündən danışır"),
            "{d}"
        );
        let ru = read(site.path(), &format!("ru/districts/{d}/index.html"));
        assert!(
            ru.contains(
                ": жителей обслуживает Карабахский региональный центр DOST (в городе Барда)."
            ),
            "{d}"
        );
    }
    // The unit's page: its nine, the Tərtər branch, each fact with its source and date.
    let unit = read(site.path(), "en/units/dost-karabakh/index.html");
    for needle in [
        "/en/districts/az-xa/",
        "/en/districts/az-sus/",
        "In January 2026 a DOST branch of the Karabakh regional DOST centre opened in Tartar district. Call 142 to ask whether the Central Coordination Unit's services are offered there.",
        "href=https://sosial.gov.az/media-en/news/one-year-has-passed-since-the-opening-of-karabakh-regional-dost-center",
        "href=https://report.az/sosial-mudafie/terterde-dost-filialinin-acilisi-olub",
        "opened in the city of Barda on 7 August 2023",
        "datetime=2026-12-03",
    ] {
        assert!(unit.contains(needle), "{needle}");
    }
    // No address, hours or phone beyond the sources: call 142. The Tərtər branch is no address
    // of the unit: the sources do not say that the coordination unit works there.
    assert!(unit.contains("Opening hours are not published here. Call 142"));
    assert!(!unit.contains("DOST branch: Tartar district"));
    // The units page and its map name the centre at Barda.
    let units = unescaped(&read(site.path(), "az/units/index.html"));
    assert!(units.contains(">Bərdə</text>") && units.contains("Qarabağ regional DOST mərkəzi"));
}

#[test]
fn nakhchivan_leads_with_142_and_the_mobile_service_then_says_why_the_distance_misleads() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    for (lang, phone, mobile, km, why) in [
        (
            "en",
            "Call Centre 142",
            "Mobile service",
            "km in a straight line",
            "crosses Armenia",
        ),
        (
            "az",
            "142 Çağrı Mərkəzi",
            "Səyyar xidmət",
            "düz xətlə",
            "Ermənistan ərazisindən keçir",
        ),
        (
            "ru",
            "Колл-центр 142",
            "Выездное обслуживание",
            "км по прямой",
            "через Армению",
        ),
    ] {
        for d in ["az-nx", "az-nv", "az-ord"] {
            let html = read(site.path(), &format!("{lang}/districts/{d}/index.html"));
            let main = &html[html.find("<main").unwrap()..];
            let at = |s: &str| {
                main.find(s)
                    .unwrap_or_else(|| panic!("{lang} {d}: no {s:?}"))
            };
            assert!(
                at(phone) < at(km) && at(mobile) < at(km),
                "{lang} {d}: the distance comes first"
            );
            assert!(at(km) < at(why), "{lang} {d}");
        }
    }
}

/// A unit's printed sheet names a city and a district of the same name apart, as its page does.
#[test]
fn the_ujar_sheet_tells_yevlakh_city_from_yevlakh_district() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    for (lang, twice, apart) in [
        ("az", "Yevlax, Yevlax", "Yevlax (şəhər), Yevlax (rayon)"),
        (
            "en",
            "Yevlakh, Yevlakh",
            "Yevlakh (city), Yevlakh (district)",
        ),
        ("ru", "Евлах, Евлах", "Евлах (город), Евлах (район)"),
    ] {
        let page = read(site.path(), &format!("{lang}/units/ujar/index.html"));
        let sheet = &page[page.find("class=sheet").expect("a sheet")..];
        assert!(!sheet.contains(twice), "{lang}");
        assert!(sheet.contains(apart), "{lang}");
    }
}

/// The Karabakh centre's note on its Tərtər branch, with its 142 caution, is on Tərtər's page
/// in each language, and not on Bərdə's, which it is not about.
#[test]
fn the_tartar_page_names_the_tartar_branch_with_its_142_caution() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    for (lang, branch, ask) in [
        (
            "az",
            "Tərtər rayonunda Qarabağ regional DOST mərkəzinin DOST filialı açılıb",
            "142-dən soruşun",
        ),
        (
            "en",
            "a DOST branch of the Karabakh regional DOST centre opened in Tartar district",
            "Call 142 to ask whether",
        ),
        (
            "ru",
            "в Тертерском районе открылся филиал Карабахского регионального центра DOST",
            "узнайте по номеру 142",
        ),
    ] {
        let tar = read(site.path(), &format!("{lang}/districts/az-tar/index.html"));
        let main = &tar[tar.find("<main").unwrap()..];
        let at = main
            .find(branch)
            .unwrap_or_else(|| panic!("{lang}: no branch"));
        assert!(main[at..].contains(ask), "{lang}: no 142");
        let bar = read(site.path(), &format!("{lang}/districts/az-bar/index.html"));
        assert!(
            !bar.contains(branch),
            "{lang}: the branch note is not about Bərdə"
        );
    }
}

/// `note_districts` names only districts the unit serves: another is refused with its line.
#[test]
fn check_refuses_a_note_district_the_unit_does_not_serve() {
    let site = site(None);
    let path = site.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("note_districts: [AZ-TAR]").count(), 1);
    std::fs::write(
        &path,
        text.replace("note_districts: [AZ-TAR]", "note_districts: [AZ-NX]"),
    )
    .unwrap();
    let out = ccu(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("catalog.yaml:") && err.contains("`AZ-NX` is not a district the unit serves"),
        "{err}"
    );
}

/// A district page says its kind once: "Евлах (город)" under no "город" caption, while a
/// name no other division shares keeps its kind as the caption.
#[test]
fn a_district_heading_says_its_kind_once() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    let head = |lang: &str, id: &str| {
        let page = read(site.path(), &format!("{lang}/districts/{id}/index.html"));
        let main = &page[page.find("<main").unwrap()..];
        let h1 = main.find("</h1>").unwrap();
        let text = main[..h1].replace('<', " <");
        let mut out = String::new();
        let mut tag = false;
        for c in text.chars() {
            match c {
                '<' => tag = true,
                '>' => tag = false,
                _ if !tag => out.push(c),
                _ => {}
            }
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    for (lang, id, twice, once) in [
        ("ru", "az-ye", "город Евлах (город)", "Евлах (город)"),
        ("ru", "az-sak", "район Шеки (район)", "Шеки (район)"),
        ("en", "az-ye", "city Yevlakh (city)", "Yevlakh (city)"),
        ("az", "az-ye", "şəhər Yevlax (şəhər)", "Yevlax (şəhər)"),
    ] {
        let h = head(lang, id);
        assert!(
            h.ends_with(once) && !h.contains(twice),
            "{lang} {id}: `{h}`"
        );
    }
    assert!(
        head("ru", "az-bal").ends_with("район Балакен"),
        "{}",
        head("ru", "az-bal")
    );
}
