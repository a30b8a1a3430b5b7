//! Conflicts per entry: a form carries a hash of its own entry's bytes, not of the whole
//! file, so a save of another entry (in another tab, or a text editor) made meanwhile
//! never refuses it; the save is then made on the file as it is now.

use super::yaml::Doc;

/// A hash of the bytes of the entry at `base` (`services[3]`): its keys and values, with
/// their quotes and comments inside it; the hash of nothing when it is not there.
pub fn entry_hash(doc: &Doc, base: &str) -> String {
    let bytes = doc.node(base).map(|n| doc.src[n.start..n.end].to_string());
    super::hash(&[&bytes])
}

/// What a form sent, its field names moved to the entry's place now (`services[4].…`
/// sent by a form opened when the entry was `services[5]`, before one above it was
/// deleted); other names as they were.
pub fn moved(sent: &[(String, String)], base: &str) -> Vec<(String, String)> {
    let Some((list, _)) = base.split_once('[') else {
        return sent.to_vec();
    };
    let prefix = format!("{list}[");
    let old_base = |name: &str| {
        let rest = name.strip_prefix(&prefix)?;
        let close = rest.find(']')?;
        rest[..close]
            .parse::<usize>()
            .ok()
            .map(|_| format!("{prefix}{}", &rest[..=close]))
    };
    let bases: std::collections::BTreeSet<String> =
        sent.iter().filter_map(|(k, _)| old_base(k)).collect();
    // Only one entry's fields can be moved: a form edits one entry.
    let bases: Vec<String> = bases.into_iter().collect();
    let [old] = bases.as_slice() else {
        return sent.to_vec();
    };
    if old == base {
        return sent.to_vec();
    }
    sent.iter()
        .map(|(k, v)| match k.strip_prefix(old.as_str()) {
            Some(rest) if rest.is_empty() || rest.starts_with(['.', '[']) => {
                (format!("{base}{rest}"), v.clone())
            }
            _ => (k.clone(), v.clone()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SRC: &str =
        "services:\n  - id: '1.1'\n    name: {az: A}\n  - id: '1.2'\n    name: {az: B}\n";

    #[test]
    fn an_entry_hash_changes_with_its_own_bytes_only() {
        let other = SRC.replace("{az: A}", "{az: A2}");
        let mine = SRC.replace("{az: B}", "{az: \"B\"}");
        let at = |src: &str| entry_hash(&Doc::parse(src).unwrap(), "services[1]");
        let h = at(SRC);
        assert_eq!(at(&other), h);
        assert_ne!(at(&mine), h);
    }

    #[test]
    fn fields_follow_their_entry_to_its_new_place() {
        let sent = vec![
            ("_hash".to_string(), "x".to_string()),
            ("services[5].name.az".to_string(), "B".to_string()),
            (
                "services[5].facts.how[0].text.az".to_string(),
                "t".to_string(),
            ),
        ];
        let m = moved(&sent, "services[4]");
        assert_eq!(m[1].0, "services[4].name.az");
        assert_eq!(m[2].0, "services[4].facts.how[0].text.az");
        assert_eq!(m[0].0, "_hash");
        assert_eq!(moved(&sent, "services[5]"), sent);
    }
}
