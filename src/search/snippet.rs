//! The sentence a result shows: of its description and its page's other sentences
//! (`SearchDoc::lines`: facts, addresses, a guide's lines), the one holding the most of
//! the query's words, with those words marked. `snippet` in `search.mjs` does the same.

use super::SearchDoc;
use super::expand::Expanded;
use super::index::LangIndex;
use crate::text::{escape, normalize};
use std::collections::HashMap;

/// The sentence shown, as plain text and as escaped HTML with `<mark>` round the
/// query's words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Snippet {
    pub text: String,
    pub html: String,
}

/// A text cut into runs of letters and digits (words, `true`) and of the rest.
fn runs(text: &str) -> Vec<(&str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    let mut word = None;
    for (i, c) in text.char_indices() {
        let w = c.is_alphanumeric();
        if word.is_some_and(|prev| prev != w) {
            out.push((&text[start..i], word.unwrap_or(false)));
            start = i;
        }
        word = Some(w);
    }
    if let Some(w) = word {
        out.push((&text[start..], w));
    }
    out
}

/// The query's terms, each with the bits of the query words it stands for.
fn query_terms(expanded: &Expanded) -> HashMap<&str, u32> {
    let mut terms = HashMap::new();
    for e in &expanded.terms {
        *terms.entry(e.term.as_str()).or_insert(0) |= e.words;
    }
    terms
}

/// How well a sentence shows the query: the query words it has, then how many of the
/// query's terms; and which of its words to mark.
fn weigh(text: &str, index: &LangIndex, terms: &HashMap<&str, u32>) -> ((u32, usize), Vec<bool>) {
    let mut bits = 0u32;
    let mut seen: Vec<&str> = Vec::new();
    let mut marks = Vec::new();
    for (run, is_word) in runs(text) {
        let term = is_word
            .then(|| index.forms.get(&normalize(run)))
            .flatten()
            .and_then(|t| terms.get_key_value(t.as_str()));
        if let Some((&t, &b)) = term {
            bits |= b;
            if !seen.contains(&t) {
                seen.push(t);
            }
        }
        marks.push(term.is_some());
    }
    ((bits.count_ones(), seen.len()), marks)
}

/// The candidates of a document: its snippet, then its lines.
fn candidates(d: &SearchDoc) -> Vec<&str> {
    std::iter::once(d.snippet.as_str())
        .chain(d.lines.iter().map(String::as_str))
        .collect()
}

/// The sentence `shown` (a document of the page's language) shows for a query that
/// matched `matched` (the same document in `index`'s language). In another language
/// than the page's, the sentence in the same place on the page is shown, unmarked.
pub fn snippet(
    shown: &SearchDoc,
    matched: &SearchDoc,
    index: &LangIndex,
    expanded: &Expanded,
    same_lang: bool,
) -> Snippet {
    let terms = query_terms(expanded);
    let found = candidates(matched);
    let mut best = (0, (0, 0), Vec::new());
    for (i, text) in found.iter().enumerate() {
        let (score, marks) = weigh(text, index, &terms);
        if i == 0 || score > best.1 {
            best = (i, score, marks);
        }
    }
    let (i, _, marks) = best;
    if !same_lang {
        let own = candidates(shown);
        let text = if own.len() == found.len() {
            own[i]
        } else {
            own[0]
        };
        return Snippet {
            text: text.to_string(),
            html: escape(text),
        };
    }
    let text = found[i];
    let mut html = String::new();
    for ((run, _), marked) in runs(text).into_iter().zip(marks) {
        if marked {
            html.push_str("<mark>");
            html.push_str(&escape(run));
            html.push_str("</mark>");
        } else {
            html.push_str(&escape(run));
        }
    }
    Snippet {
        text: text.to_string(),
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::runs;

    #[test]
    fn runs_alternate_words_and_the_rest() {
        assert_eq!(
            runs("Çağrı Mərkəzi: 142."),
            [
                ("Çağrı", true),
                (" ", false),
                ("Mərkəzi", true),
                (": ", false),
                ("142", true),
                (".", false)
            ]
        );
    }
}
