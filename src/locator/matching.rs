//! Place names as people type them → the division they mean.
//!
//! Each name is compared under three keys, from strict to loose:
//! 1. `clean`: lowercased and folded, words like city/rayonu/район dropped,
//!    Russian adjective endings cut ("Шамкирский район" → "шамкир");
//! 2. `translit`: Cyrillic to Latin, then the usual romanisation pairs merged
//!    (kh/x, dzh/j/c, sh/ş, ch/ç, q/g/k, ğ/gh, ə/a/e, ı/i/y) and double letters single;
//! 3. `skeleton`: the transliteration's consonants.
//!
//! A typo budget by length covers the rest. `locate.mjs` mirrors this file.

use crate::text::{cyrillic_to_latin, edit_distance, normalize, typo_budget};

/// Words that say what kind of place it is, not which.
const GENERIC: &[&str] = &[
    "city",
    "town",
    "district",
    "region",
    "rayon",
    "raion",
    "municipality",
    "autonomous",
    "republic",
    "ar",
    "seher",
    "seheri",
    "rayonu",
    "muxtar",
    "respublikasi",
    "respublika",
    "qesebesi",
    "qesebe",
    "город",
    "г",
    "район",
    "р",
    "н",
    "рн",
    "область",
    "автономная",
    "республика",
    "пгт",
    "поселок",
    "село",
    "районе",
    "района",
    "городе",
    "города",
    "в",
    "во",
    "in",
    "near",
    "rayonunda",
    "seherinde",
];

/// Russian adjective endings, in Cyrillic and in Latin transliteration, longest first
/// within each script: "Шамкирский", "в Шамкирском районе", "Shamkirskiy".
const ADJ_ENDINGS: &[&str] = &[
    "ского",
    "скому",
    "ских",
    "ским",
    "ском",
    "скои",
    "скую",
    "скии",
    "ская",
    "ское",
    "ские",
    "skogo",
    "skomu",
    "skaya",
    "skoye",
    "skiye",
    "skikh",
    "skuyu",
    "skiy",
    "skii",
    "skij",
    "skim",
    "skom",
    "skoy",
    "skoe",
    "skie",
    "sky",
];

/// A generic word, or a long one mistyped by one letter ("раион", "distrct").
fn is_generic(w: &str) -> bool {
    GENERIC.contains(&w)
        || (w.chars().count() >= 5
            && GENERIC
                .iter()
                .any(|g| g.chars().count() >= 5 && edit_distance(w, g, 1) <= 1))
}

/// Key 1: the name's words, folded, without generic words and adjective endings.
/// `й` counts as `и`: people often type one for the other.
pub fn clean(s: &str) -> String {
    let folded: String = normalize(s)
        .chars()
        .map(|c| if c == 'й' { 'и' } else { c })
        .collect();
    let words: Vec<String> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !is_generic(w))
        .map(|w| {
            let mut w = w.to_string();
            for end in ADJ_ENDINGS {
                if let Some(stem) = w.strip_suffix(end)
                    && stem.chars().count() >= 3
                {
                    w = stem.to_string();
                    break;
                }
            }
            if let Some(stem) = w.strip_suffix('ь') {
                w = stem.to_string();
            }
            w
        })
        .collect();
    if words.is_empty() {
        // The query was only a generic word ("city"): keep it rather than match everything.
        return folded.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    words.join(" ")
}

/// Key 2: Latin letters with the romanisation pairs merged.
pub fn translit(clean: &str) -> String {
    let mut latin = String::new();
    for c in clean.chars() {
        match cyrillic_to_latin(c) {
            Some(t) => latin.push_str(t),
            None if c.is_alphanumeric() => latin.push(c),
            None => {}
        }
    }
    let mut s = latin;
    for (from, to) in [
        ("dzh", "c"),
        ("dj", "c"),
        ("tch", "c"),
        ("ch", "c"),
        ("zh", "j"),
        ("kh", "x"),
        ("gh", "g"),
        ("sh", "s"),
    ] {
        s = s.replace(from, to);
    }
    let mut out = String::new();
    for c in s.chars() {
        let m = match c {
            'j' => 'c',
            'q' | 'g' | 'k' => 'k',
            'e' => 'a',
            'y' => 'i',
            'w' => 'v',
            _ => c,
        };
        if out.ends_with(m) {
            continue; // "Masalli" and "Masally" → "masali"
        }
        out.push(m);
    }
    out
}

