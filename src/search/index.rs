//! The tantivy index of one language: built in memory, queried by the CLI, and
//! exported from its own segment as static files for the browser.

use super::analyze::raw_words;
use super::expand::{AnalysedSynonym, Dict, Expanded, synonym_key};
use super::snippet::{Snippet, snippet};
use super::synonyms::Synonym;
use super::{Analyzer, FIELDS, SHARDS, SearchDoc, expand_query, shard_of, stopwords};
use crate::lang::Lang;
use crate::text::{az_lowercase, normalize, words};
use serde::Serialize;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use tantivy::collector::TopDocs;
use tantivy::postings::Postings;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{DocSet, Index, TERMINATED, TantivyDocument, Term};

pub struct LangIndex {
    pub lang: Lang,
    pub docs: Vec<SearchDoc>,
    /// Every normalised word form seen → its term.
    pub forms: BTreeMap<String, String>,
    /// The terms the index holds.
    pub terms: BTreeSet<String>,
    /// The editors' synonyms of this language, analysed; longest phrase first.
    pub synonyms: Vec<AnalysedSynonym>,
    /// Synonyms none of whose meanings uses a word the pages hold: (line, word or phrase, meanings).
    pub unused_synonyms: Vec<(usize, String, String)>,
    /// Words of titles and keywords (normalised → as written, lowercase), for "did you mean".
    pub vocabulary: BTreeMap<String, String>,
    index: Index,
    fields: Vec<Field>,
}

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Hit {
    pub id: String,
    pub title: String,
    pub url: String,
    pub score: f32,
    /// The sentence of the page that shows why it matched (see `snippet`).
    pub snippet: String,
    /// The same, as escaped HTML with the query's words in `<mark>`.
    pub snippet_html: String,
}

impl Hit {
    pub fn of(d: &SearchDoc, score: f32, s: Snippet) -> Hit {
        Hit {
            id: d.id.clone(),
            title: d.title.clone(),
            url: d.url.clone(),
            score,
            snippet: s.text,
            snippet_html: s.html,
        }
    }
}

impl LangIndex {
    pub fn build(
        docs: Vec<SearchDoc>,
        lang: Lang,
        synonyms: &[Synonym],
    ) -> tantivy::Result<LangIndex> {
        let mut schema = Schema::builder();
        let opts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("terms")
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let fields: Vec<Field> = FIELDS
            .iter()
            .map(|(name, _)| schema.add_text_field(name, opts.clone()))
            .collect();
        let index = Index::create_in_ram(schema.build());
        // Terms are analysed here (see `analyze`); tantivy only splits them on spaces.
        index.tokenizers().register(
            "terms",
            TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
        );
        let mut analyzer = Analyzer::new(lang);
        analyzer.learn(
            docs.iter()
                .flat_map(|d| d.fields.iter().map(String::as_str)),
        );
        let mut forms = BTreeMap::new();
        let mut vocabulary = BTreeMap::new();
        // The words whose normal form is in `forms` already: the texts repeat most words.
        let mut formed = std::collections::HashSet::new();
        // One thread and one commit: one segment, documents in our order.
        let mut writer = index.writer_with_num_threads(1, 50_000_000)?;
        for d in &docs {
            let mut doc = TantivyDocument::default();
            for (fi, (field, text)) in fields.iter().zip(d.fields.iter()).enumerate() {
                if fi < 2 {
                    add_vocabulary(text, lang, &mut vocabulary);
                }
                let mut terms = Vec::new();
                for w in raw_words(text) {
                    let term = analyzer.term(w);
                    if formed.insert(w) {
                        forms.entry(normalize(w)).or_insert_with(|| term.clone());
                    }
                    terms.push(term);
                }
                doc.add_text(*field, terms.join(" "));
            }
            writer.add_document(doc)?;
        }
        writer.commit()?;
        // A query never looks a stopword up (both engines drop them first), so neither its
        // form nor a term only stopwords have is shipped; they still count in field lengths.
        let stop = stopwords(lang);
        forms.retain(|form, _| !stop.contains(&form.as_str()));
        let terms: BTreeSet<String> = forms.values().cloned().collect();
        let mut ix = LangIndex {
            lang,
            docs,
            forms,
            terms,
            synonyms: Vec::new(),
            unused_synonyms: Vec::new(),
            vocabulary,
            index,
            fields,
        };
        ix.synonyms = ix.analyse_synonyms(synonyms, &mut analyzer);
        ix.unused_synonyms = ix.unused(synonyms, &mut analyzer);
        Ok(ix)
    }

