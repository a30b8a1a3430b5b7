//! `content/synonyms.yaml`: the words citizens use, kept by editors, per language.
//!
//! ```yaml
//! en:
//!   jab: [vaccination]          # a word → the words the portal uses for it
//!   old age pension: [labour pension]
//! ru:
//!   ДСМФ: [пенсия, пособие]
//! ```
//!
//! A query holding the word or phrase also looks for the terms it means. The
//! index analyses both sides, and the browser client receives the result.

use crate::diag::Diagnostic;
use crate::lang::Lang;
use crate::text::{normalize, words};
use std::path::Path;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

pub const FILE: &str = "content/synonyms.yaml";
/// Far more than editors write by hand; a bigger file is a mistake.
pub const MAX_BYTES: u64 = 4 * 1024 * 1024;

#[derive(Clone, Debug, Hash, PartialEq)]
pub struct Synonym {
    pub lang: Lang,
    /// The word or phrase as the editor wrote it.
    pub phrase: String,
    /// The words or phrases it means.
    pub means: Vec<String>,
    pub line: usize,
}

/// Reads `ROOT/content/synonyms.yaml` if there is one; problems go into `diags`.
pub fn load(root: &Path, diags: &mut Vec<Diagnostic>) -> Vec<Synonym> {
    if !root.join(FILE).exists() {
        return Vec::new();
    }
    match crate::content::read_text(root, Path::new(FILE), MAX_BYTES, diags) {
        Some(source) => parse(&source, FILE, diags),
        None => Vec::new(),
    }
}

/// A YAML node with where it starts (1-based line and column).
#[derive(Debug)]
enum Node {
    Scalar(String, usize, usize),
    Map(Vec<(Node, Node)>, usize, usize),
    Seq(Vec<Node>, usize, usize),
    Other(usize, usize),
}

impl Node {
    fn pos(&self) -> (usize, usize) {
        match self {
            Node::Scalar(_, l, c) | Node::Map(_, l, c) | Node::Seq(_, l, c) | Node::Other(l, c) => {
                (*l, *c)
            }
        }
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Node>,
    /// Keys waiting for their values, one per open mapping.
    keys: Vec<Option<Node>>,
    root: Option<Node>,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            Some(Node::Seq(items, ..)) => items.push(node),
            Some(Node::Map(pairs, ..)) => {
                let slot = self.keys.last_mut().expect("a key slot per mapping");
                match slot.take() {
                    Some(key) => pairs.push((key, node)),
                    None => *slot = Some(node),
                }
            }
            _ => self.root = Some(node),
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let (l, c) = (mark.line(), mark.col() + 1);
        match ev {
            Event::Scalar(v, ..) => self.push(Node::Scalar(v, l, c)),
            Event::Alias(_) => self.push(Node::Other(l, c)),
            Event::MappingStart(..) => {
                self.stack.push(Node::Map(Vec::new(), l, c));
                self.keys.push(None);
            }
            Event::SequenceStart(..) => self.stack.push(Node::Seq(Vec::new(), l, c)),
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(node) = self.stack.pop() {
                    if matches!(node, Node::Map(..)) {
                        self.keys.pop();
                    }
                    self.push(node);
                }
            }
            _ => {}
        }
    }
}

/// Parses and checks synonyms text; every problem goes into `diags`.
pub fn parse(source: &str, file: &str, diags: &mut Vec<Diagnostic>) -> Vec<Synonym> {
    let mut b = Builder::default();
    if let Err(e) = Parser::new_from_str(source).load(&mut b, false) {
        let m = e.marker();
        diags.push(
            Diagnostic::error(file, format!("this is not valid YAML: {}", e.info()))
                .at(m.line(), m.col() + 1)
                .help("check the indentation, colons and brackets on this line and the one before"),
        );
        return Vec::new();
    }
    let mut out = Vec::new();
    // Every word as written, valid or not: a second line for a word is a mistake either way.
    let mut seen: Vec<(Lang, String, usize)> = Vec::new();
    let pairs = match b.root {
        None => return out,
        Some(Node::Map(pairs, ..)) => pairs,
        Some(other) => {
            let (l, c) = other.pos();
            diags.push(
                Diagnostic::error(file, "the file must map each language to its synonyms")
                    .at(l, c)
                    .help("start with a language code and a colon, such as `en:`"),
            );
            return out;
        }
    };
    for (key, value) in pairs {
        let (l, c) = key.pos();
        let code = match &key {
            Node::Scalar(s, ..) => s.clone(),
            _ => String::new(),
        };
        let Some(lang) = Lang::parse(&code) else {
            diags.push(
                Diagnostic::error(file, format!("unknown language `{code}`"))
                    .at(l, c)
                    .help("the languages are az, en and ru"),
            );
            continue;
        };
        match value {
            Node::Map(entries, ..) => {
                for (phrase, means) in entries {
                    if let Node::Scalar(text, l, _) = &phrase {
                        seen.push((lang, text.clone(), *l));
                    }
                    if let Some(s) = entry(lang, &phrase, &means, file, diags) {
                        out.push(s);
                    }
                }
            }
            Node::Scalar(s, ..) if s.is_empty() => {}
            other => {
                let (l, c) = other.pos();
                diags.push(
                    Diagnostic::error(
                        file,
                        format!("`{code}` must hold `word: [what it means]` lines"),
                    )
                    .at(l, c)
                    .path(code.clone())
                    .help("indent each synonym under the language, such as `  jab: [vaccination]`"),
                );
            }
        }
    }
    duplicates(&seen, file, diags);
    out
}

