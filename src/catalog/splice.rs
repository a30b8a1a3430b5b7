//! An edit of one service, parsed alone. `ccu serve` keeps the catalog's text and
//! YAML tree; when a save changed the text inside one entry of `services:` only,
//! that entry's new text is parsed and put in the tree in place of the old entry,
//! which costs one entry's parsing instead of the whole file's (36 ms at 1,000
//! services). Whatever the splice cannot be sure of is parsed whole: a change across
//! entries or outside `services:`, new text that no longer falls into the same
//! entries, an entry whose text does not read alone as it reads in the file,
//! anchors, aliases and tags.

use serde_yaml::Value;

/// A catalog's text and the YAML tree it parsed to.
pub struct Parsed {
    pub(super) text: String,
    pub(super) tree: Value,
    /// The byte range of each service entry in `text`, once known.
    pub(super) entries: Option<Entries>,
}

/// The byte ranges of the service entries in a catalog's text.
type Entries = Vec<(usize, usize)>;

/// The tree of `new`: `old`'s, with one service entry parsed again, and the entries
/// of `new`; None when `new` must be parsed whole.
pub fn reparse(old: Parsed, new: &str) -> Option<(Value, Entries)> {
    let entries = match old.entries {
        Some(entries) => entries,
        None => service_entries(&old.text)?,
    };
    let Some(Value::Sequence(services)) = old.tree.get("services") else {
        return None;
    };
    if services.len() != entries.len() {
        return None;
    }
    let (from, old_end) = changed(&old.text, new);
    let i = entries
        .iter()
        .position(|&(start, end)| start <= from && old_end <= end)?;
    let (start, end) = entries[i];
    let new_end = (end + new.len()).checked_sub(old.text.len())?;
    // The new text must fall into the same entries, only the edited one's end moved:
    // an entry indented otherwise, a `---` or a key at column 0 would change that.
    let expected: Entries = entries
        .iter()
        .enumerate()
        .map(|(j, &(a, b))| match j.cmp(&i) {
            std::cmp::Ordering::Less => (a, b),
            std::cmp::Ordering::Equal => (start, new_end),
            // After the edited entry: where it was, moved by the length of the change.
            std::cmp::Ordering::Greater => (a - end + new_end, b - end + new_end),
        })
        .collect();
    if service_entries(new)? != expected {
        return None;
    }
    // The entry's old text must read alone as it read in the file, and its new text
    // as one entry: else the file's context mattered.
    let alone = |text: &str| -> Option<Value> {
        if !plain(text) {
            return None;
        }
        match serde_yaml::from_str(text).ok()? {
            Value::Sequence(mut items) if items.len() == 1 => items.pop(),
            _ => None,
        }
    };
    if alone(&old.text[start..end])? != services[i] {
        return None;
    }
    let entry = alone(&new[start..new_end])?;
    let mut tree = old.tree;
    if let Some(Value::Sequence(services)) = tree.get_mut("services") {
        services[i] = entry;
    }
    Some((tree, expected))
}

/// True when `text` is YAML without anchors, aliases or tags, whose meaning would
/// reach past the entry (a merge key `<<` needs an alias too).
fn plain(text: &str) -> bool {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(text);
    loop {
        let marked = match parser.next_token() {
            Ok((event, _)) => event,
            Err(_) => return false,
        };
        match marked {
            Event::StreamEnd => return true,
            Event::Alias(_) => return false,
            Event::Scalar(_, _, anchor, tag)
            | Event::SequenceStart(anchor, tag)
            | Event::MappingStart(anchor, tag)
                if anchor > 0 || tag.is_some() =>
            {
                return false;
            }
            _ => {}
        }
    }
}

/// Where `a` differs from `b`: from the start of the first line that differs to the
/// start of their common end (byte offsets in `a`). Whole lines, so that lines
/// inserted between two entries count as the end of the first.
fn changed(a: &str, b: &str) -> (usize, usize) {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    let prefix = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let from = x[..prefix]
        .iter()
        .rposition(|&c| c == b'\n')
        .map_or(0, |i| i + 1);
    let room = x.len().min(y.len()) - from;
    let suffix = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(room)
        .take_while(|(p, q)| p == q)
        .count();
    (from, x.len() - suffix)
}

