//! `catalog.yaml`: the programme, agencies, services, units and districts.
//!
//! serde_yaml is used only here (it is archived; keeping it behind this loader
//! means it can be swapped without touching the rest).

mod baku;
mod chars;
mod depth;
mod model;
pub mod places;
mod spans;
mod splice;
pub mod translit;
mod tree;
mod validate;

pub use crate::text::{is_date, is_slug};
pub use validate::{checked_date, is_year, quote_problem};

pub use model::*;
pub use places::Place;
pub use spans::Spans;
pub use splice::Parsed;
pub use tree::{Tree, plain_is_text, read_tree};

use crate::diag::Diagnostic;
use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};
use std::path::Path;

pub const FILE: &str = "catalog.yaml";
/// Larger catalogs are refused rather than read: a national catalog of
/// thousands of services is a few MiB; anything beyond this is a mistake or an attack.
pub const MAX_BYTES: u64 = 32 * 1024 * 1024;

const SECTIONS: [&str; 8] = [
    "site",
    "programme",
    "audiences",
    "topics",
    "agencies",
    "services",
    "units",
    "districts",
];

/// Reads and validates `ROOT/catalog.yaml`. Returns the catalog when it could be
/// read at all; every problem found goes into `diags`.
pub fn load(root: &Path, strict: bool, diags: &mut Vec<Diagnostic>) -> Option<Catalog> {
    let source = crate::files::read_text(root, Path::new(FILE), MAX_BYTES, diags)?;
    load_text(root, &source, strict, diags)
}

/// [`load`] for catalog text not (yet) on disk: the editor checks a change before writing it.
pub fn load_text(
    root: &Path,
    source: &str,
    strict: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Catalog> {
    let value = parse_yaml(source, FILE, diags)?;
    load_tree(root, source, &value, strict, diags)
}

/// [`load`] after an edit, for `ccu serve`: where the text changed inside one service
/// only since `previous` (the last load's text and tree), only that service is parsed
/// again (its tree becomes this load's). Returns this load's text and tree too, for
/// the next edit.
pub fn load_after(
    root: &Path,
    previous: Option<Parsed>,
    strict: bool,
    diags: &mut Vec<Diagnostic>,
) -> (Option<Catalog>, Option<Parsed>) {
    let Some(text) = crate::files::read_text(root, Path::new(FILE), MAX_BYTES, diags) else {
        return (None, None);
    };
    let (tree, entries) = match previous.and_then(|p| splice::reparse(p, &text)) {
        Some((tree, entries)) => (tree, Some(entries)),
        None => match parse_yaml(&text, FILE, diags) {
            Some(tree) => (tree, None),
            None => return (None, None),
        },
    };
    let catalog = load_tree(root, &text, &tree, strict, diags);
    (
        catalog,
        Some(Parsed {
            text,
            tree,
            entries,
        }),
    )
}

/// Reads the catalog from its parsed tree and checks it, with the places beside it.
fn load_tree(
    root: &Path,
    source: &str,
    value: &Value,
    strict: bool,
    diags: &mut Vec<Diagnostic>,
) -> Option<Catalog> {
    let spans = Spans::of(source);
    let start = diags.len();
    let mut catalog = from_value(value, source, FILE, &spans, diags);
    if let Some(c) = &mut catalog {
        validate::validate(c, &spans, strict, diags);
        let places = places::load(root, c, diags);
        c.baku_without_settlements = baku::without_settlements(root, &places);
        c.places = places;
        c.foreign_names = places::foreign(root);
    }
    name_places(value, &mut diags[start..]);
    catalog
}

/// The one problem to report when `root` is not a site folder at all (instead of one
/// "does not exist" for each file the site is made of).
pub fn not_a_site(root: &Path) -> Option<Diagnostic> {
    // Anything by that name (a pipe too) is the site's; read_text says what is wrong with it.
    if std::fs::symlink_metadata(root.join(FILE)).is_ok() {
        return None;
    }
    let shown = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    Some(
        Diagnostic::error("", format!("no {FILE} in {}", shown.display())).help(
            "run ccu from the site folder (the one holding catalog.yaml, content/ and themes/) or give --root",
        ),
    )
}

/// Parses catalog text; schema problems are collected per item so that one run reports them all.
pub fn parse(source: &str, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Catalog> {
    let start = diags.len();
    let value = parse_yaml(source, file, diags)?;
    let catalog = from_value(&value, source, file, &Spans::of(source), diags);
    name_places(&value, &mut diags[start..]);
    catalog
}

fn parse_yaml(source: &str, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    if let Some(d) = too_deep(file, source, 0) {
        diags.push(d);
        return None;
    }
    match serde_yaml::from_str(source) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(yaml_error(file, source, &e, 0));
            None
        }
    }
}

