//! Per-language analysis: word → indexed term.
//!
//! Azerbaijani: Azerbaijani casing (`I` → `ı`, `İ` → `i`), folding (`ə` → `e`, ğ ı ö
//! ü ş ç) so unaccented queries match, then our own suffix stripper (`azstem`), which
//! the browser runs too, so an inflection the build never saw still reaches its term.
//! English: lowercase, English stemmer, fold. Russian: lowercase, `ё` → `е`, Russian
//! stemmer.
//!
//! The browser cannot run the Snowball stemmers, so the build exports every word
//! form it saw with its term (`forms`); the client looks words up there and falls
//! back to prefix and typo matching (`expand`).

use super::azstem::{az_stem, az_stem_alt};
use crate::lang::Lang;
use crate::text::{fold_char, normalize};
use std::collections::HashMap;
use tantivy::tokenizer::{Language, RawTokenizer, Stemmer, TextAnalyzer};

pub struct Analyzer {
    lang: Lang,
    stemmer: TextAnalyzer,
    cache: HashMap<String, String>,
    /// Azerbaijani: the stems of every word of the texts (see `az_stem_alt`).
    stems: std::collections::HashSet<String>,
}

impl Analyzer {
    pub fn new(lang: Lang) -> Analyzer {
        // Azerbaijani uses `az_stem`; this stemmer is not used for it.
        let language = match lang {
            Lang::Az | Lang::En => Language::English,
            Lang::Ru => Language::Russian,
        };
        Analyzer {
            lang,
            stemmer: TextAnalyzer::builder(RawTokenizer::default())
                .filter(Stemmer::new(language))
                .build(),
            cache: HashMap::new(),
            stems: Default::default(),
        }
    }

    /// Knows the texts' words. Azerbaijani: a stem ending in a buffer letter
    /// (`veteranın`, `arayışı`) is read as the stem another word has. Russian: a noun in
    /// `-али`/`-яли` that Snowball reads as a past-tense verb (`медали` → `меда`) is read as
    /// the noun another word shows (`медаль` → `медал`).
    pub fn learn<'a>(&mut self, texts: impl Iterator<Item = &'a str>) {
        if self.lang == Lang::En {
            return;
        }
        // Each distinct word is stemmed once, however often the texts repeat it.
        let distinct: std::collections::HashSet<&str> = texts.flat_map(raw_words).collect();
        for w in distinct {
            let stem = match self.lang {
                Lang::Ru => self.snowball(ru_lower(w)),
                _ => az_stem(&normalize(w)),
            };
            self.stems.insert(stem);
        }
    }

    /// Russian: the noun reading of a word Snowball cut as a verb (`медали`: `медал`, not
    /// `меда`), when another word of the texts has that stem.
    fn ru_noun_reading(&self, lower: &str, stemmed: &str) -> Option<String> {
        let noun = lower.strip_suffix('и')?;
        let verb_cut = lower.strip_suffix("ли")? == stemmed;
        let soft = noun.ends_with("ал") || noun.ends_with("ял");
        (verb_cut && soft && self.stems.contains(noun)).then(|| noun.to_string())
    }

    /// The term a single word is indexed under.
    pub fn term(&mut self, word: &str) -> String {
        if let Some(t) = self.cache.get(word) {
            return t.clone();
        }
        let term = match self.lang {
            Lang::Az => {
                let w = normalize(word);
                let (first, alt) = (az_stem(&w), az_stem_alt(&w));
                if alt != first && self.stems.contains(&alt) {
                    alt
                } else {
                    first
                }
            }
            Lang::En => self.snowball(word.to_lowercase()),
            Lang::Ru => {
                let lower = ru_lower(word);
                let stemmed = self.snowball(lower.clone());
                self.ru_noun_reading(&lower, &stemmed).unwrap_or(stemmed)
            }
        };
        self.cache.insert(word.to_string(), term.clone());
        term
    }

    fn snowball(&mut self, pre: String) -> String {
        let mut stemmed = pre.clone();
        {
            let mut stream = self.stemmer.token_stream(&pre);
            if stream.advance() {
                stemmed = stream.token().text.clone();
            }
        }
        // Very short stems lose meaning; keep such words whole.
        if stemmed.chars().count() < 3 {
            stemmed = pre;
        }
        stemmed.chars().map(fold_char).collect()
    }
}

fn ru_lower(word: &str) -> String {
    word.to_lowercase().replace('ё', "е")
}

/// Raw words of a text, split as the index splits them (letters and digits).
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Words too common to help, and the question words and filler of a question
/// ("how do I get …", "как получить …", "necə almaq olar …"), per language, in
/// normalised form; they never decide a ranking. The client receives the same list.
pub fn stopwords(lang: Lang) -> &'static [&'static str] {
    match lang {
        Lang::Az => &[
            "ve",
            "ile",
            "ucun",
            "bu",
            "o",
            "da",
            "de",
            "ki",
            "ya",
            "veya",
            "ne",
            "bir",
            "olan",
            "uzre",
            "hem",
            "hemcinin",
            "kimi",
            "nece",
            "harada",
            "haradan",
            "hara",
            "haraya",
            "niye",
            "nedir",
            "hansi",
            "kim",
            "men",
            "menim",
            "mene",
            "biz",
            "bizim",
            "bize",
            "siz",
            "sizin",
            "isteyirem",
            "lazimdir",
            "lazim",
            "olar",
            "olarmi",
            "mi",
            "mu",
            "bilerem",
            "bilerik",
            "almaq",
            "etmek",
            "haqqinda",
            "var",
            "yoxdur",
            "salam",
            "zehmet",
            "olmasa",
        ],
        Lang::En => &[
            "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "i", "in", "is",
            "it", "me", "my", "of", "on", "or", "the", "to", "what", "with", "want", "need", "get",
            "can", "do", "where", "who", "does", "should", "which", "when", "will", "am", "you",
            "your", "please", "there", "this", "that", "about", "if", "any", "have", "has", "we",
            "our", "they", "their", "into", "would", "could", "hi", "hello",
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
            "какой",
            "какая",
            "какие",
            "куда",
            "когда",
            "почему",
            "можно",
            "ли",
            "мой",
            "моя",
            "мои",
            "меня",
            "мы",
            "нам",
            "вы",
            "вам",
            "получить",
            "надо",
            "это",
            "есть",
            "бы",
            "же",
            "то",
            "чтобы",
            "при",
            "до",
            "все",
            "его",
            "ее",
            "их",
            "он",
            "она",
            "они",
            "здравствуйте",
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
        // Endings go on both sides: the possessive and the dative meet the bare word.
        assert_eq!(a.term("pensiyası"), a.term("pensiya"));
        assert_eq!(a.term("pensiyaya"), a.term("Pensiya"));
        assert_ne!(a.term("pensiya"), a.term("peyvənd"));
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
    fn a_russian_noun_in_ali_is_not_cut_as_a_verb() {
        let mut a = Analyzer::new(Lang::Ru);
        a.learn(["Орден или медаль, медалью. Они подали заявление."].into_iter());
        // Snowball alone cuts `медали` to `меда` (as if `-ли` were a past tense).
        assert_eq!(a.term("медали"), a.term("медаль"));
        assert_eq!(a.term("Медали"), a.term("медалью"));
        // A verb stays a verb: no word of the texts is `подал…`.
        assert_eq!(a.term("подали"), "пода");
    }

    #[test]
    fn english_stemming_joins_plurals() {
        let mut a = Analyzer::new(Lang::En);
        assert_eq!(a.term("pensions"), a.term("pension"));
        assert_eq!(a.term("Medals"), a.term("medal"));
    }
}
