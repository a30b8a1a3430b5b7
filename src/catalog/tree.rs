//! What the loader's YAML parser reads a text as, for the editor to check what it
//! writes against: one judge of what a YAML file means. (The editor finds values with
//! another parser, which keeps bytes and comments; where the two could read a text
//! differently, this one's reading is the one `ccu check` and `ccu build` see.)

use serde_yaml::Value;

/// A YAML document as the loader reads it.
#[derive(Clone, Debug, PartialEq)]
pub enum Tree {
    /// A string.
    Text(String),
    /// A number, `true`/`false` or nothing (`null`, `~`, an empty value), as the parser
    /// writes it out.
    Other(String),
    List(Vec<Tree>),
    /// Keys in the file's order.
    Map(Vec<(String, Tree)>),
}

/// `text` as the loader reads it; what stops it, in words.
pub fn read_tree(text: &str) -> Result<Tree, String> {
    if let Some(d) = super::too_deep("", text, 0) {
        return Err(d.message);
    }
    serde_yaml::from_str::<Value>(text)
        .map(|v| convert(&v))
        .map_err(|e| format!("this is not valid YAML: {e}"))
}

/// Whether `v`, written without quotes as a whole value, reads as exactly this text
/// (not a number, `true`, `null`, a date-like number, a comment or a structure).
pub fn plain_is_text(v: &str) -> bool {
    matches!(serde_yaml::from_str::<Value>(v), Ok(Value::String(s)) if s == v)
}

fn convert(v: &Value) -> Tree {
    match v {
        Value::String(s) => Tree::Text(s.clone()),
        Value::Sequence(items) => Tree::List(items.iter().map(convert).collect()),
        Value::Mapping(map) => Tree::Map(
            map.iter()
                .map(|(k, v)| (super::describe(k), convert(v)))
                .collect(),
        ),
        Value::Tagged(t) => Tree::Other(format!("{} {}", t.tag, short(&t.value))),
        other => Tree::Other(short(other)),
    }
}

fn short(v: &Value) -> String {
    serde_yaml::to_string(v)
        .unwrap_or_default()
        .trim()
        .to_string()
}

impl Tree {
    /// The value at `path` (`services[3].keywords.ru[0]`).
    pub fn at(&self, path: &str) -> Option<&Tree> {
        let mut here = self;
        if path.is_empty() {
            return Some(here);
        }
        for part in path.split('.') {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            if !key.is_empty() {
                let Tree::Map(entries) = here else {
                    return None;
                };
                here = entries.iter().find(|(k, _)| k == key).map(|(_, v)| v)?;
            }
            for i in rest.split('[').filter(|s| !s.is_empty()) {
                let i: usize = i.trim_end_matches(']').parse().ok()?;
                let Tree::List(items) = here else {
                    return None;
                };
                here = items.get(i)?;
            }
        }
        Some(here)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_paragraph_separators_break_lines_for_the_loader() {
        // YAML 1.1 (libyaml, under serde_yaml) reads U+2028 as a line break: the text
        // after it, indented as a key, is a key.
        let text = "a:\n  b: |\n    one\u{2028}  c: 2026\n";
        let tree = read_tree(text).unwrap();
        assert_eq!(tree.at("a.c"), Some(&Tree::Other("2026".into())));
    }

    #[test]
    fn plain_text_is_told_from_numbers_and_specials() {
        for text in ["Bakı", "1.4 və 2", "yes", "a-b"] {
            assert!(plain_is_text(text), "{text}");
        }
        for other in [
            ".inf", "-.inf", ".nan", "~", "null", "true", "12", "0x1f", "1e3", "a #b", "- a",
            "a: b", "---",
        ] {
            assert!(!plain_is_text(other), "{other}");
        }
    }
}
