//! Search: a tantivy index per language, exported as static files for the
//! browser client (`/search/search.mjs`), and queried by `ccu search`.
//!
//! Both sides turn a query into terms the same way (`expand`) and score with
//! BM25 as tantivy computes it, so they rank alike.

mod analyze;
mod answer;
mod azstem;
mod docs;
mod expand;
mod index;
mod snippet;
pub mod synonyms;

pub use analyze::{Analyzer, stopwords};
pub use answer::{Answer, Indexes, answer, candidates, suggestions};
pub use azstem::az_stem;
pub use docs::{FIELDS, SearchDoc, Strings, documents, sentences};
pub use expand::{AnalysedSynonym, Dict, Expanded, Expansion, expand_query};
pub use index::{Hit, LangIndex, coordination};
pub use snippet::Snippet;

/// The least number of posting shards per language: a query fetches only those of its terms.
pub const SHARDS: u32 = 16;

/// FNV-1a over the term's UTF-8 bytes, modulo the shard count; the client computes the same.
pub fn shard_of(term: &str, shards: u32) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in term.as_bytes() {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h % shards
}