/// One `phrase: [terms]` line, checked.
fn entry(
    lang: Lang,
    phrase: &Node,
    means: &Node,
    file: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Synonym> {
    let (l, c) = phrase.pos();
    let err = |msg: String, help: &str| {
        Diagnostic::error(file, msg)
            .at(l, c)
            .path(lang.code())
            .help(help.to_string())
    };
    let text = match phrase {
        Node::Scalar(s, ..) if !words(s).is_empty() => s.trim().to_string(),
        _ => {
            diags.push(err(
                "a synonym must be a word or phrase".into(),
                "write the word citizens type, then a colon and what it means",
            ));
            return None;
        }
    };
    let list: Vec<&Node> = match means {
        Node::Seq(items, ..) => items.iter().collect(),
        Node::Scalar(s, ..) if !s.trim().is_empty() => vec![means],
        _ => Vec::new(),
    };
    if list.is_empty() {
        diags.push(err(
            format!("`{text}` means nothing: its list of terms is empty"),
            "list the words it means, such as `jab: [vaccination]`, or remove the line",
        ));
        return None;
    }
    let mut terms = Vec::new();
    for item in list {
        match item {
            Node::Scalar(s, ..) if !words(s).is_empty() => {
                if normalize(s.trim()) == normalize(&text) {
                    diags.push(err(
                        format!("`{text}` lists itself as what it means"),
                        "list other words, the ones the portal's pages use",
                    ));
                    return None;
                }
                terms.push(s.trim().to_string());
            }
            other => {
                let (l, c) = other.pos();
                diags.push(
                    Diagnostic::error(file, format!("`{text}` has an empty or unreadable term"))
                        .at(l, c)
                        .path(lang.code())
                        .help("each term is a word or phrase, such as `[vaccination, vaccine]`"),
                );
                return None;
            }
        }
    }
    Some(Synonym {
        lang,
        phrase: text,
        means: terms,
        line: l,
    })
}

/// The same word twice in one language is a mistake: the second would silently win.
fn duplicates(all: &[(Lang, String, usize)], file: &str, diags: &mut Vec<Diagnostic>) {
    let mut first_line: std::collections::HashMap<(Lang, Vec<String>), usize> =
        std::collections::HashMap::new();
    for (lang, phrase, line) in all {
        let key = (*lang, words(phrase));
        if let Some(first) = first_line.get(&key) {
            diags.push(
                Diagnostic::error(
                    file,
                    format!(
                        "`{}` is listed twice in {lang} (first on line {first})",
                        phrase.trim()
                    ),
                )
                .at(*line, 0)
                .path(lang.code())
                .help("merge the two lines into one list"),
            );
        } else {
            first_line.insert(key, *line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(src: &str) -> (Vec<Synonym>, Vec<Diagnostic>) {
        let mut d = Vec::new();
        let s = parse(src, FILE, &mut d);
        (s, d)
    }

    #[test]
    fn reads_words_and_phrases_per_language() {
        let (s, d) = check(
            "en:\n  jab: [vaccination, vaccine]\n  old age pension: labour pension\nru:\n  ДСМФ: [пенсия]\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].phrase, "jab");
        assert_eq!(s[0].means, ["vaccination", "vaccine"]);
        assert_eq!(s[1].means, ["labour pension"]);
        assert_eq!((s[2].lang, s[2].line), (Lang::Ru, 5));
    }

    #[test]
    fn reports_each_mistake_with_its_line() {
        let (_, d) = check(
            "fr:\n  x: [y]\nen:\n  jab: []\n  flat: [flat]\n  home: [housing, '']\n  jab: [vaccine]\n",
        );
        let shown: Vec<String> = d
            .iter()
            .map(|x| format!("{}: {}", x.location(), x.message))
            .collect();
        assert!(
            shown.contains(&"content/synonyms.yaml:1:1: unknown language `fr`".to_string()),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|m| m.starts_with("content/synonyms.yaml:4:3: `jab` means nothing")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|m| m.starts_with("content/synonyms.yaml:5:3: `flat` lists itself")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|m| m.contains(":6:") && m.contains("empty or unreadable")),
            "{shown:?}"
        );
        assert!(
            shown
                .iter()
                .any(|m| m.contains(":7") && m.contains("listed twice")),
            "{shown:?}"
        );
        assert!(d.iter().all(|x| x.is_error() && !x.help.is_empty()));
    }

    #[test]
    fn broken_yaml_names_the_line() {
        let (_, d) = check("en:\n  jab: [vaccination\n  flat: x\n");
        assert_eq!(d.len(), 1);
        assert!(
            d[0].line >= 2 && d[0].message.contains("not valid YAML"),
            "{d:?}"
        );
        let (_, d) = check("- en\n");
        assert!(d[0].message.contains("map each language"), "{d:?}");
    }
}