/// The byte range of each entry of the top-level `services:` list, by its lines: an
/// entry runs from its `- ` line to the next one at the same indentation, or to the
/// next top-level key. Lines inside quoted text, flow collections and block scalars
/// are text, whatever they start with. None when the list is not written that way,
/// or the text nests too deep.
fn service_entries(text: &str) -> Option<Entries> {
    let structural = super::depth::structural_lines(text)?;
    let mut entries: Vec<(usize, usize)> = Vec::new();
    let mut indent: Option<usize> = None;
    let mut inside = false;
    let mut at = 0;
    for (line, structure) in text.split_inclusive('\n').zip(structural) {
        let start = at;
        at += line.len();
        if !structure {
            continue;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        let top_level = !body.is_empty() && !body.starts_with([' ', '#', '\t']);
        if top_level {
            if let Some(last) = entries.last_mut().filter(|_| inside) {
                last.1 = start;
            }
            inside = body.trim_end() == "services:";
            continue;
        }
        if !inside {
            continue;
        }
        let spaces = body.len() - body.trim_start_matches(' ').len();
        let rest = &body[spaces..];
        let is_entry = rest.starts_with("- ") || rest == "-";
        if is_entry && indent.is_none() {
            indent = Some(spaces);
        }
        if is_entry && indent == Some(spaces) {
            if let Some(last) = entries.last_mut() {
                last.1 = start;
            }
            entries.push((start, text.len()));
        }
    }
    Some(entries).filter(|e| !e.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "site:\n  title: x\nservices:\n  - id: \"1.1\"\n    name: {en: One}\n\n  - id: \"1.2\"\n    name:\n      en: Two\n    keywords:\n      - a\n      - b\nunits: []\n";

    fn parsed(text: &str) -> Parsed {
        let tree = serde_yaml::from_str(text).unwrap();
        Parsed {
            text: text.to_string(),
            tree,
            entries: None,
        }
    }

    /// The tree `reparse` gives for `new` after `old`, if it splices.
    fn splice(old: &str, new: &str) -> Option<Value> {
        reparse(parsed(old), new).map(|(tree, _)| tree)
    }

    fn whole(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    #[test]
    fn an_edit_inside_one_entry_is_parsed_alone_and_equals_a_whole_parse() {
        for (from, to) in [
            ("en: One", "en: One more"),
            ("en: Two", "en: \"Two: two\""),
            ("      - b\n", "      - b\n      - c\n"),
            ("      - a\n      - b\n", ""),
        ] {
            let new = TEXT.replacen(from, to, 1);
            let spliced = splice(TEXT, &new);
            let spliced = spliced.unwrap_or_else(|| panic!("{to}: spliced"));
            assert_eq!(spliced, whole(&new), "{to}");
        }
    }

    #[test]
    fn what_it_cannot_be_sure_of_is_left_to_a_whole_parse() {
        for (what, from, to) in [
            (
                "two entries",
                "en: One}\n\n  - id: \"1.2\"",
                "en: One!}\n\n  - id: \"1.2!\"",
            ),
            (
                "a new entry",
                "  - id: \"1.2\"\n",
                "  - id: \"1.3\"\n  - id: \"1.2\"\n",
            ),
            ("outside services", "title: x", "title: y"),
            ("an anchor", "en: Two", "en: &two Two"),
            ("an alias", "en: Two", "en: *two"),
            ("a tag", "en: Two", "en: !!str Two"),
            ("an entry that no longer parses", "en: Two", "en: [Two"),
            (
                "text that closes the list",
                "      - b\n",
                "      - b\nunits2: []\n",
            ),
            ("a line joined to the next", "      - b\n", "      - b"),
            (
                "an entry indented more",
                "  - id: \"1.1\"\n    name: {en: One}\n",
                "    - id: \"1.1\"\n      name: {en: One}\n",
            ),
            (
                "a first line at column 0",
                "  - id: \"1.2\"\n",
                "- id: \"1.2\"\n",
            ),
            ("a document end", "      - b\n", "      - b\n...\n"),
            (
                "a document start",
                "  - id: \"1.1\"\n",
                "---\n  - id: \"1.1\"\n",
            ),
        ] {
            let new = TEXT.replacen(from, to, 1);
            assert_ne!(new, TEXT, "{what}: the edit applies");
            assert!(splice(TEXT, &new).is_none(), "{what}: parsed whole");
        }
    }

    #[test]
    fn every_entry_of_the_real_catalog_can_be_edited_alone() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/catalog.yaml");
        let text = std::fs::read_to_string(path).unwrap();
        let old = parsed(&text);
        let entries = service_entries(&text).unwrap();
        let Some(Value::Sequence(services)) = old.tree.get("services") else {
            panic!("the catalog has services");
        };
        assert_eq!(entries.len(), services.len());
        let mut spliced_entries = 0;
        for &(start, end) in &entries {
            // An entry with an anchor or an alias is parsed whole.
            let shares = !plain(&text[start..end]);
            // A line added at the end of the entry, and a word added to its first line.
            let line_end = start + text[start..].find('\n').unwrap();
            for (at, added) in [(end, "    added: yes\n"), (line_end, " # note")] {
                let new = format!("{}{added}{}", &text[..at], &text[at..]);
                let spliced = splice(&text, &new);
                let what = &text[start..line_end];
                match shares {
                    true => assert!(spliced.is_none(), "{what}: parsed whole"),
                    false => assert!(spliced == Some(whole(&new)), "{what}: as parsed whole"),
                }
                spliced_entries += usize::from(spliced.is_some());
            }
        }
        assert!(
            spliced_entries >= 2 * (entries.len() - 3),
            "{spliced_entries}"
        );
    }

    #[test]
    fn a_services_list_inside_quoted_text_is_not_taken_for_the_real_one() {
        let text = "site:\n  title:\n    az: 'Old title\nservices:\n  - id: \"1\"\n    name: {az: A}\nz'\nunits: []\nservices:\n    - id: \"1\"\n      name: {az: A}\n";
        let entries = service_entries(text).unwrap();
        assert_eq!(entries.len(), 1);
        assert!(text[entries[0].0..].starts_with("    - id"));
        let new = text.replacen("{az: A}", "{az: EDITED}", 1);
        let spliced = splice(text, &new);
        assert!(spliced.is_none() || spliced == serde_yaml::from_str(&new).ok());
    }

    #[test]
    fn entries_are_found_by_their_lines() {
        let entries = service_entries(TEXT).unwrap();
        let texts: Vec<&str> = entries.iter().map(|&(a, b)| &TEXT[a..b]).collect();
        assert_eq!(
            texts,
            [
                "  - id: \"1.1\"\n    name: {en: One}\n\n",
                "  - id: \"1.2\"\n    name:\n      en: Two\n    keywords:\n      - a\n      - b\n"
            ]
        );
    }
}
