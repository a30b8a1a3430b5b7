//! Per-language analysis: word → indexed term.
//!
//! Azerbaijani: Azerbaijani casing (`I` → `ı`, `İ` → `i`), `ə` → `e`, the Turkish
//! stemmer (no Azerbaijani one exists), then folding of ğ ı ö ü ş ç so unaccented
//! queries match. English: lowercase, English stemmer, fold. Russian: lowercase,
//! `ё` → `е`, Russian stemmer.
//!
//! The browser cannot run the stemmers, so the build exports every word form it
//! saw with its term (`forms`); the client looks words up there and falls back to
//! prefix and typo matching (`expand`).

use crate::lang::Lang;
use crate::text::{az_lowercase, fold_char};
use std::collections::HashMap;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

pub struct Analyzer {
    lang: Lang,
    stemmer: TextAnalyzer,
    cache: HashMap<String, String>,
}

impl Analyzer {
    pub fn new(lang: Lang) -> Analyzer {
        let language = match lang {
            Lang::Az => Language::Turkish,
            Lang::En => Language::English,
            Lang::Ru => Language::Russian,
        };
        Analyzer {
            lang,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(language))
                .build(),
            cache: HashMap::new(),
        }
    }

    /// The term a single word is indexed under.
    pub fn term(&mut self, word: &str) -> String {
        if let Some(t) = self.cache.get(word) {
            return t.clone();
        }
        let pre: String = match self.lang {
            Lang::Az => az_lowercase(word)
                .chars()
                .map(|c| if c == 'ə' { 'e' } else { c })
                .collect(),
            Lang::En => word.to_lowercase(),
            Lang::Ru => word
                .to_lowercase()
                .chars()
                .map(|c| if c == 'ё' { 'е' } else { c })
                .collect(),
        };
        let mut stemmed = pre.clone();
        {
            let mut stream = self.stemmer.token_stream(&pre);
            if stream.advance() {
                stemmed = stream.token().text.clone();
            }
        }
        // Very short stems lose meaning ("ev" → "e"); keep such words whole.
        if stemmed.chars().count() < 3 {
            stemmed = pre;
        }
        let term: String = stemmed.chars().map(fold_char).collect();
        self.cache.insert(word.to_string(), term.clone());
        term
    }
}

/// Raw words of a text, split as the index splits them (letters and digits).
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Words too common to help, per language; the client receives the same list.
pub fn stopwords(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Az => &[
            "ve", "ile", "ucun", "bu", "o", "da", "de", "ki", "ya", "veya", "ne", "bir", "olan",
            "uzre", "hem", "hemcinin", "kimi",
        ],
        Lang::En => &[
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is",
            "it", "me", "my", "of", "on", "or", "the", "to", "what", "with", "want", "need", "get",
            "can", "do", "where", "who",
        ],
        Lang::Ru => &[
            "и",
            "в",
            "во",
            "на",
            "с",
            "со",
            "по",
            "о",
            "об",
            "для",
            "к",
            "у",
            "из",
            "от",
            "за",
            "а",
            "как",
            "что",
            "или",
            "мне",
            "я",
            "не",
            "где",
            "нужно",
            "хочу",
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn azerbaijani_words_and_their_unaccented_forms_share_a_term() {
        let mut a = Analyzer::new(Lang::Az);
        assert_eq!(a.term("Mənzil"), a.term("menzil"));
        assert_eq!(a.term("ŞƏHİD"), a.term("şəhid"));
        assert_eq!(a.term("İşsizlik"), a.term("issizlik"));
        assert!(
            a.term("pensiyası").starts_with("pensiya"),
            "{}",
            a.term("pensiyası")
        );
    }

    #[test]
    fn russian_stemming_joins_inflections_and_yo() {
        let mut a = Analyzer::new(Lang::Ru);
        assert_eq!(a.term("путёвка"), a.term("путевка"));
        assert_eq!(a.term("путевки"), a.term("путевка"));
        assert_eq!(a.term("пенсии"), a.term("пенсия"));
        assert_eq!(a.term("Инвалидность"), a.term("инвалидности"));
    }

    #[test]
    fn english_stemming_joins_plurals() {
        let mut a = Analyzer::new(Lang::En);
        assert_eq!(a.term("pensions"), a.term("pension"));
        assert_eq!(a.term("Medals"), a.term("medal"));
    }
}
