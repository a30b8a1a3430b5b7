//! Each entry's recent changes (when, which field, old → new) and what "undo" needs to
//! put a value back byte for byte.
//!
//! Where the site folder is a git checkout, every save is a commit (author from git's
//! own config) whose message names the entry and its fields (`Ccu-Entry:`, `Ccu-Field:`
//! lines), and the history is read back from `git log`: the values before and after
//! come from the commit and its parent. Elsewhere a journal beside the sources
//! (`.ccu-history.jsonl`) holds one line per changed field: entry, field, old, new,
//! time, and the old value's bytes as the file wrote them — never a copy of the file.

use super::yaml::{Doc, Value};
use crate::catalog::{self, Catalog};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::process::Command;

/// The journal's file, beside `catalog.yaml`.
pub const JOURNAL: &str = ".ccu-history.jsonl";

/// How many changes an entry's history shows.
const RECENT: usize = 12;

/// One changed field of an entry.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Change {
    /// What undoing it names: a journal line (`j12`) or a commit and field (`g<hash>:title.az`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// Seconds since 1970 (UTC).
    pub time: i64,
    /// `services/1.4`.
    pub entry: String,
    /// The field within the entry: `title.az`, `facts.how[0].source`.
    pub field: String,
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// The old value's bytes as the file wrote them (its quotes), where it was there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_raw: Option<String>,
    /// Who saved it (git's author), where known.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
}

/// What a save wrote, to be kept in the history.
pub struct Saved {
    /// `services/1.4`; empty for a save that is no entry's field edit.
    pub entry: String,
    /// What the message calls it (`service 1.4`).
    pub title: String,
    pub changes: Vec<Change>,
    /// The files written or removed.
    pub files: Vec<String>,
}

/// `services[3]` → `services/1.4`: the entry by its id, which stays when entries move.
pub fn entry_key(c: &Catalog, base: &str) -> Option<String> {
    let (list, rest) = base.split_once('[')?;
    let i: usize = rest.strip_suffix(']')?.parse().ok()?;
    let id = match list {
        "services" => &c.services.get(i)?.id,
        "agencies" => &c.agencies.get(i)?.id,
        "units" => &c.units.get(i)?.id,
        "topics" => &c.topics.get(i)?.id,
        "districts" => &c.districts.get(i)?.id,
        _ => return None,
    };
    Some(format!("{list}/{id}"))
}

/// Where the entry `key` is in `doc` (`services[3]`), found by its id.
pub fn base_in(doc: &Doc, key: &str) -> Option<String> {
    let (list, id) = key.split_once('/')?;
    let n = doc.node(list)?.len;
    (0..n)
        .map(|i| format!("{list}[{i}]"))
        .find(|b| doc.text(&format!("{b}.id")) == Some(id))
}

/// The bytes of the value at `path` in `doc`, as written.
pub fn raw_of(doc: &Doc, path: &str) -> Option<String> {
    let n = doc.node(path)?;
    n.scalar.as_ref()?;
    Some(doc.src[n.start..n.end].to_string())
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).to_string())
}

