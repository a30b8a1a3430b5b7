//! Undo in the editor: an entry's recent changes under its form, each latest change of
//! a field with a button that puts the old value back through the same checked save
//! (`edit::save`), written in the bytes it had. The button posts to the form's own
//! address with `?undo=ID`, so that nothing of it travels with the form's fields.

use super::form::{Form, Kind};
use super::history::{self, Change as Kept, Saved};
use super::ops_words as words;
use super::yaml::{Change, Doc, Value};
use super::{Outcome, Read, Target, build_form, read_all};
use crate::catalog;
use crate::text::escape;
use std::path::Path;

/// An emptied text and a text not there are the same to undo.
fn same(a: &Option<Value>, b: &Option<Value>) -> bool {
    let norm = |v: &Option<Value>| match v {
        Some(Value::Scalar(s)) if s.is_empty() => None,
        Some(Value::List(l)) if l.is_empty() => None,
        v => v.clone(),
    };
    norm(a) == norm(b)
}

/// What the history keeps of a save, and its writes with each value that is again as it
/// was before a recent change written in the bytes it had then (an undo, or a value
/// retyped as it was: the file is then byte for byte as before).
pub(super) fn kept(
    root: &Path,
    r: &Read,
    form: &Form,
    changes: &[Change],
    mut writes: Vec<(String, String)>,
) -> (Vec<(String, String)>, Saved) {
    let mut saved = Saved {
        entry: String::new(),
        title: form.title.clone(),
        changes: Vec::new(),
        files: Vec::new(),
    };
    let (Target::Entry { base, .. }, Some(c), Some(Ok(doc))) = (&r.target, &r.catalog, &r.doc)
    else {
        return (writes, saved);
    };
    let Some(key) = history::entry_key(c, base) else {
        return (writes, saved);
    };
    saved.entry = key.clone();
    let prefix = format!("{base}.");
    let mine: Vec<&Change> = changes
        .iter()
        .filter(|c| c.path.starts_with(&prefix))
        .collect();
    if writes.is_empty() || mine.is_empty() {
        return (writes, saved);
    }
    let recent = history::recent(root, &key);
    for ch in mine {
        let field = &ch.path[prefix.len()..];
        if let Some(raw) = history::raw_for(&recent, field, &ch.value) {
            for (_, text) in writes.iter_mut().filter(|(f, _)| f == catalog::FILE) {
                *text = history::with_raw(std::mem::take(text), &ch.path, &raw);
            }
        }
        saved.changes.push(Kept {
            id: String::new(),
            time: 0,
            entry: key.clone(),
            field: field.to_string(),
            old: doc.value(&ch.path),
            new: Some(ch.value.clone()),
            old_raw: history::raw_of(doc, &ch.path),
            author: String::new(),
        });
    }
    (writes, saved)
}

/// The entry a page's form edits, with its key, its recent changes and its file.
fn entry_of<'r>(root: &Path, r: &'r Read) -> Option<(String, Vec<Kept>, &'r Doc)> {
    let (Target::Entry { base, .. }, Some(c), Some(Ok(doc))) = (&r.target, &r.catalog, &r.doc)
    else {
        return None;
    };
    let key = history::entry_key(c, base)?;
    let recent = history::recent(root, &key);
    Some((base.clone(), recent, doc))
}

