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
