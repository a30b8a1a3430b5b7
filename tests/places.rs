//! The places of `data/places.csv` in the built site: each division's towns and
//! villages, a page per Baku district, the locator's list that works without
//! JavaScript, and the Baku districts a DOST centre serves.

mod common;
use ccu_portal::catalog::{Catalog, Place};
use ccu_portal::lang::Lang;
use ccu_portal::site;
use common::*;
use std::path::Path;

/// A name as the templates escape it in HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#x27;")
        .replace('/', "&#x2F;")
}

fn catalog() -> Catalog {
    site::check(&repo(), false).0.unwrap().catalog
}

fn name(p: &Place, lang: Lang) -> String {
    esc(&p.name.plain(lang))
}

fn baku_districts(c: &Catalog) -> Vec<&Place> {
    c.places.iter().filter(|p| p.is_baku_district()).collect()
}

fn has_link(html: &str, href: &str) -> bool {
    attr_values(html, "href").iter().any(|h| h == href)
}

#[test]
fn places_have_their_pages_and_lists_in_every_language() {
    let c = catalog();
    let site = site(None);
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    for lang in Lang::ALL {
        division_pages_list_their_places(&c, site.path(), lang);
        baku_districts_have_pages_linked_from_baku(&c, site.path(), lang);
        locator_lists_every_place_with_a_link(&c, site.path(), lang);
        unit_pages_show_the_baku_districts_they_serve(&c, site.path(), lang);
    }
    let sitemap = read(site.path(), "sitemap.xml");
    for b in baku_districts(&c) {
        let path = format!("/en/districts/az-ba/{}/", b.slug());
        assert!(sitemap.contains(&path), "{path} is not in the sitemap");
    }
}

fn division_pages_list_their_places(c: &Catalog, root: &Path, lang: Lang) {
    let mut checked = 0;
    for d in &c.districts {
        let html = read(root, &format!("{lang}/districts/{}/index.html", d.slug()));
        let places = c.places.iter().filter(|p| p.division == d.id);
        for p in places.filter(|p| !p.is_baku_district()) {
            assert!(
                html.contains(&name(p, lang)),
                "{lang} page of {} does not list {}",
                d.id,
                p.id
            );
            checked += 1;
        }
    }
    assert!(checked > 190, "only {checked} places listed");
}

fn baku_districts_have_pages_linked_from_baku(c: &Catalog, root: &Path, lang: Lang) {
    let baku = read(root, &format!("{lang}/districts/az-ba/index.html"));
    let ds = baku_districts(c);
    assert_eq!(ds.len(), 12);
    for b in ds {
        let url = format!("/{lang}/districts/az-ba/{}/", b.slug());
        assert!(has_link(&baku, &url), "Baku's {lang} page lacks {url}");
        let html = read(root, &format!("{}index.html", &url[1..]));
        assert!(
            html.contains(&name(b, lang)),
            "{url} does not name {}",
            b.id
        );
        for s in c
            .places
            .iter()
            .filter(|s| s.baku_district.as_ref() == Some(&b.id))
        {
            assert!(
                html.contains(&name(s, lang)),
                "{url} does not list {}",
                s.id
            );
        }
        match c.centre_for(&b.id) {
            Some(u) => {
                let unit = format!("/{lang}/units/{}/", u.id);
                assert!(has_link(&html, &unit), "{url} does not link {unit}");
            }
            None => assert!(html.contains("142"), "{url} does not say to call 142"),
        }
    }
    // Yasamal: DOST centre No. 1; Khatai: no source says, so call 142.
    let yasamal = read(root, &format!("{lang}/districts/az-ba/yasamal/index.html"));
    assert!(has_link(&yasamal, &format!("/{lang}/units/dost-baku-1/")));
    let khatai = read(root, &format!("{lang}/districts/az-ba/khatai/index.html"));
    let unknown = match lang {
        Lang::Az => {
            "Bu rayona Bakıdakı DOST mərkəzlərindən biri xidmət göstərir. Hansı mərkəz olduğunu 142-dən soruşun."
        }
        Lang::En => "One of the DOST centres in Baku serves this district. Call 142",
        Lang::Ru => "Этот район обслуживает один из центров DOST в Баку. Какой именно, узнайте",
    };
    assert!(khatai.contains(unknown), "{lang} Khatai page: {khatai}");
    // Nəsimi and Nərimanov have no settlements (data/baku-raions.csv): said, not "not listed".
    let (none, unlisted) = match lang {
        Lang::Az => ("Bu rayonda qəsəbə yoxdur.", "sadalanmayıb"),
        Lang::En => ("This district has no settlements.", "does not list"),
        Lang::Ru => ("В этом районе нет посёлков.", "не перечислены"),
    };
    for raion in ["nasimi", "narimanov"] {
        let page = read(root, &format!("{lang}/districts/az-ba/{raion}/index.html"));
        assert!(
            page.contains(none) && !page.contains(unlisted),
            "{lang} {raion}"
        );
    }
    assert!(!khatai.contains(none), "{lang} Khatai");
}

