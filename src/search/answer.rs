//! A citizen's query answered on one language's pages: in that language first; when
//! its words are not all known there, in the other script; when fewer than half are,
//! also in the other two languages and in their other script (Azerbaijani typed in Cyrillic, Russian typed in Latin letters),
//! shown in the page's language. With no result, the closest words the index knows.
//! `answer` in `search.mjs` follows the same steps.

use super::snippet::snippet;
use super::{Hit, LangIndex, stopwords};
use crate::lang::Lang;
use crate::text::{edit_distance, normalize, words};
use serde::Serialize;
use std::cell::OnceCell;

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Answer {
    pub query: String,
    /// The page's language: titles and addresses are in it.
    pub lang: Lang,
    /// The language whose words the query matched (differs from `lang` after a fallback).
    pub matched_lang: Lang,
    /// The query as searched (differs from `query` after transliteration).
    pub matched_query: String,
    pub hits: Vec<Hit>,
    /// With no hits: the closest words the index knows.
    pub did_you_mean: Vec<String>,
}

/// The three languages' indexes, each built when first needed.
pub struct Indexes<F: Fn(Lang) -> Result<LangIndex, String>> {
    make: F,
    cells: [OnceCell<LangIndex>; 3],
}

impl<F: Fn(Lang) -> Result<LangIndex, String>> Indexes<F> {
    pub fn new(make: F) -> Self {
        Indexes {
            make,
            cells: Default::default(),
        }
    }

    pub fn get(&self, lang: Lang) -> Result<&LangIndex, String> {
        let cell = &self.cells[lang as usize];
        if cell.get().is_none() {
            let _ = cell.set((self.make)(lang)?);
        }
        Ok(cell.get().expect("set above"))
    }
}

/// Where to look, in order of preference: the page's language, the query in the
/// other script in that language, the other languages, then the other script there.
pub fn candidates(query: &str, page: Lang) -> Vec<(Lang, String)> {
    let q = normalize(query);
    let cyrillic = q.chars().any(is_cyrillic);
    let latin = q.chars().any(|c| c.is_ascii_lowercase());
    let other_script = |l: Lang| match l {
        Lang::Az if cyrillic => Some(az_from_cyrillic(&q)),
        Lang::Ru if latin && !cyrillic => Some(ru_from_latin(&q)),
        _ => None,
    };
    let mut out = vec![(page, query.to_string())];
    out.extend(other_script(page).map(|t| (page, t)));
    for l in Lang::ALL.into_iter().filter(|&l| l != page) {
        out.push((l, query.to_string()));
    }
    for l in Lang::ALL.into_iter().filter(|&l| l != page) {
        out.extend(other_script(l).map(|t| (l, t)));
    }
    out
}

/// Answers `query` on the pages of `page`, showing at most `limit` results.
pub fn answer<F: Fn(Lang) -> Result<LangIndex, String>>(
    query: &str,
    page: Lang,
    limit: usize,
    indexes: &Indexes<F>,
) -> Result<Answer, String> {
    let own = indexes.get(page)?;
    let mut best = (page, query.to_string(), own.expand(query));
    if !best.2.is_complete() {
        for (lang, q) in candidates(query, page).into_iter().skip(1) {
            // The other script on the same pages costs nothing; another language's index
            // is looked at only when the page's own finds little.
            if lang != page && !best.2.finds_little() {
                continue;
            }
            let e = indexes.get(lang)?.expand(&q);
            if e.knows_more_than(&best.2) {
                best = (lang, q, e);
            }
        }
    }
    let (matched_lang, matched_query, expanded) = best;
    let found = indexes.get(matched_lang)?;
    let mut hits = Vec::new();
    for (score, doc) in found.rank(&expanded) {
        // The same documents exist in every language, in the same order; one missing
        // from the page's language (a guide not translated) is left out.
        let (Some(shown), Some(matched)) = (own.docs.get(doc), found.docs.get(doc)) else {
            continue;
        };
        if shown.id != matched.id {
            continue;
        }
        let why = snippet(shown, matched, found, &expanded, matched_lang == page);
        hits.push(Hit::of(shown, score, why));
        if hits.len() == limit {
            break;
        }
    }
    let did_you_mean = if hits.is_empty() {
        suggestions(query, own)
    } else {
        Vec::new()
    };
    Ok(Answer {
        query: query.to_string(),
        lang: page,
        matched_lang,
        matched_query,
        hits,
        did_you_mean,
    })
}

/// At most this many "did you mean" words.
pub const MAX_SUGGESTIONS: usize = 5;

