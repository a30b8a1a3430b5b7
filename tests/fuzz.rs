//! Property tests: whatever text an editor saves, the catalog loader and the
//! markdown path return problems or pages, never a panic.

mod common;
use ccu_portal::catalog;
use ccu_portal::content::{parse_guide, render_markdown};
use ccu_portal::lang::Lang;
use proptest::prelude::*;

fn fixture() -> String {
    std::fs::read_to_string(common::repo().join("tests/fixtures/valid/catalog.yaml")).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn the_catalog_loader_never_panics_on_any_text(text in "\\PC{0,400}") {
        let mut diags = Vec::new();
        let _ = catalog::parse(&text, "catalog.yaml", &mut diags);
    }

    #[test]
    fn the_catalog_loader_never_panics_on_a_damaged_catalog(
        cut in 0usize..2000, len in 0usize..40, insert in "[\\[\\]{}:&*!|>'\"\\-# \\n\\tA-Za-zəı0-9]{0,12}"
    ) {
        let src = fixture();
        let mut bytes: Vec<char> = src.chars().collect();
        let at = cut.min(bytes.len());
        let end = (at + len).min(bytes.len());
        bytes.splice(at..end, insert.chars());
        let text: String = bytes.into_iter().collect();
        let mut diags = Vec::new();
        let parsed = catalog::parse(&text, "catalog.yaml", &mut diags);
        // Either it parsed, or it says why, with a place.
        prop_assert!(parsed.is_some() || diags.iter().any(|d| d.is_error() && !d.message.is_empty()));
    }

    #[test]
    fn markdown_never_panics_and_never_emits_a_script(text in "(\\PC|[<>\\[\\]()#*_`|!-])*") {
        let Ok(r) = render_markdown(&text) else { return Ok(()) };
        let lower = r.html.to_lowercase();
        prop_assert!(!lower.contains("<script"));
        prop_assert!(!lower.contains("javascript:"));
    }

    #[test]
    fn front_matter_never_panics(text in "(---\\n)?\\PC{0,200}(\\n---\\n)?\\PC{0,100}") {
        let mut diags = Vec::new();
        let _ = parse_guide(&text, "content/en/x.md", "x", Lang::En, &mut diags);
    }
}
