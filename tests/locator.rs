//! The locator: every name and spelling finds its place; covered and nearest rules.

mod common;
use ccu_portal::lang::Lang;
use ccu_portal::locator::{self, clean};
use ccu_portal::site;
use common::*;

#[test]
fn every_name_and_spelling_of_every_row_locates_to_that_row() {
    let (loaded, _) = site::check(&repo(), false);
    let c = loaded.unwrap().catalog;
    let names = locator::names(&c);
    let mut wrong = Vec::new();
    let mut n = 0;
    for d in &c.districts {
        let mut variants: Vec<String> = Lang::ALL.iter().map(|&l| d.name.plain(l)).collect();
        variants.extend(d.spellings.iter().cloned());
        for v in variants {
            n += 1;
            let got = locator::locate(&c, &names, &v, Lang::En).expect("a name always locates");
            if got.district == d.id {
                continue;
            }
            // Where two divisions share a name (Lankaran city and district), either may answer.
            let other = c.district(&got.district).unwrap();
            let shares = Lang::ALL
                .iter()
                .map(|&l| other.name.plain(l))
                .chain(other.spellings.iter().cloned())
                .any(|o| clean(&o) == clean(&v));
            if !shares {
                wrong.push(format!("{v:?} ({}) → {}", d.id, got.district));
            }
        }
    }
    assert!(n > 400, "only {n} names");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
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
        ("Lerki", "AZ-LER", "masalli"),
        ("Masalli rayonu", "AZ-MAS", "masalli"),
        ("Gyandzha", "AZ-GA", "ganja"),
        ("Xacmaz", "AZ-XAC", "qusar"),
        ("Khachmas", "AZ-XAC", "qusar"),
        ("Göygöl", "AZ-GYG", "ganja"),
        ("город Сумгаит", "AZ-SM", "dost-sumgayit"),
        ("Bilesuvar", "AZ-BIL", "salyan"),
        ("Agjabedi", "AZ-AGC", "ujar"),
    ] {
        let got = locator::locate(&c, &names, query, Lang::En).unwrap_or_else(|| panic!("{query}"));
        assert_eq!(got.district, district, "{query}");
        assert_eq!(got.unit, unit, "{query}");
    }
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
            let seat = c.district(&u.seat).unwrap();
            let km = locator::haversine_km(d.lat, d.lon, seat.lat, seat.lon).round() as u32;
            assert!(
                km >= a.distance_km,
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
        err.contains("no city or district matches \"Paris\""),
        "{err}"
    );
    assert!(err.contains("did you mean:"), "{err}");
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
