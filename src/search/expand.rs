//! From query words to weighted index terms: exact forms, then typing prefixes,
//! typos and unseen inflections. `themes/default/static/search/search.mjs`
//! implements the same rules; the Node tests hold the two to each other.

use super::azstem::{az_stem, az_stem_alt};
use crate::text::{edit_distance, typo_budget, words};
use std::collections::{BTreeMap, BTreeSet};

/// At most this many terms stand for one query word.
pub const MAX_TERMS_PER_WORD: usize = 8;
pub const W_EXACT: f32 = 1.0;
/// A term an editor's synonym gives for the query's words.
pub const W_SYNONYM: f32 = 0.9;
pub const W_TYPO1: f32 = 0.7;
pub const W_PREFIX: f32 = 0.6;
pub const W_TYPO2: f32 = 0.5;
pub const W_STEM: f32 = 0.5;

#[derive(Clone, Debug, PartialEq)]
pub struct Expansion {
    pub term: String,
    pub weight: f32,
    /// Which of the query's words (bit i: the i-th word that counts) this term stands for,
    /// so that ranking can tell a document that has every word from one that has one.
    pub words: u32,
}

/// The bit of the i-th query word (words past the 32nd share the last bit).
fn word_bit(i: usize) -> u32 {
    1 << i.min(31)
}

/// What a language's index knows of words, for turning a query into its terms.
pub struct Dict<'a> {
    /// Every word form seen at build time (normalised) → its term; sorted.
    pub forms: &'a BTreeMap<String, String>,
    /// The terms the index holds.
    pub terms: &'a BTreeSet<String>,
    pub stop: &'a [&'a str],
    /// Analysed synonyms, longest phrase first.
    pub synonyms: &'a [AnalysedSynonym],
    /// Azerbaijani: an unseen word reaches its term through `az_stem`.
    pub az: bool,
}

/// A synonym as the index analyses it: the phrase's terms → the terms it means.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct AnalysedSynonym(pub Vec<String>, pub Vec<String>);

/// A query turned into terms, and how well its words are known.
#[derive(Clone, Debug, PartialEq)]
pub struct Expanded {
    pub terms: Vec<Expansion>,
    /// Two points for each word known exactly (or through a synonym), one for a
    /// word met only by a typo or a prefix: decides whether to look in other languages.
    pub coverage: u32,
    /// The query's words that count (not stopwords).
    pub words: u32,
}

impl Expanded {
    pub fn is_complete(&self) -> bool {
        self.words > 0 && self.coverage == 2 * self.words
    }

    /// Fewer than half of the query's words known: only then is it worth fetching
    /// another language's index (the browser pays for each in bytes).
    pub fn finds_little(&self) -> bool {
        self.coverage < self.words || self.words == 0
    }

    /// A larger share of the words known (languages drop different stopwords, so
    /// shares, not counts, are compared; in integers, as the client does).
    pub fn knows_more_than(&self, other: &Expanded) -> bool {
        self.words > 0
            && (other.words == 0 || self.coverage * other.words > other.coverage * self.words)
    }
}