    /// Phrases become the keys queries are compared with (`synonym_key`); what they
    /// mean becomes index terms (a term the index lacks would find nothing, so it is left out).
    fn analyse_synonyms(&self, all: &[Synonym], analyzer: &mut Analyzer) -> Vec<AnalysedSynonym> {
        let stop = stopwords(self.lang);
        let dict = self.dict(&[]);
        let mut out: Vec<AnalysedSynonym> = Vec::new();
        for s in all.iter().filter(|s| s.lang == self.lang) {
            // English and Russian: a word the texts lack is keyed by its stem (`погибший` →
            // `погибш`), which a query's inflection begins with (`погибшего`; see `key_meets`).
            let phrase: Vec<String> = words(&s.phrase)
                .iter()
                .filter(|w| !stop.contains(&w.as_str()))
                .map(|w| {
                    if dict.az || dict.forms.contains_key(w) {
                        return synonym_key(w, &dict);
                    }
                    // A stem under four letters meets no inflection (`key_meets`): such a
                    // word (`линия` → `лин`) is keyed as written, so that at least it meets.
                    let stem = analyzer.term(w);
                    if stem.chars().count() >= 4 {
                        stem
                    } else {
                        w.clone()
                    }
                })
                .collect();
            let mut means: Vec<String> = Vec::new();
            for m in &s.means {
                for w in raw_words(m) {
                    let t = analyzer.term(w);
                    if !stop.contains(&normalize(w).as_str())
                        && self.terms.contains(&t)
                        && !means.contains(&t)
                    {
                        means.push(t);
                    }
                }
            }
            if !phrase.is_empty() && !means.is_empty() {
                out.push(AnalysedSynonym(phrase, means));
            }
        }
        out.sort_by(|a, b| {
            b.0.len()
                .cmp(&a.0.len())
                .then_with(|| a.0.cmp(&b.0))
                .then_with(|| a.1.cmp(&b.1))
        });
        out.dedup();
        out
    }

    /// The editors' lines that could find nothing: no word of any meaning is on a page.
    fn unused(&self, all: &[Synonym], analyzer: &mut Analyzer) -> Vec<(usize, String, String)> {
        let stop = stopwords(self.lang);
        let mut known = |m: &String| {
            raw_words(m).into_iter().any(|w| {
                !stop.contains(&normalize(w).as_str()) && self.terms.contains(&analyzer.term(w))
            })
        };
        let mut out = Vec::new();
        for s in all.iter().filter(|s| s.lang == self.lang) {
            if !s.means.iter().any(&mut known) {
                out.push((s.line, s.phrase.clone(), s.means.join(", ")));
            }
        }
        out
    }

    fn dict<'a>(&'a self, synonyms: &'a [AnalysedSynonym]) -> Dict<'a> {
        Dict {
            forms: &self.forms,
            terms: &self.terms,
            stop: stopwords(self.lang),
            synonyms,
            az: self.lang == Lang::Az,
        }
    }

    /// The query's terms in this language, and how well its words are known here.
    pub fn expand(&self, query: &str) -> Expanded {
        expand_query(query, &self.dict(&self.synonyms))
    }

    /// Ranked results for a query, best first; ties in document order.
    pub fn search(&self, query: &str, limit: usize) -> tantivy::Result<Vec<Hit>> {
        let expanded = self.expand(query);
        Ok(self
            .rank(&expanded)
            .into_iter()
            .take(limit)
            .map(|(score, doc)| {
                let d = &self.docs[doc];
                Hit::of(d, score, snippet(d, d, self, &expanded, true))
            })
            .collect())
    }

    /// Every matching document as (score, position in `docs`), best first, ties in document order.
    pub fn rank(&self, expanded: &Expanded) -> Vec<(f32, usize)> {
        self.try_rank(expanded)
            .expect("an index in memory can be searched")
    }