fn locator_lists_every_place_with_a_link(c: &Catalog, root: &Path, lang: Lang) {
    let html = read(root, &format!("{lang}/locator/index.html"));
    for p in &c.places {
        assert!(
            html.contains(&name(p, lang)),
            "{lang} locator lacks {}",
            p.id
        );
    }
    // A settlement of a Baku district links to its district's page, a village to its division's.
    let khojasan = c.places.iter().find(|p| p.id == "585940").unwrap();
    assert_eq!(khojasan.baku_district.as_deref(), Some("baku-binagadi"));
    assert!(has_link(
        &html,
        &format!("/{lang}/districts/az-ba/binagadi/")
    ));
    let village = c.places.iter().find(|p| p.kind == "village").unwrap();
    let division = c.district(&village.division).unwrap();
    assert!(has_link(
        &html,
        &format!("/{lang}/districts/{}/", division.slug())
    ));
    // The list stays compact: the whole page, map included, well under 150 kB.
    assert!(
        html.len() < 150_000,
        "{lang} locator page is {} bytes",
        html.len()
    );
}

fn unit_pages_show_the_baku_districts_they_serve(c: &Catalog, root: &Path, lang: Lang) {
    for u in c.units.iter().filter(|u| !u.baku_districts.is_empty()) {
        let html = read(root, &format!("{lang}/units/{}/index.html", u.id));
        for b in &u.baku_districts {
            let slug = b.trim_start_matches("baku-");
            let url = format!("/{lang}/districts/az-ba/{slug}/");
            assert!(has_link(&html, &url), "{} ({lang}) lacks {url}", u.id);
        }
    }
    let two = read(root, &format!("{lang}/units/dost-baku-2/index.html"));
    assert!(has_link(&two, &format!("/{lang}/districts/az-ba/khazar/")));
    assert!(!has_link(
        &two,
        &format!("/{lang}/districts/az-ba/yasamal/")
    ));
}

#[test]
fn searching_a_baku_district_finds_its_page() {
    for (lang, query, url) in [
        ("en", "Khazar", "/en/districts/az-ba/khazar/"),
        ("az", "Xətai", "/az/districts/az-ba/khatai/"),
        ("ru", "Ясамальский", "/ru/districts/az-ba/yasamal/"),
    ] {
        let root = repo();
        let args = ["search", "--root", root.to_str().unwrap(), "--lang", lang];
        let out = ccu(&[&args[..], &["--json", query]].concat());
        assert!(out.status.success(), "{}", stderr(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let urls: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .take(3)
            .filter_map(|h| h["url"].as_str())
            .collect();
        assert!(urls.contains(&url), "{lang} {query:?}: {urls:?}");
    }
}

/// Every HTML file of a built site, with its path.
fn pages(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p.strip_prefix(root).unwrap().display().to_string(), text));
            }
        }
    }
    out
}

/// The names of `data/old-names.csv`: occupation-era, Soviet and GeoNames-only names.
fn old_names() -> Vec<String> {
    let text = std::fs::read_to_string(repo().join("data/old-names.csv")).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("old_name,official_az"));
    lines
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect()
}

