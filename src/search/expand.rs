//! From query words to weighted index terms: exact forms, then typing prefixes,
//! typos and unseen inflections. `themes/default/static/search/search.mjs`
//! implements the same rules; the Node tests hold the two to each other.

use crate::text::{edit_distance, typo_budget, words};
use std::collections::BTreeMap;

/// At most this many terms stand for one query word.
pub const MAX_TERMS_PER_WORD: usize = 8;
pub const W_EXACT: f32 = 1.0;
pub const W_TYPO1: f32 = 0.7;
pub const W_PREFIX: f32 = 0.6;
pub const W_TYPO2: f32 = 0.5;
pub const W_STEM: f32 = 0.5;

#[derive(Clone, Debug, PartialEq)]
pub struct Expansion {
    pub term: String,
    pub weight: f32,
}

/// `forms` maps every word form seen at build time (normalised) to its term; sorted.
pub fn expand_query(
    query: &str,
    forms: &BTreeMap<String, String>,
    stop: &[&str],
) -> Vec<Expansion> {
    let mut all: BTreeMap<String, f32> = BTreeMap::new();
    for w in words(query) {
        if stop.contains(&w.as_str()) {
            continue;
        }
        for e in expand_word(&w, forms) {
            let slot = all.entry(e.term).or_insert(0.0);
            *slot = slot.max(e.weight);
        }
    }
    all.into_iter()
        .map(|(term, weight)| Expansion { term, weight })
        .collect()
}

fn expand_word(w: &str, forms: &BTreeMap<String, String>) -> Vec<Expansion> {
    let len = w.chars().count();
    let numeric = w.chars().all(|c| c.is_ascii_digit());
    let mut cands: BTreeMap<&str, f32> = BTreeMap::new();
    let exact = forms.get(w);
    if let Some(t) = exact {
        add(t, W_EXACT, &mut cands);
    }
    if numeric || len < 2 {
        return finish(cands);
    }
    if len >= 3 {
        for (f, t) in forms.range(w.to_string()..) {
            if !f.starts_with(w) {
                break;
            }
            if f != w {
                add(t, W_PREFIX, &mut cands);
            }
        }
    }
    if exact.is_none() {
        let budget = typo_budget(len);
        if budget > 0 {
            for (f, t) in forms {
                if f.chars().count().abs_diff(len) > budget {
                    continue;
                }
                match edit_distance(w, f, budget) {
                    1 => add(t, W_TYPO1, &mut cands),
                    2 if budget >= 2 => add(t, W_TYPO2, &mut cands),
                    _ => {}
                }
            }
        }
        // An inflection the build never saw: the longest prefix it shares with seen forms.
        if cands.is_empty() && len >= 5 {
            let chars: Vec<char> = w.chars().collect();
            let min = 4.max((len * 3).div_ceil(5));
            for k in (min..len).rev() {
                let prefix: String = chars[..k].iter().collect();
                let mut found = false;
                for (f, t) in forms.range(prefix.clone()..) {
                    if !f.starts_with(&prefix) {
                        break;
                    }
                    add(t, W_STEM, &mut cands);
                    found = true;
                }
                if found {
                    break;
                }
            }
        }
    }
    finish(cands)
}

fn add<'a>(term: &'a str, weight: f32, cands: &mut BTreeMap<&'a str, f32>) {
    let slot = cands.entry(term).or_insert(0.0);
    *slot = slot.max(weight);
}

fn finish(cands: BTreeMap<&str, f32>) -> Vec<Expansion> {
    let mut v: Vec<Expansion> = cands
        .into_iter()
        .map(|(t, w)| Expansion {
            term: t.to_string(),
            weight: w,
        })
        .collect();
    // Strongest first; equal weights by term, so the cut is the same everywhere.
    v.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.term.cmp(&b.term)));
    v.truncate(MAX_TERMS_PER_WORD);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms() -> BTreeMap<String, String> {
        [
            ("pension", "pension"),
            ("pensions", "pension"),
            ("pensioner", "pension"),
            ("medals", "medal"),
            ("housing", "hous"),
            ("sanatoriya", "sanatoriya"),
        ]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
    }

    #[test]
    fn exact_prefix_typo_and_unseen_inflection() {
        let f = forms();
        let e = expand_query("pension", &f, &[]);
        assert_eq!(
            e,
            vec![Expansion {
                term: "pension".into(),
                weight: 1.0
            }]
        );
        let e = expand_query("pens", &f, &[]);
        assert_eq!(e[0].term, "pension");
        let e = expand_query("hosuing", &f, &[]);
        assert_eq!(e[0].term, "hous", "a swap is one typo");
        let e = expand_query("sanatoriyaya", &f, &[]);
        assert_eq!(e[0].term, "sanatoriya");
        assert!(expand_query("the", &f, &["the"]).is_empty());
        assert!(expand_query("zzzzzz", &f, &[]).is_empty());
    }
}