/// Whether the history is kept by git: the site folder is inside a git work tree.
pub fn uses_git(root: &Path) -> bool {
    git(root, &["rev-parse", "--is-inside-work-tree"]).is_some_and(|o| o.trim() == "true")
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Keeps what a save wrote: a commit, or lines of the journal. Returns a problem in
/// words when it could not (the save itself stands).
pub fn record(root: &Path, saved: &Saved) -> Result<(), String> {
    if uses_git(root) {
        return commit(root, saved);
    }
    if saved.changes.is_empty() {
        return Ok(());
    }
    let mut lines = String::new();
    let time = now();
    for c in &saved.changes {
        let c = Change { time, ..c.clone() };
        lines.push_str(&serde_json::to_string(&c).map_err(|e| e.to_string())?);
        lines.push('\n');
    }
    use std::io::Write;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(root.join(JOURNAL))
        .and_then(|mut f| f.write_all(lines.as_bytes()))
        .map_err(|e| format!("{JOURNAL}: {e}"))
}

/// One commit of the files the save wrote, its message naming the entry and fields.
fn commit(root: &Path, saved: &Saved) -> Result<(), String> {
    let fields: Vec<&str> = saved.changes.iter().map(|c| c.field.as_str()).collect();
    // The entry by its kind and id (`service 1.4`), as the project's commits name it.
    let name = match saved.entry.split_once('/') {
        Some((list, id)) => {
            let kind = match list {
                "agencies" => "agency",
                other => other.strip_suffix('s').unwrap_or(other),
            };
            format!("{kind} {id}")
        }
        None => saved.title.clone(),
    };
    let mut message = if fields.is_empty() {
        format!("Edit {name} in ccu serve")
    } else {
        format!("Edit {name}: {}", fields.join(", "))
    };
    message.push_str("\n\n");
    if !saved.entry.is_empty() {
        message.push_str(&format!("Ccu-Entry: {}\n", saved.entry));
    }
    for f in &fields {
        message.push_str(&format!("Ccu-Field: {f}\n"));
    }
    let mut add = vec!["add", "-A", "--"];
    add.extend(saved.files.iter().map(String::as_str));
    git(root, &add).ok_or("git add failed")?;
    let mut args = vec!["commit", "--quiet", "--only", "-m", &message, "--"];
    args.extend(saved.files.iter().map(String::as_str));
    git(root, &args)
        .map(|_| ())
        .ok_or_else(|| "git commit failed (is user.name and user.email set in git config?)".into())
}

/// The entry's recent changes, newest first.
pub fn recent(root: &Path, entry: &str) -> Vec<Change> {
    if uses_git(root) {
        from_git(root, entry)
    } else {
        from_journal(root, entry)
    }
}

fn from_journal(root: &Path, entry: &str) -> Vec<Change> {
    let text = std::fs::read_to_string(root.join(JOURNAL)).unwrap_or_default();
    let mut out: Vec<Change> = text
        .lines()
        .enumerate()
        .filter_map(|(i, l)| {
            let mut c: Change = serde_json::from_str(l).ok()?;
            c.id = format!("j{i}");
            Some(c)
        })
        .filter(|c| c.entry == entry)
        .collect();
    out.reverse();
    out.truncate(RECENT);
    out
}

fn from_git(root: &Path, entry: &str) -> Vec<Change> {
    let grep = format!("--grep=Ccu-Entry: {entry}");
    let log = git(
        root,
        &[
            "log",
            "-n",
            "40",
            "-F",
            &grep,
            "--format=%H%x1f%P%x1f%at%x1f%an%x1f%B%x1e",
            "--",
            catalog::FILE,
        ],
    )
    .unwrap_or_default();
    let mut out = Vec::new();
    for rec in log.split('\x1e') {
        let parts: Vec<&str> = rec.trim_start_matches('\n').splitn(5, '\x1f').collect();
        let [hash, parents, time, author, body] = parts.as_slice() else {
            continue;
        };
        if !body
            .lines()
            .any(|l| l.trim() == format!("Ccu-Entry: {entry}"))
        {
            continue;
        }
        let fields: Vec<&str> = body
            .lines()
            .filter_map(|l| l.trim().strip_prefix("Ccu-Field: "))
            .collect();
        let parent = parents.split(' ').next().filter(|p| !p.is_empty());
        let at = |rev: Option<&str>| {
            let src = git(root, &["show", &format!("{}:./{}", rev?, catalog::FILE)])?;
            Doc::parse(&src).ok()
        };
        let (before, after) = (at(parent), at(Some(hash)));
        let value = |doc: &Option<Doc>, field: &str| {
            let doc = doc.as_ref()?;
            let base = base_in(doc, entry)?;
            let path = format!("{base}.{field}");
            Some((doc.value(&path)?, raw_of(doc, &path)))
        };
        for field in fields {
            let old = value(&before, field);
            out.push(Change {
                id: format!("g{hash}:{field}"),
                time: time.parse().unwrap_or(0),
                entry: entry.to_string(),
                field: field.to_string(),
                old_raw: old.as_ref().and_then(|(_, r)| r.clone()),
                old: old.map(|(v, _)| v),
                new: value(&after, field).map(|(v, _)| v),
                author: author.to_string(),
            });
        }
        if out.len() >= RECENT {
            break;
        }
    }
    out.truncate(RECENT);
    out
}

/// The bytes a value had before a recent change of this field, where the value is
/// that one again (an undo, or a value retyped as it was): written so, the file is
/// byte for byte as it was.
pub fn raw_for(history: &[Change], field: &str, value: &Value) -> Option<String> {
    history
        .iter()
        .find(|c| c.field == field && c.old.as_ref() == Some(value))
        .and_then(|c| c.old_raw.clone())
}

/// `text` with the value at `path` written as `raw`, where that reads back as the same
/// value and nothing else changes; else `text` as it was.
pub fn with_raw(text: String, path: &str, raw: &str) -> String {
    let Ok(doc) = Doc::parse(&text) else {
        return text;
    };
    let Some(n) = doc.node(path) else {
        return text;
    };
    let want = doc.value(path);
    let mut out = text.clone();
    out.replace_range(n.start..n.end, raw);
    let same = Doc::parse(&out).is_ok_and(|again| {
        again.value(path) == want
            && again.paths().count() == doc.paths().count()
            && doc
                .scalars()
                .all(|(p, _)| p == path || again.value(p) == doc.value(p))
    });
    if same { out } else { text }
}

/// `2026-12-03 18:40 UTC` for a time in seconds.
pub fn when(time: i64) -> String {
    let days = time.div_euclid(86_400);
    let secs = time.rem_euclid(86_400);
    // Howard Hinnant's civil-from-days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{d:02}.{m:02}.{y} {:02}:{:02} UTC",
        secs / 3600,
        secs % 3600 / 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_dates_day_first() {
        assert_eq!(when(0), "01.01.1970 00:00 UTC");
        assert_eq!(
            when(1_796_256_000 + 18 * 3600 + 40 * 60),
            "03.12.2026 18:40 UTC"
        );
    }

    #[test]
    fn a_value_is_put_back_in_its_old_quotes() {
        let text = "a:\n  b: Foo\n  c: x\n".to_string();
        assert_eq!(
            with_raw(text.clone(), "a.b", "\"Foo\""),
            "a:\n  b: \"Foo\"\n  c: x\n"
        );
        assert_eq!(
            with_raw(text.clone(), "a.b", "\"Bar\""),
            text,
            "not another value"
        );
    }
}