fn from_value(
    root: &Value,
    source: &str,
    file: &str,
    spans: &Spans,
    diags: &mut Vec<Diagnostic>,
) -> Option<Catalog> {
    let Value::Mapping(map) = root else {
        diags.push(
            Diagnostic::error(file, "the catalog must be a mapping of sections")
                .at(1, 1)
                .help(format!(
                    "start the file with the sections {}",
                    SECTIONS.join(", ")
                )),
        );
        return None;
    };
    let before = diags.iter().filter(|d| d.is_error()).count();
    for key in map.keys() {
        let name = key.as_str().unwrap_or_default();
        if !SECTIONS.contains(&name) {
            let (l, c) = spans.find(name).unwrap_or((0, 0));
            diags.push(
                Diagnostic::error(file, format!("unknown section `{}`", describe(key)))
                    .at(l, c)
                    .path(name)
                    .help(format!("the sections are {}", SECTIONS.join(", "))),
            );
        }
    }
    chars::check(root, "", spans, file, diags);
    let cx = Cx {
        map,
        spans,
        source,
        file,
    };
    let site = cx.one("site", diags);
    let programme = cx.one("programme", diags);
    let audiences = cx.list("audiences", diags);
    let topics = cx.list("topics", diags);
    let agencies = cx.list("agencies", diags);
    let services = cx.list("services", diags);
    let units = cx.list("units", diags);
    let districts = cx.list("districts", diags);
    if diags.iter().filter(|d| d.is_error()).count() > before {
        return None;
    }
    Some(Catalog {
        site: site?,
        programme: programme?,
        audiences: audiences?,
        topics: topics?,
        agencies: agencies?,
        services: services?,
        units: units?,
        districts: districts?,
        places: Vec::new(),
        foreign_names: Vec::new(),
        baku_without_settlements: Vec::new(),
        foreign_keys: Default::default(),
    })
}

/// What an editor calls each kind of list entry.
const ENTRY_NAMES: [(&str, &str); 7] = [
    ("audiences", "audience"),
    ("topics", "topic"),
    ("agencies", "agency"),
    ("services", "service"),
    ("units", "unit"),
    ("districts", "district"),
    ("programme.channels", "channel"),
];

/// Names each problem's place as the editor sees it in the file: `service 1.3, name.ru`
/// rather than `services[2].name.ru` (an editor counts no list from zero).
fn name_places(root: &Value, diags: &mut [Diagnostic]) {
    for d in diags.iter_mut().filter(|d| !d.path.is_empty()) {
        if let Some(place) = place(root, &d.path) {
            d.place = place;
        }
    }
}

/// How `ccu check` names each of these field paths of catalog text (`service 1.4,
/// description.ru`); None where a path reads well as it is or the text cannot be read.
pub fn place_names(source: &str, paths: &[&str]) -> Vec<Option<String>> {
    match serde_yaml::from_str::<Value>(source) {
        Ok(root) => paths.iter().map(|p| place(&root, p)).collect(),
        Err(_) => vec![None; paths.len()],
    }
}

fn place(root: &Value, path: &str) -> Option<String> {
    let (list, entry) = ENTRY_NAMES
        .iter()
        .find(|(list, _)| path.starts_with(&format!("{list}[")))?;
    let rest = &path[list.len() + 1..];
    let (index, rest) = rest.split_once(']')?;
    let index: usize = index.parse().ok()?;
    let items = list.split('.').try_fold(root, |v, key| v.get(key))?;
    let id = items.get(index).and_then(|item| item.get("id"));
    let mut out = match id.map(describe) {
        Some(id) if !id.is_empty() => format!("{entry} {id}"),
        _ => format!("{entry} number {} under `{list}`", index + 1),
    };
    // Inside an entry, positions in short lists add nothing the line does not show.
    let field: String = rest
        .trim_start_matches('.')
        .split('[')
        .map(|part| part.split_once(']').map_or(part, |(_, after)| after))
        .collect();
    if !field.is_empty() {
        out = format!("{out}, {field}");
    }
    Some(out)
}

struct Cx<'a> {
    map: &'a Mapping,
    spans: &'a Spans<'a>,
    source: &'a str,
    file: &'a str,
}