/// Undoes the change `id` of the entry the page at `page` shows: its field gets its old
/// value back through the same checked save, refused when the field changed since.
pub fn undo(root: &Path, page: &str, id: &str, deadline: std::time::Instant) -> Outcome {
    let r = match read_all(root, page) {
        Ok(r) => r,
        Err(o) => return o,
    };
    let lang = r.lang;
    let missing = || Outcome::NotFound(words::history(lang, "missing").to_string());
    let Some((base, recent, doc)) = entry_of(root, &r) else {
        return missing();
    };
    let Some(ch) = recent.iter().find(|c| c.id == id) else {
        return missing();
    };
    let path = format!("{base}.{}", ch.field);
    let mut form = build_form(root, &r);
    if !same(&doc.value(&path), &ch.new) {
        form.notice = Some(words::history(lang, "changed").to_string());
        return Outcome::Conflict {
            form: Box::new(form),
            hash: r.hash,
        };
    }
    let Some(field) = form.fields.iter().find(|f| f.path == path) else {
        return missing();
    };
    // What a browser would send: every group of checkboxes as it is (one not sent would
    // be emptied), and the field as it was.
    let mut sent: Vec<(String, String)> = form
        .fields
        .iter()
        .filter(|f| matches!(f.kind, Kind::Choices(_)) && f.path != path)
        .flat_map(|f| match &f.value {
            Some(Value::List(l)) => l.iter().map(|v| (f.path.clone(), v.clone())).collect(),
            _ => Vec::new(),
        })
        .collect();
    match (&field.kind, &ch.old) {
        (Kind::Choices(_), Some(Value::List(l))) => {
            sent.extend(l.iter().map(|v| (path.clone(), v.clone())));
        }
        (_, Some(Value::List(l))) => sent.push((path.clone(), l.join("\n"))),
        (_, Some(Value::Scalar(s))) => sent.push((path.clone(), s.clone())),
        (_, None) => sent.push((path.clone(), String::new())),
    }
    super::save(root, page, &sent, &r.hash, deadline)
}

fn shown(v: &Option<Value>, lang: crate::lang::Lang) -> String {
    match v {
        Some(Value::Scalar(s)) if !s.is_empty() => s.clone(),
        Some(Value::List(l)) if !l.is_empty() => l.join(", "),
        _ => words::history(lang, "empty").to_string(),
    }
}

/// The entry's recent changes, for the foot of its form (`action` is the form's
/// address, `token` the server's): empty for a page that is no catalog entry. The
/// values now are the form's own, so that nothing is read twice.
pub(super) fn history_section(
    root: &Path,
    r: &Read,
    form: &Form,
    action: &str,
    token: &str,
) -> String {
    let lang = r.lang;
    let (Target::Entry { base, .. }, Some(c)) = (&r.target, &r.catalog) else {
        return String::new();
    };
    let Some(key) = history::entry_key(c, base) else {
        return String::new();
    };
    let recent = history::recent(root, &key);
    let w = |k: &str| words::history(lang, k);
    let mut s = format!(
        "<section aria-labelledby=history-title><h2 id=history-title>{}</h2>",
        w("title")
    );
    if recent.is_empty() {
        return s + &format!("<p>{}</p></section>", w("none"));
    }
    s.push_str(&format!(
        "<table><thead><tr><th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th><th scope=col>{}</th><th scope=col><span class=visually-hidden>{}</span></th></tr></thead><tbody>",
        w("when"),
        w("field"),
        w("old"),
        w("new"),
        w("undo")
    ));
    let mut seen = std::collections::HashSet::new();
    for ch in &recent {
        let path = format!("{base}.{}", ch.field);
        let field = form.fields.iter().find(|f| f.path == path);
        let label = field.map_or(ch.field.clone(), |f| format!("{} — {}", f.group, f.label));
        // Only a field's latest change can be undone, while the field still holds it.
        let latest = seen.insert(ch.field.clone());
        let holds = field.is_some_and(|f| f.fixed.is_none() && same(&f.value, &ch.new));
        let button = if latest && holds {
            format!(
                "<form method=post action=\"{}?undo={}\"><input type=hidden name=_token value=\"{}\"><button type=submit>{}<span class=visually-hidden>: {}</span></button></form>",
                escape(action),
                escape(&ch.id),
                escape(token),
                w("undo"),
                escape(&label)
            )
        } else {
            String::new()
        };
        s.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{button}</td></tr>",
            escape(&history::when(ch.time)),
            escape(&label),
            escape(&shown(&ch.old, lang)),
            escape(&shown(&ch.new, lang)),
        ));
    }
    s + "</tbody></table></section>"
}