/// Words of the index's titles and keywords closest to the query's words.
pub fn suggestions(query: &str, index: &LangIndex) -> Vec<String> {
    let stop = stopwords(index.lang);
    let mut found: Vec<(usize, &str)> = Vec::new();
    for w in words(query) {
        let len = w.chars().count();
        if len < 3 || stop.contains(&w.as_str()) {
            continue;
        }
        let max = match len {
            3 => 1,
            4 | 5 => 2,
            _ => 3,
        };
        for (key, shown) in &index.vocabulary {
            if *key != w {
                let d = edit_distance(&w, key, max);
                if d <= max {
                    found.push((d, shown.as_str()));
                }
            }
        }
    }
    found.sort();
    let mut out: Vec<String> = Vec::new();
    for (_, w) in found {
        if !out.iter().any(|o| o == w) {
            out.push(w.to_string());
        }
        if out.len() == MAX_SUGGESTIONS {
            break;
        }
    }
    out
}

fn is_cyrillic(c: char) -> bool {
    ('\u{400}'..='\u{4ff}').contains(&c)
}

/// Azerbaijani typed in Cyrillic (the Soviet alphabet, or a Russian keyboard) →
/// normalised Latin: `мензил` → `menzil`, `шəһид` → `sehid`.
pub fn az_from_cyrillic(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let piece = match c {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "q",
            'ғ' | 'ҝ' => "g",
            'д' => "d",
            'е' | 'э' | 'ә' => "e",
            'ж' => "j",
            'з' => "z",
            'и' | 'ы' => "i",
            'й' | 'ј' => "y",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' | 'ө' => "o",
            'п' => "p",
            'р' => "r",
            'с' | 'ц' => "s",
            'т' => "t",
            'у' | 'ү' => "u",
            'ф' => "f",
            'х' => "x",
            'һ' => "h",
            'ч' | 'ҹ' => "c",
            'ш' | 'щ' => "s",
            'ъ' | 'ь' => "",
            'ю' => "yu",
            'я' => "ya",
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(piece);
    }
    out
}

/// Russian typed in Latin letters → Cyrillic: `rabota` → `работа`, `zhile` → `жиле`.
pub fn ru_from_latin(s: &str) -> String {
    const PAIRS: [(&str, &str); 13] = [
        ("shch", "щ"),
        ("sch", "щ"),
        ("zh", "ж"),
        ("kh", "х"),
        ("ts", "ц"),
        ("ch", "ч"),
        ("sh", "ш"),
        ("yu", "ю"),
        ("ya", "я"),
        ("yo", "е"),
        ("ye", "е"),
        ("x", "кс"),
        ("'", "ь"),
    ];
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() * 2);
    let mut i = 0;
    'outer: while i < chars.len() {
        for (lat, cyr) in PAIRS {
            let n = lat.chars().count();
            if i + n <= chars.len() && chars[i..i + n].iter().copied().eq(lat.chars()) {
                out.push_str(cyr);
                i += n;
                continue 'outer;
            }
        }
        let c = chars[i];
        let after_vowel = i > 0 && "aeiouy".contains(chars[i - 1]);
        let piece = match c {
            'a' => "а",
            'b' => "б",
            'v' | 'w' => "в",
            'g' => "г",
            'd' => "д",
            'e' => "е",
            'z' => "з",
            'i' => "и",
            'j' => "й",
            'k' | 'c' | 'q' => "к",
            'l' => "л",
            'm' => "м",
            'n' => "н",
            'o' => "о",
            'p' => "п",
            'r' => "р",
            's' => "с",
            't' => "т",
            'u' => "у",
            'f' => "ф",
            'h' => "х",
            'y' if after_vowel => "й",
            'y' => "ы",
            _ => {
                out.push(c);
                i += 1;
                continue;
            }
        };
        out.push_str(piece);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_both_ways() {
        assert_eq!(
            az_from_cyrillic(&normalize("Мензил нөвбəси")),
            "menzil novbesi"
        );
        assert_eq!(az_from_cyrillic(&normalize("шəһид")), "sehid");
        assert_eq!(ru_from_latin("rabota"), "работа");
        assert_eq!(ru_from_latin("pensiya"), "пенсия");
        assert_eq!(
            ru_from_latin("zhile sanatoriy vyplata"),
            "жиле санаторий выплата"
        );
    }

    #[test]
    fn candidates_start_with_the_page_language() {
        let c = candidates("работа", Lang::Az);
        assert_eq!(c[0], (Lang::Az, "работа".into()));
        assert_eq!(c[1], (Lang::Az, "rabota".into()));
        assert!(c.contains(&(Lang::Ru, "работа".into())));
        let c = candidates("rabota", Lang::Ru);
        assert_eq!(c[1], (Lang::Ru, "работа".into()));
        assert_eq!(c.len(), 4, "{c:?}");
    }
}