/// Key 3: the consonants of the transliteration, first letter kept.
pub fn skeleton(translit: &str) -> String {
    let mut out = String::new();
    for (i, c) in translit.chars().enumerate() {
        if i == 0 || !"aeiou".contains(c) {
            out.push(c);
        }
    }
    out
}

/// One name of one place, with its keys.
#[derive(Clone, Debug)]
pub struct Name {
    pub place: usize,
    pub primary: bool,
    pub clean: String,
    pub translit: String,
    pub skeleton: String,
}

impl Name {
    pub fn new(place: usize, primary: bool, text: &str) -> Name {
        let clean = clean(text);
        let translit = translit(&clean);
        let skeleton = skeleton(&translit);
        Name {
            place,
            primary,
            clean,
            translit,
            skeleton,
        }
    }
}

/// How far a query is from a name: lower is closer; None when too far.
pub fn cost(q: &Name, n: &Name) -> Option<usize> {
    if q.clean.is_empty() {
        return None;
    }
    if q.clean == n.clean {
        return Some(0);
    }
    if q.translit == n.translit {
        return Some(1);
    }
    let qlen = q.translit.chars().count();
    let nlen = n.translit.chars().count();
    let budget = typo_budget(qlen);
    let d = edit_distance(&q.translit, &n.translit, budget.max(3));
    // Same consonants, other vowels ("Lenkoran", "Lankaran"): as close as the vowels allow.
    if q.skeleton.chars().count() >= 3 && q.skeleton == n.skeleton {
        return Some(3 + d.min(3));
    }
    if budget > 0 && d <= budget {
        return Some(3 + d);
    }
    // The name followed by a short ending: an inflection or an adjective ("Lerika", "Abşeronsk…").
    if nlen >= 4 && qlen > nlen && qlen - nlen <= 3 && q.translit.starts_with(&n.translit) {
        return Some(4);
    }
    // The start of a name, as someone still typing it.
    if qlen >= 4 && nlen > qlen && n.translit.starts_with(&q.translit) {
        return Some(5);
    }
    None
}

/// The best place for a query: lowest cost, then a primary name, then data order.
/// When the whole query matches nothing, each of its words may (one step costlier).
pub fn best(query: &str, names: &[Name]) -> Option<usize> {
    let whole = Name::new(usize::MAX, false, query);
    let mut queries = vec![(0, whole.clone())];
    if whole.clean.contains(' ') {
        for w in whole.clean.split(' ').filter(|w| w.chars().count() >= 3) {
            queries.push((1, Name::new(usize::MAX, false, w)));
        }
    }
    queries
        .iter()
        .flat_map(|(extra, q)| {
            names.iter().filter_map(move |n| {
                cost(q, n).map(|c| ((c + extra, !n.primary, n.place), n.place))
            })
        })
        .min()
        .map(|(_, p)| p)
}

/// Up to three places whose names are closest to a query that matched nothing.
pub fn suggestions(query: &str, names: &[Name]) -> Vec<usize> {
    let q = Name::new(usize::MAX, false, query);
    let len = q.translit.chars().count();
    if len < 2 {
        return vec![];
    }
    let limit = len.div_ceil(2).max(2);
    let mut scored: Vec<(usize, usize)> = names
        .iter()
        .map(|n| (edit_distance(&q.translit, &n.translit, limit), n.place))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    let mut out = Vec::new();
    for (_, p) in scored {
        if !out.contains(&p) {
            out.push(p);
        }
        if out.len() == 3 {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_words_and_russian_adjectives_are_dropped() {
        assert_eq!(clean("Şəmkir rayonu"), "semkir");
        assert_eq!(clean("Шамкирский район"), "шамкир");
        assert_eq!(clean("в Шамкирском районе"), "шамкир");
        assert_eq!(clean("г. Гянджа"), "гянджа");
        assert_eq!(clean("Shamkirskiy rayon"), "shamkir");
        assert_eq!(clean("  Ganja city "), "ganja");
    }

    #[test]
    fn romanisations_meet() {
        let t = |s: &str| translit(&clean(s));
        assert_eq!(t("Xaçmaz"), t("Khachmaz"));
        assert_eq!(t("Cəlilabad"), t("Jalilabad"));
        assert_eq!(t("Quba"), t("Guba"));
        assert_eq!(t("Masallı"), t("Masally"));
        assert_eq!(t("Шамкир"), t("Shamkir"));
        assert_eq!(t("Ağdaş"), t("Aghdash"));
    }
}