    fn try_rank(&self, expanded: &Expanded) -> tantivy::Result<Vec<(f32, usize)>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for e in &expanded.terms {
            for (field, (_, boost)) in self.fields.iter().zip(FIELDS.iter()) {
                let tq = TermQuery::new(
                    Term::from_field_text(*field, &e.term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(tq), e.weight * boost)),
                ));
            }
        }
        if clauses.is_empty() {
            return Ok(vec![]);
        }
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let top = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(self.docs.len().max(1)).order_by_score(),
        )?;
        let found = self.words_found(&searcher, expanded)?;
        let asked = expanded.terms.iter().fold(0u32, |b, e| b | e.words);
        let mut hits: Vec<(f32, usize)> = top
            .into_iter()
            .map(|(s, a)| {
                let doc = a.doc_id as usize;
                (
                    s * coordination(found.get(&doc).copied().unwrap_or(0), asked),
                    doc,
                )
            })
            .collect();
        hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        Ok(hits)
    }

    /// For each matching document, which of the query's words it has (any of a word's terms,
    /// in any field).
    fn words_found(
        &self,
        searcher: &tantivy::Searcher,
        expanded: &Expanded,
    ) -> tantivy::Result<std::collections::HashMap<usize, u32>> {
        let mut found = std::collections::HashMap::new();
        for e in &expanded.terms {
            for field in &self.fields {
                let term = Term::from_field_text(*field, &e.term);
                let docs = searcher.search(
                    &TermQuery::new(term, IndexRecordOption::Basic),
                    &tantivy::collector::DocSetCollector,
                )?;
                for a in docs {
                    *found.entry(a.doc_id as usize).or_insert(0) |= e.words;
                }
            }
        }
        Ok(found)
    }

    /// Static files for the browser client, by path under `search/{lang}/`.
    pub fn export(&self) -> tantivy::Result<Vec<(String, Vec<u8>)>> {
        let reader = self.index.reader()?;
        let searcher = reader.searcher();
        let segments = searcher.segment_readers();
        assert_eq!(segments.len(), 1, "the index is built as one segment");
        let seg = &segments[0];
        let n = seg.max_doc();
        let mut field_meta = Vec::new();
        // term → [[field, entry, …], …]: each document is the gap from the previous one
        // (from -1, so a gap is at least 1), which keeps long lists short and compressible;
        // a term found once there (most) is the gap alone, else the negative gap and the count.
        let mut postings: BTreeMap<String, Vec<Vec<i64>>> = BTreeMap::new();
        for (fi, (field, (name, boost))) in self.fields.iter().zip(FIELDS.iter()).enumerate() {
            let inverted = seg.inverted_index(*field)?;
            let norms_reader = seg.get_fieldnorms_reader(*field)?;
            let norms: Vec<u32> = (0..n).map(|d| norms_reader.fieldnorm(d)).collect();
            field_meta.push(json!({
                "name": name, "boost": boost,
                "avg": inverted.total_num_tokens() as f32 / n as f32,
                "norms": norms,
            }));
            let mut stream = inverted.terms().stream()?;
            while stream.advance() {
                let term = String::from_utf8_lossy(stream.key()).to_string();
                if !self.terms.contains(&term) {
                    continue;
                }
                let mut p = inverted
                    .read_postings_from_terminfo(stream.value(), IndexRecordOption::WithFreqs)?;
                let mut list = vec![fi as i64];
                let mut prev = -1;
                while p.doc() != TERMINATED {
                    let gap = i64::from(p.doc()) - prev;
                    match p.term_freq() {
                        1 => list.push(gap),
                        tf => list.extend([-gap, i64::from(tf)]),
                    }
                    prev = i64::from(p.doc());
                    p.advance();
                }
                postings.entry(term).or_default().push(list);
            }
        }
        // A shard is the posting lists of its terms in the order of the terms (`self.terms`,
        // which the client rebuilds from `forms.json`): the terms themselves are not repeated.
        let shard_count = shards_for(self.terms.len());
        let mut shards: Vec<Vec<&[Vec<i64>]>> = vec![Vec::new(); shard_count as usize];
        for term in &self.terms {
            let lists = postings.get(term).map_or(&[][..], Vec::as_slice);
            shards[shard_of(term, shard_count) as usize].push(lists);
        }
        let lang = self.lang;
        let mut files = Vec::new();
        let meta = json!({
            "lang": lang.code(), "n": n, "shards": shard_count, "fields": field_meta,
            "stopwords": stopwords(lang), "docs_per_chunk": DOCS_PER_CHUNK,
            "synonyms": self.synonyms,
        });
        files.push((format!("search/{lang}/meta.json"), json_bytes(&meta)));
        for (i, chunk) in self.docs.chunks(DOCS_PER_CHUNK).enumerate() {
            files.push((format!("search/{lang}/docs-{i}.json"), json_bytes(&chunk)));
        }
        files.push((
            format!("search/{lang}/forms.json"),
            json_bytes(&encode_forms(&self.forms)),
        ));
        // Fetched only when a query finds nothing. Each word as shown: its key is its
        // normal form, which the client computes.
        let vocabulary: Vec<&String> = self.vocabulary.values().collect();
        files.push((format!("search/{lang}/words.json"), json_bytes(&vocabulary)));
        for (i, shard) in shards.iter().enumerate() {
            files.push((format!("search/{lang}/shard-{i}.json"), json_bytes(shard)));
        }
        Ok(files)
    }
}