/// Query → weighted terms: synonyms first, then each word exactly, by prefix,
/// with typos, or by an unseen inflection's longest known prefix.
pub fn expand_query(query: &str, dict: &Dict) -> Expanded {
    let ws: Vec<String> = words(query)
        .into_iter()
        .filter(|w| !dict.stop.contains(&w.as_str()))
        .collect();
    let exact: Vec<Option<String>> = ws.iter().map(|w| exact_term(w, dict)).collect();
    let keys: Vec<String> = ws.iter().map(|w| synonym_key(w, dict)).collect();
    let mut all: BTreeMap<String, (f32, u32)> = BTreeMap::new();
    let mut put = |term: &str, weight: f32, words: u32| {
        let slot = all.entry(term.to_string()).or_insert((0.0, 0));
        *slot = (slot.0.max(weight), slot.1 | words);
    };
    // Words an editor's synonym covers count as known and are not guessed at.
    let mut covered = vec![false; ws.len()];
    for i in 0..ws.len() {
        for AnalysedSynonym(phrase, means) in dict.synonyms {
            let end = i + phrase.len();
            let meets = |(p, k): (&String, &String)| key_meets(p, k, dict.az);
            if end <= ws.len() && phrase.iter().zip(&keys[i..end]).all(meets) {
                let bits = (i..end).fold(0, |b, j| b | word_bit(j));
                for t in means {
                    put(t, W_SYNONYM, bits);
                }
                covered[i..end].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    let mut coverage = 0;
    for (i, w) in ws.iter().enumerate() {
        let found = if covered[i] {
            exact[i]
                .iter()
                .map(|t| Expansion {
                    term: t.clone(),
                    weight: W_EXACT,
                    words: 0,
                })
                .collect()
        } else {
            expand_word(w, exact[i].as_deref(), dict.forms)
        };
        // A word whose match is its own stem plus an ending (`application` → `applic`) is known.
        let inflected = found.iter().any(|e| w.starts_with(e.term.as_str()));
        coverage += if covered[i] || exact[i].is_some() || inflected {
            2
        } else {
            u32::from(!found.is_empty())
        };
        for e in found {
            put(&e.term, e.weight, word_bit(i));
        }
    }
    Expanded {
        terms: all
            .into_iter()
            .map(|(term, (weight, words))| Expansion {
                term,
                weight,
                words,
            })
            .collect(),
        coverage,
        words: ws.len() as u32,
    }
}

/// Whether a query word's key meets a synonym phrase's key. English and Russian: also an
/// inflection the build never saw, the key's stem plus an ending of up to three letters
/// (`собеса` for `собес`, `погибшего` for `погибш`), where the stem has four letters or
/// more; the browser cannot run the stemmers, so both engines compare this way.
pub fn key_meets(phrase_key: &str, query_key: &str, az: bool) -> bool {
    if phrase_key == query_key {
        return true;
    }
    let (p, q) = (phrase_key.chars().count(), query_key.chars().count());
    !az && p >= 4 && q > p && q - p <= 3 && query_key.starts_with(phrase_key)
}

/// How a normalised word is compared with synonym phrases: its term when the
/// build saw it (or, in Azerbaijani, its stem), else the word itself.
pub fn synonym_key(w: &str, dict: &Dict) -> String {
    match exact_term(w, dict) {
        Some(t) => t,
        None if dict.az => az_stem(w),
        None => w.to_string(),
    }
}

/// The term a normalised word is indexed under, when the index holds it.
fn exact_term(w: &str, dict: &Dict) -> Option<String> {
    if let Some(t) = dict.forms.get(w) {
        return Some(t.clone());
    }
    if dict.az {
        return [az_stem(w), az_stem_alt(w)]
            .into_iter()
            .find(|t| dict.terms.contains(t));
    }
    None
}

fn expand_word<'a>(
    w: &str,
    exact: Option<&'a str>,
    forms: &'a BTreeMap<String, String>,
) -> Vec<Expansion> {
    let len = w.chars().count();
    let numeric = w.chars().all(|c| c.is_ascii_digit());
    let mut cands: BTreeMap<&str, f32> = BTreeMap::new();
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
            // A longer word built on a known one (`протезирование` on `протез`).
            for k in (5..min).rev() {
                if !cands.is_empty() {
                    break;
                }
                let prefix: String = chars[..k].iter().collect();
                if let Some(t) = forms.get(&prefix) {
                    add(t, W_STEM, &mut cands);
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
            words: 0,
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

    fn expand(
        q: &str,
        f: &BTreeMap<String, String>,
        stop: &[&str],
        syn: &[AnalysedSynonym],
    ) -> Vec<Expansion> {
        let terms: BTreeSet<String> = f.values().cloned().collect();
        let dict = Dict {
            forms: f,
            terms: &terms,
            stop,
            synonyms: syn,
            az: false,
        };
        expand_query(q, &dict).terms
    }

    #[test]
    fn exact_prefix_typo_and_unseen_inflection() {
        let f = forms();
        let e = expand("pension", &f, &[], &[]);
        assert_eq!(
            e,
            vec![Expansion {
                term: "pension".into(),
                weight: 1.0,
                words: 1
            }]
        );
        let e = expand("pens", &f, &[], &[]);
        assert_eq!(e[0].term, "pension");
        let e = expand("hosuing", &f, &[], &[]);
        assert_eq!(e[0].term, "hous", "a swap is one typo");
        let e = expand("sanatoriyaya", &f, &[], &[]);
        assert_eq!(e[0].term, "sanatoriya");
        assert!(expand("the", &f, &["the"], &[]).is_empty());
        assert!(expand("zzzzzz", &f, &[], &[]).is_empty());
    }

    #[test]
    fn a_synonym_phrase_brings_the_terms_it_means_and_counts_as_known() {
        let f = forms();
        let terms: BTreeSet<String> = f.values().cloned().collect();
        let syn = vec![
            AnalysedSynonym(vec!["old".into(), "age".into()], vec!["pension".into()]),
            AnalysedSynonym(vec!["flat".into()], vec!["hous".into()]),
        ];
        let dict = Dict {
            forms: &f,
            terms: &terms,
            stop: &["for"],
            synonyms: &syn,
            az: false,
        };
        let e = expand_query("Old age", &dict);
        assert_eq!(
            e.terms.iter().map(|x| x.term.as_str()).collect::<Vec<_>>(),
            ["pension"]
        );
        assert_eq!(e.terms[0].weight, W_SYNONYM);
        assert!(e.is_complete(), "{e:?}");
        let e = expand_query("age", &dict);
        assert!(e.terms.is_empty(), "half a phrase is not the phrase");
        let e = expand_query("flat for medals", &dict);
        assert_eq!(e.words, 2);
        assert!(e.terms.iter().any(|x| x.term == "hous"));
        assert!(e.terms.iter().any(|x| x.term == "medal"));
    }

    #[test]
    fn an_inflection_the_build_never_saw_meets_its_synonym_in_english_and_russian() {
        let f = forms();
        let terms: BTreeSet<String> = f.values().cloned().collect();
        // The build keys a synonym word the texts lack by its stem (`собес`, `погибш`).
        let syn = vec![
            AnalysedSynonym(vec!["собес".into()], vec!["pension".into()]),
            AnalysedSynonym(vec!["погибш".into()], vec!["medal".into()]),
            AnalysedSynonym(vec!["gp".into()], vec!["hous".into()]),
        ];
        let mut dict = Dict {
            forms: &f,
            terms: &terms,
            stop: &[],
            synonyms: &syn,
            az: false,
        };
        let terms_of = |q: &str, d: &Dict| -> Vec<String> {
            expand_query(q, d)
                .terms
                .into_iter()
                .map(|e| e.term)
                .collect()
        };
        assert_eq!(terms_of("собеса", &dict), ["pension"]);
        assert_eq!(terms_of("в собесе", &dict)[..], ["pension"][..]);
        assert_eq!(terms_of("погибшего", &dict), ["medal"]);
        // Not a stem of under four letters, nor more than three letters past it.
        assert!(terms_of("gps", &dict).is_empty());
        assert!(terms_of("собеседование", &dict).is_empty());
        // Azerbaijani has its own endings (`az_stem`), so only the key itself meets there.
        dict.az = true;
        assert!(terms_of("собеса", &dict).is_empty());
        assert!(key_meets("собес", "собес", true));
    }
}