/// Whether `html` has `word` as a whole word: Бине is not a name inside Бинелер.
fn shows_word(html: &str, word: &str) -> bool {
    html.match_indices(word).any(|(i, _)| {
        let before = html[..i].chars().next_back();
        let after = html[i + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// No page shows an occupation-era, Soviet or GeoNames-only name: the places carry their official
/// names, and the old ones stay only where people's typing is matched (the locator's data).
#[test]
fn no_page_shows_an_occupation_era_or_soviet_name() {
    let old = old_names();
    assert!(old.iter().any(|n| n == "Martakert") && old.len() > 10);
    let site = site(None);
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let mut shown = Vec::new();
    let all = pages(site.path());
    assert!(all.len() > 200, "only {} pages", all.len());
    for (path, html) in &all {
        for n in &old {
            if shows_word(html, &esc(n)) {
                shown.push(format!("{path}: {n}"));
            }
        }
    }
    assert!(shown.is_empty(), "{}", shown.join("\n"));
    // The official names are shown instead, in each language.
    for (lang, name) in [
        ("az", "Ağdərə"),
        ("en", "Aghdara"),
        ("ru", "Агдере"),
        ("ru", "Венгли"),
        ("ru", "Зейем"),
        ("ru", "Верхний Дашкесан"),
        ("az", "Sabirkənd"),
        // One spelling per name (data/old-names.csv, kind `spelling`) and the usual Russian forms.
        ("az", "Gərənə"),
        ("az", "Ramana"),
        ("az", "Gürgən"),
        ("az", "M.Ə.Rəsulzadə"),
        ("ru", "Бина"),
        ("ru", "Биляджари"),
        ("ru", "Коргёз"),
        ("ru", "Нефтчала"),
        ("ru", "Сиязань"),
        ("ru", "Гасанабад"),
        ("ru", "Алят"),
        ("ru", "28 Мая"),
        ("ru", "Гырмызы Базар"),
        ("ru", "Газанбулаг"),
        ("ru", "Нефтяные Камни"),
        ("ru", "Гаджи Зейналабдин"),
        ("ru", "Ханюрду"),
        ("ru", "Загатала"),
    ] {
        let locator = read(site.path(), &format!("{lang}/locator/index.html"));
        assert!(locator.contains(&esc(name)), "{lang} locator lacks {name}");
    }
    // The locator's data keeps an old name as something people may type.
    let data = read(site.path(), "locator/places.json");
    assert!(data.contains("Martakert") && data.contains("Sumbatan-diza"));
}

/// The English and Russian forms the rules make, measured on the divisions, whose forms are known.
#[test]
fn transliteration_rules_agree_with_the_divisions_known_forms() {
    use ccu_portal::catalog::translit::{to_english, to_russian};
    let c = catalog();
    let (mut en, mut ru) = (0, 0);
    let mut differ = Vec::new();
    for d in &c.districts {
        let az = d.name.plain(Lang::Az);
        let (e, r) = (to_english(&az), to_russian(&az));
        if e == d.name.plain(Lang::En) {
            en += 1;
        } else {
            differ.push(format!("{az}: {e} / {}", d.name.plain(Lang::En)));
        }
        if r == d.name.plain(Lang::Ru) {
            ru += 1;
        } else {
            differ.push(format!("{az}: {r} / {}", d.name.plain(Lang::Ru)));
        }
    }
    let n = c.districts.len();
    eprintln!(
        "transliteration on {n} divisions: English {en} agree ({:.0}%), Russian {ru} ({:.0}%)\n{}",
        100.0 * en as f64 / n as f64,
        100.0 * ru as f64 / n as f64,
        differ.join("\n")
    );
    assert!(en * 100 >= n * 85, "English {en} of {n}");
    // Russian usage the rules follow: ə is а after h, x, ş, c and я after an inner l.
    for (az, ru) in [
        ("Həsənabad", "Гасанабад"),
        ("Ələt", "Алят"),
        ("Xocəsən", "Ходжасан"),
        ("Şəmkir", "Шамкир"),
        ("Biləsuvar", "Билясувар"),
        ("Mirlər", "Мирлер"),
    ] {
        assert_eq!(to_russian(az), ru, "{az}");
    }
    assert!(ru * 100 >= n * 65, "Russian {ru} of {n}");
}

/// Each division's page lists its settlements A–Z and the unit that serves them.
#[test]
fn a_division_page_lists_its_settlements_and_their_unit() {
    let site = site(None);
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let from_list = |html: &str| {
        let at = html
            .find("id=places")
            .or_else(|| html.find("id=\"places\""));
        html[at.expect("a list of places")..].to_string()
    };
    // Astara is served by the Masallı unit: its list says so.
    let ast = from_list(&read(site.path(), "en/districts/az-ast/index.html"));
    assert!(ast.contains("The unit that serves these places:"), "{ast}");
    assert!(ast.contains("/en/units/masalli/"), "{ast}");
    let qab = from_list(&read(site.path(), "en/districts/az-qab/index.html"));
    let (bum, vandam) = (qab.find("Bum").unwrap(), qab.find("Vandam").unwrap());
    assert!(bum < vandam, "not A–Z");
    // Without JavaScript, the browser's find reaches a village on the locator page.
    let loc = read(site.path(), "az/locator/index.html");
    assert!(loc.contains("Vəndam") && loc.contains("Şubanı") && loc.contains("Talışnuru"));
}
