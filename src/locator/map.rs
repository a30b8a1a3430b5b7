//! An SVG map drawn at build time: the country's outline (Natural Earth, public
//! domain), each division's centre coloured by the unit that serves it,
//! uncovered ones hollow, the units as labelled squares. No tiles, no external request.

use crate::catalog::{Catalog, DistrictKind, Unit};
use crate::lang::Lang;
use crate::text::escape;
use std::collections::BTreeMap;

fn kind_key(k: DistrictKind) -> &'static str {
    match k {
        DistrictKind::City => "district_kind_city",
        DistrictKind::District => "district_kind_district",
        DistrictKind::AutonomousRepublic => "district_kind_autonomous_republic",
    }
}

/// A unit's name, and what to know before going where there is something (no centre open yet).
fn unit_said(u: &Unit, lang: Lang) -> String {
    match &u.caution {
        Some(w) => format!("{}. {}", u.name.plain(lang), w.plain(lang)),
        None => u.name.plain(lang),
    }
}

/// Colours with at least 3:1 contrast on white (WCAG non-text contrast).
const PALETTE: [&str; 9] = [
    "#1d70b8", "#00703c", "#d4351c", "#6f3f98", "#b35900", "#005a5a", "#806c00", "#505a5f",
    "#0b0c0c",
];
const W: f64 = 640.0;
const PAD: f64 = 24.0;
const LAT: (f64, f64) = (38.3, 42.0);
const LON: (f64, f64) = (44.6, 50.6);

fn project(lat: f64, lon: f64) -> (f64, f64) {
    // Equirectangular, scaled by the cosine of the middle latitude.
    let k = ((LAT.0 + LAT.1) / 2.0).to_radians().cos();
    let sx = (W - 2.0 * PAD) / ((LON.1 - LON.0) * k);
    let x = PAD + (lon - LON.0) * k * sx;
    let y = PAD + (LAT.1 - lat) * sx;
    (x, y)
}

pub fn height() -> f64 {
    project(LAT.0, LON.0).1 + PAD
}

/// The colour of each unit, by its position in the catalog.
pub fn colour(c: &Catalog, unit: &str) -> &'static str {
    let i = c.units.iter().position(|u| u.id == unit).unwrap_or(0);
    PALETTE[i % PALETTE.len()]
}

/// Each division's name in the catalog's order, with its kind where another division shares it
/// ("Lənkəran (şəhər)", "Lənkəran (rayon)"), so that a screen reader can tell the two dots apart.
fn labels(c: &Catalog, lang: Lang, words: &BTreeMap<String, String>) -> Vec<String> {
    let names: Vec<String> = c.districts.iter().map(|d| d.name.plain(lang)).collect();
    let shared = |n: &str| names.iter().filter(|m| *m == n).count() > 1;
    c.districts
        .iter()
        .zip(&names)
        .map(|(d, n)| match words.get(kind_key(d.kind)) {
            Some(kind) if shared(n) => format!("{n} ({kind})"),
            _ => n.clone(),
        })
        .collect()
}

/// The map in one language; `words` are the theme's strings of that language (the title, the
/// words for a division's kind).
pub fn svg(
    c: &Catalog,
    lang: Lang,
    words: &BTreeMap<String, String>,
    outline: &[Vec<(f64, f64)>],
) -> String {
    let title = words.get("unit_map_title").map_or("", String::as_str);
    let h = height();
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {W} {h:.0}\" role=\"img\" aria-labelledby=\"map-title\"><title id=\"map-title\">{}</title><rect width=\"{W}\" height=\"{h:.0}\" fill=\"#f3f2f1\"/>",
        escape(title)
    );
    if !outline.is_empty() {
        let mut d = String::new();
        for ring in outline {
            for (i, (lon, lat)) in ring.iter().enumerate() {
                let (x, y) = project(*lat, *lon);
                d.push_str(&format!("{}{x:.1} {y:.1}", if i == 0 { "M" } else { "L" }));
            }
            d.push('Z');
        }
        out.push_str(&format!(
            "<path d=\"{d}\" fill=\"#fff\" stroke=\"#505a5f\" stroke-width=\"1.5\"/>"
        ));
    }
    for (d, label) in c.districts.iter().zip(labels(c, lang, words)) {
        let (x, y) = project(d.lat, d.lon);
        let name = escape(&label);
        match c.unit_for(&d.id) {
            Some(u) => out.push_str(&format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"6\" fill=\"{}\"><title>{name} — {}</title></circle>",
                colour(c, &u.id),
                escape(&unit_said(u, lang))
            )),
            None => out.push_str(&format!(
                "<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#fff\" stroke=\"#505a5f\" stroke-width=\"2\"><title>{name}</title></circle>"
            )),
        }
    }
    for u in &c.units {
        let Some(seat) = u.seat.as_deref().and_then(|s| c.district(s)) else {
            continue;
        };
        let (x, y) = project(seat.lat, seat.lon);
        let label = escape(&seat.name.plain(lang));
        out.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"14\" height=\"14\" fill=\"{}\" stroke=\"#0b0c0c\" stroke-width=\"2\"><title>{}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" font-weight=\"700\" fill=\"#0b0c0c\">{label}</text>",
            x - 7.0,
            y - 7.0,
            colour(c, &u.id),
            escape(&unit_said(u, lang)),
            x + 10.0,
            y - 8.0
        ));
    }
    out.push_str("</svg>");
    out
}