impl Cx<'_> {
    fn get(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<&Value> {
        let v = self.map.get(key);
        if v.is_none() {
            diags.push(
                Diagnostic::error(self.file, format!("the section `{key}` is missing"))
                    .at(1, 1)
                    .path(key)
                    .help(format!(
                        "add a top-level `{key}:` section (see the README's schema)"
                    )),
            );
        }
        v
    }

    fn one<T: DeserializeOwned>(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<T> {
        let v = self.get(key, diags)?;
        self.item(v, key, diags)
    }

    fn list<T: DeserializeOwned>(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Vec<T>> {
        let v = self.get(key, diags)?;
        let Value::Sequence(items) = v else {
            let (l, c) = self.spans.find(key).unwrap_or((0, 0));
            diags.push(
                Diagnostic::error(self.file, format!("`{key}` must be a list"))
                    .at(l, c)
                    .path(key)
                    .help("write each entry on its own line starting with `- `"),
            );
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        let mut ok = true;
        for (i, item) in items.iter().enumerate() {
            match self.item(item, &format!("{key}[{i}]"), diags) {
                Some(t) => out.push(t),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    fn item<T: DeserializeOwned>(
        &self,
        v: &Value,
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<T> {
        match serde_path_to_error::deserialize::<_, T>(v) {
            Ok(t) => Some(t),
            Err(e) => {
                let inner = e.path().to_string();
                let mut full = if inner == "." || inner.is_empty() {
                    path.to_string()
                } else {
                    format!("{path}.{inner}")
                };
                let msg = e.inner().to_string();
                // "unknown field `rus`": point at the field itself.
                if let Some(f) = backticked(&msg).filter(|_| msg.starts_with("unknown field"))
                    && !full.ends_with(&format!(".{f}"))
                {
                    full = format!("{full}.{f}");
                }
                let (l, c) = self.spans.find(&full).unwrap_or((0, 0));
                let d = match number_for_text(&msg, self.source, l) {
                    Some((number, field)) => Diagnostic::error(
                        self.file,
                        format!("`{number}` is read as a number, but this field takes text"),
                    )
                    .help(format!("write it in quotes: {field}\"{number}\"")),
                    None => {
                        Diagnostic::error(self.file, clean_message(&msg)).help(schema_help(&msg))
                    }
                };
                diags.push(d.at(l, c).path(full));
                None
            }
        }
    }
}

/// For "invalid type: floating point `1.3`, expected a string" (an id written `id: 1.3`):
/// the value as the editor typed it on `line`, and the field's name with its colon (`id: `).
fn number_for_text(msg: &str, source: &str, line: usize) -> Option<(String, String)> {
    let number = ["floating point", "integer"]
        .iter()
        .any(|kind| msg.starts_with(&format!("invalid type: {kind} `")))
        .then(|| backticked(msg))??;
    if !msg.ends_with("expected a string") {
        return None;
    }
    let text = source.lines().nth(line.checked_sub(1)?)?;
    let field = text
        .split_once(": ")
        .filter(|(_, value)| value.trim() == number || value.trim().parse::<f64>().is_ok())
        .map(|(key, value)| {
            let key = key.trim_start().trim_start_matches("- ");
            (value.trim().to_string(), format!("{key}: "))
        });
    Some(field.unwrap_or((number, String::new())))
}

fn backticked(msg: &str) -> Option<String> {
    let start = msg.find('`')? + 1;
    let end = start + msg[start..].find('`')?;
    Some(msg[start..end].to_string())
}

fn describe(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}

/// serde's wording, made plainer for editors.
fn clean_message(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    if let Some(f) = msg.strip_prefix("missing field ") {
        return format!("the field {f} is missing");
    }
    msg.to_string()
}

fn schema_help(msg: &str) -> String {
    if msg.starts_with("unknown field") {
        "check the spelling of the field name; the README lists the fields each entry takes".into()
    } else if msg.starts_with("missing field") {
        "add the field; the README lists the fields each entry takes".into()
    } else if msg.starts_with("invalid type") {
        "write the value in the form the README's schema gives (text in quotes, lists with `- `)"
            .into()
    } else if msg.starts_with("unknown variant") {
        "use one of the values the message lists".into()
    } else {
        "compare the entry with the README's schema".into()
    }
}

/// Refuses YAML nested deeper than any real file before the (slow) parser sees it.
/// `offset` is the number of lines before `source` in `file` (front matter).
pub fn too_deep(file: &str, source: &str, offset: usize) -> Option<Diagnostic> {
    let (line, col) = depth::too_deep(source)?;
    Some(
        Diagnostic::error(
            file,
            format!(
                "this is nested more than {} levels deep, which is refused",
                depth::MAX_DEPTH
            ),
        )
        .at(line + offset, col)
        .help("close the brackets opened on this line, or indent less; no catalog needs so many levels"),
    )
}

/// A YAML syntax error in words an editor can act on. `offset` is the number of lines
/// before `source` in the file (front matter starts on line 2).
pub(crate) fn yaml_error(
    file: &str,
    source: &str,
    e: &serde_yaml::Error,
    offset: usize,
) -> Diagnostic {
    let (l, c) = e
        .location()
        .map(|loc| (loc.line(), loc.column()))
        .unwrap_or((0, 0));
    let full = e.to_string();
    let problem = full.split(" at line ").next().unwrap_or(&full).to_string();
    if let Some((ql, qc, quote)) = unclosed_quote(source, l) {
        return Diagnostic::error(
            file,
            format!("a quote is not closed: the text that starts with {quote} here has no closing {quote}"),
        )
        .at(ql + offset, qc)
        .help(format!("end the text with {quote} on this line"));
    }
    if problem.starts_with("mapping values are not allowed") {
        return colon_in_value(file, source, l, c).at(l + offset, c);
    }
    // libyaml notices an unclosed bracket where the next thing starts; the line
    // an editor must fix is where the unclosed thing began ("while parsing a flow sequence at line 5").
    let opened = full.split_once(", while parsing ").and_then(|(_, ctx)| {
        let (what, pos) = ctx.split_once(" at line ")?;
        let (line, col) = pos.split_once(" column ")?;
        let unclosed = what.contains("flow") || what.contains("quoted") || what.contains("scalar");
        let pos: (usize, usize) = (line.trim().parse().ok()?, col.trim().parse().ok()?);
        unclosed.then(|| (what.to_string(), pos.0, pos.1))
    });
    match opened {
        Some((what, ol, oc)) => Diagnostic::error(
            file,
            format!(
                "this is not valid YAML: {what} that starts here is not closed ({problem} at line {})",
                l + offset
            ),
        )
        .at(ol + offset, oc)
        .help("close the bracket or quote opened on this line"),
        None => Diagnostic::error(file, format!("this is not valid YAML: {problem}"))
            .at(l + offset, c)
            .help("check the indentation and the quotes on this line and the line before it"),
    }
}

/// `en: Note: call first`: the second `: ` starts a field in YAML. Says so, and shows the
/// line with the text in quotes.
fn colon_in_value(file: &str, source: &str, line: usize, column: usize) -> Diagnostic {
    let text = source.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let quoted = text.split_once(": ").map(|(key, value)| {
        let value = value.trim().replace('\\', "\\\\").replace('"', "\\\"");
        format!("{}: \"{value}\"", key.trim())
    });
    let d = Diagnostic::error(
        file,
        format!(
            "this text contains `: ` (column {column}), which YAML reads as the start of a new field"
        ),
    );
    match quoted {
        Some(q) => d.help(format!("put the text in quotes: {q}")),
        None => d.help("put the text in quotes"),
    }
}

/// The last line, up to `upto`, where a quoted text opens and does not close, provided that
/// closing it there mends or moves the error: libyaml reads an unclosed quote on into the
/// following lines and reports the fault where it ends, often ten lines further down.
/// Returns (line, column, the quote mark shown in backquotes).
fn unclosed_quote(source: &str, upto: usize) -> Option<(usize, usize, String)> {
    let lines: Vec<&str> = source.lines().collect();
    let upto = upto.min(lines.len());
    (0..upto)
        .rev()
        .filter_map(|i| open_quote(lines[i]).map(|(col, q)| (i, col, q)))
        .take(3)
        .find(|&(i, _, q)| {
            let mut mended = lines.clone();
            let closed = format!("{}{q}", lines[i].trim_end());
            mended[i] = &closed;
            match serde_yaml::from_str::<Value>(&mended.join("\n")) {
                Ok(_) => true,
                Err(e) => e.location().is_some_and(|loc| loc.line() > upto),
            }
        })
        .map(|(i, col, q)| (i + 1, col, format!("`{q}`")))
}

/// Where a quoted text opens on this line without closing on it: (1-based column, quote mark).
/// A quote counts only where YAML starts a value: at the line's start or after `:`, `-`, `[`,
/// `{` or `,` (an apostrophe inside plain text, as in `martyrs' families`, is no quote).
fn open_quote(line: &str) -> Option<(usize, char)> {
    let chars: Vec<char> = line.chars().collect();
    let mut prev: Option<char> = None;
    let mut open: Option<(usize, char)> = None;
    let mut i = 0;
    while i < chars.len() {
        let ch = chars[i];
        match open {
            Some((_, '"')) if ch == '\\' => i += 1,
            Some((_, '\'')) if ch == '\'' && chars.get(i + 1) == Some(&'\'') => i += 1,
            Some((_, q)) if ch == q => {
                open = None;
                prev = Some(ch);
            }
            Some(_) => {}
            None if ch == '#' && (i == 0 || chars[i - 1].is_whitespace()) => break,
            None if matches!(ch, '"' | '\'')
                && matches!(prev, None | Some(':' | '-' | '[' | '{' | ',' | '?')) =>
            {
                open = Some((i, ch));
            }
            None if !ch.is_whitespace() => prev = Some(ch),
            None => {}
        }
        i += 1;
    }
    open.map(|(i, q)| (i + 1, q))
}