/// Words of a title or keywords worth offering as "did you mean": letters only, three or more.
fn add_vocabulary(text: &str, lang: Lang, out: &mut BTreeMap<String, String>) {
    let stop = stopwords(lang);
    for w in raw_words(text) {
        let key = normalize(w);
        if key.chars().count() < 3
            || !w.chars().all(char::is_alphabetic)
            || stop.contains(&key.as_str())
        {
            continue;
        }
        let shown = match lang {
            Lang::Az => az_lowercase(w),
            _ => w.to_lowercase(),
        };
        out.entry(key).or_insert(shown);
    }
}

/// The word forms and their terms as `forms.json` holds them, in the fewest bytes (the first
/// search loads the file): one string, a line per form in sorted order. A line starts with
/// one character, `'0'` plus the number of letters the form shares with the form before it,
/// then the rest of the form; then nothing when the form is its own term, ` n` when the term
/// is the form less its last n letters (`pensions 1`), else ` =term`.
/// `decodeForms` in `search.mjs` reads them back.
pub fn encode_forms(forms: &BTreeMap<String, String>) -> String {
    let mut lines = Vec::with_capacity(forms.len());
    let mut prev: Vec<char> = Vec::new();
    for (form, term) in forms {
        let chars: Vec<char> = form.chars().collect();
        // At most 40, so that the character stays below `\\` and needs no escape in JSON.
        let shared = prev
            .iter()
            .zip(&chars)
            .take_while(|(a, b)| a == b)
            .count()
            .min(40);
        let mut line = String::new();
        line.push(char::from(b'0' + shared as u8));
        line.extend(&chars[shared..]);
        if form != term {
            match form.strip_prefix(term.as_str()) {
                Some(rest) => line.push_str(&format!(" {}", rest.chars().count())),
                None => line.push_str(&format!(" ={term}")),
            }
        }
        lines.push(line);
        prev = chars;
    }
    lines.join("\n")
}

/// Titles, addresses and snippets are fetched in chunks: a query loads only the
/// chunks that hold its results. Since a page's sentences are in them, 12 a chunk: over the
/// development queries a first search fetched 8.5 KB gzip of them on average, against 11.1 KB
/// with 32 (the whole index grows by about 2 KB, a gzip header and less context a file).
pub const DOCS_PER_CHUNK: usize = 12;

/// About 64 terms per shard, and at least `SHARDS`: a query's fetch stays small
/// as the vocabulary grows.
pub fn shards_for(terms: usize) -> u32 {
    (terms.div_ceil(64) as u32).clamp(SHARDS, 4096)
}

fn json_bytes<T: Serialize>(v: &T) -> Vec<u8> {
    serde_json::to_vec(v).expect("search data serialises")
}

/// BM25 sums what each term brings, so a document with one common word many times can pass
/// one that has every word of the query once ("справка от врача": every certificate service
/// has справка, one has врач too). The share of the query's words a document has scales its
/// score, as Lucene's coordination factor did; `search.mjs` does the same.
pub fn coordination(found: u32, asked: u32) -> f32 {
    if asked == 0 {
        return 1.0;
    }
    (found & asked).count_ones() as f32 / asked.count_ones() as f32
}

#[cfg(test)]
mod tests {
    use super::encode_forms;

    #[test]
    fn forms_are_written_after_the_letters_they_share_with_the_one_before() {
        let forms = [
            ("142", "142"),
            ("pension", "pension"),
            ("pensions", "pension"),
            ("went", "go"),
            ("şəhid", "şəhid"),
        ];
        let forms = forms
            .iter()
            .map(|(f, t)| (f.to_string(), t.to_string()))
            .collect();
        // `decodeForms` in search.mjs reads the same string back (tests/node/search.test.mjs).
        assert_eq!(
            encode_forms(&forms),
            "0142\n0pension\n7s 1\n0went =go\n0şəhid"
        );
    }
}
