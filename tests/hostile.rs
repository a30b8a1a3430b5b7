//! Hostile input: nothing an editor or attacker puts into the content can run
//! in a visitor's browser, write outside the output, or hang the build.

mod common;
use common::*;
use html5ever::TokenizerResult;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use std::cell::RefCell;

fn set(root: &std::path::Path, file: &str, from: &str, to: &str) {
    let p = root.join(file);
    let t = std::fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{from}");
    std::fs::write(&p, t.replacen(from, to, 1)).unwrap();
}

#[test]
fn script_and_handlers_in_catalog_strings_are_escaped_everywhere() {
    let site = site(Some("valid"));
    set(
        site.path(),
        "catalog.yaml",
        "en: Labour pension,",
        "en: \"Pension</script><script>alert(1)</script><img src=x onerror=alert(2)>\",",
    );
    set(
        site.path(),
        "catalog.yaml",
        "en: Apply for a pension,",
        "en: \"javascript:alert(3) <a href='javascript:alert(4)'>x</a>\",",
    );
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let dist = site.path().join("dist");
    for (path, bytes) in snapshot(&dist) {
        if path.ends_with(".html") {
            assert_inert(&path, &String::from_utf8_lossy(&bytes));
        }
    }
    // Shown as text, where a reader sees it.
    let page = read(site.path(), "en/services/1-4/index.html");
    let h1 = elements(&page)
        .into_iter()
        .find(|e| e.name == "h1")
        .unwrap();
    assert_eq!(
        h1.text,
        "Pension</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    );
    assert!(
        page.contains("\\u003c/script>"),
        "JSON-LD escapes the closing tag"
    );
}

/// As a browser parses the page: no script runs but our own files and data
/// blocks, no element has an event handler, no link runs code.
fn assert_inert(path: &str, html: &str) {
    for el in elements(html) {
        let attr = |n: &str| {
            el.attrs
                .iter()
                .find(|(k, _)| k == n)
                .map(|(_, v)| v.as_str())
        };
        if el.name == "script" {
            let data = matches!(
                attr("type"),
                Some("application/json" | "application/ld+json")
            );
            assert!(
                attr("src").is_some() || data,
                "{path}: an inline script runs"
            );
            if data {
                // A data block stays one intact JSON value: nothing broke out of it.
                serde_json::from_str::<serde_json::Value>(&el.text)
                    .unwrap_or_else(|e| panic!("{path}: {e}"));
            }
        }
        for (name, value) in &el.attrs {
            assert!(!name.starts_with("on"), "{path}: <{} {name}>", el.name);
            let v = value.trim().to_ascii_lowercase();
            if matches!(name.as_str(), "href" | "src" | "action" | "formaction") {
                assert!(
                    !v.starts_with("javascript:") && !v.starts_with("data:"),
                    "{path}: {name}={value}"
                );
            }
        }
        assert!(
            !matches!(el.name.as_str(), "iframe" | "object" | "embed" | "img"),
            "{path}: <{}>",
            el.name
        );
    }
}

/// An element as a browser's HTML tokenizer reads it: its name, its attributes (with
/// character references decoded) and its text up to the end tag.
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    text: String,
}

/// Collects elements from html5ever's tokenizer (the version ammonia already uses:
/// a DOM crate here would rebuild shared dependencies with other features and
/// keep `cargo test --release` from reusing the release build).
#[derive(Default)]
struct Collect {
    elements: RefCell<Vec<Element>>,
    open: RefCell<Vec<usize>>,
}

const VOID: [&str; 13] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => return self.tag(tag),
            Token::CharacterTokens(t) => {
                let mut els = self.elements.borrow_mut();
                for &i in self.open.borrow().iter() {
                    els[i].text.push_str(&t);
                }
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Collect {
    fn tag(&self, tag: Tag) -> TokenSinkResult<()> {
        let name = tag.name.to_string();
        let mut open = self.open.borrow_mut();
        let mut els = self.elements.borrow_mut();
        if tag.kind == TagKind::EndTag {
            if let Some(at) = open.iter().rposition(|&i| els[i].name == name) {
                open.truncate(at);
            }
            return TokenSinkResult::Continue;
        }
        els.push(Element {
            name: name.clone(),
            attrs: (tag.attrs.iter())
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect(),
            text: String::new(),
        });
        if !tag.self_closing && !VOID.contains(&name.as_str()) {
            open.push(els.len() - 1);
        }
        // The tree builder's switches of tokenizer state, as a browser with scripting on.
        match name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

fn elements(html: &str) -> Vec<Element> {
    let tokenizer = Tokenizer::new(Collect::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    while let TokenizerResult::Script(()) = tokenizer.feed(&input) {}
    tokenizer.end();
    tokenizer.sink.elements.into_inner()
}

#[test]
fn raw_html_in_guides_is_sanitised() {
    let site = site(Some("valid"));
    let guide = site.path().join("content/en/apply.md");
    let mut text = std::fs::read_to_string(&guide).unwrap();
    text.push_str("\n<iframe src=\"https://evil.example\"></iframe>\n\n<p onclick=\"alert(1)\">click</p>\n\n[link](javascript:alert(1))\n\n<a href=\"data:text/html,<script>alert(1)</script>\">d</a>\n\n<style>body{display:none}</style>\n");
    std::fs::write(&guide, text).unwrap();
    assert!(build(site.path()).status.success());
    let html = read(site.path(), "en/guides/apply/index.html");
    assert_inert("en/guides/apply/index.html", &html);
    let lower = html.to_lowercase();
    for bad in [
        "<iframe",
        "onclick",
        "javascript:",
        "data:text/html",
        "<style>body",
    ] {
        assert!(!lower.contains(bad), "{bad} reached the page");
    }
    assert!(lower.contains("click"), "the text itself stays");
}

#[test]
fn a_yaml_alias_bomb_is_refused_with_a_clear_error() {
    let site = site(Some("valid"));
    let mut bomb = String::from("a: &a [\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\"]\n");
    for i in 1..=9 {
        let prev = (b'a' + i - 1) as char;
        let cur = (b'a' + i) as char;
        bomb.push_str(&format!("{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"));
    }
    std::fs::write(site.path().join("catalog.yaml"), bomb).unwrap();
    let start = std::time::Instant::now();
    let out = ccu(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("catalog.yaml"), "{}", stderr(&out));
    assert!(
        start.elapsed() < std::time::Duration::from_secs(20),
        "the bomb was expanded"
    );
}

#[test]
fn an_enormous_catalog_is_refused_before_it_is_read() {
    let site = site(Some("valid"));
    let f = std::fs::File::create(site.path().join("catalog.yaml")).unwrap();
    f.set_len(40 * 1024 * 1024).unwrap();
    let out = ccu(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("catalog.yaml: the file is 41943040 bytes, more than the 33554432 allowed"),
        "{err}"
    );
}

#[test]
fn every_page_carries_the_content_security_policy_and_no_inline_script() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    for (path, bytes) in snapshot(&site.path().join("dist")) {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(&bytes);
        assert!(html.contains("Content-Security-Policy"), "{path}");
        assert!(
            html.contains("default-src 'self'") && html.contains("script-src 'self'"),
            "{path}"
        );
        // Every <script> either loads a file or is a data block.
        for part in html.split("<script").skip(1) {
            let tag = &part[..part.find('>').unwrap()];
            let ok = tag.contains("src=")
                || tag.contains("application/json")
                || tag.contains("application/ld+json");
            assert!(ok, "{path}: inline script <script{tag}>");
        }
        assert!(!html.contains("style=\""), "{path}: inline style");
    }
}
