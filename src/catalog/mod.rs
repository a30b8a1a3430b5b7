//! `catalog.yaml`: the programme, agencies, services, units and districts.
//!
//! serde_yaml is used only here (it is archived; keeping it behind this loader
//! means it can be swapped without touching the rest).

mod depth;
mod model;
mod spans;
mod validate;

pub use validate::{is_date, is_slug};

pub use model::*;
pub use spans::Spans;

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
    let source = crate::content::read_text(root, Path::new(FILE), MAX_BYTES, diags)?;
    let spans = Spans::of(&source);
    let catalog = parse_with(&source, FILE, &spans, diags)?;
    validate::validate(&catalog, &spans, strict, diags);
    Some(catalog)
}

/// Parses catalog text; schema problems are collected per item so that one run reports them all.
pub fn parse(source: &str, file: &str, diags: &mut Vec<Diagnostic>) -> Option<Catalog> {
    parse_with(source, file, &Spans::of(source), diags)
}

fn parse_with(
    source: &str,
    file: &str,
    spans: &Spans,
    diags: &mut Vec<Diagnostic>,
) -> Option<Catalog> {
    if let Some(d) = too_deep(file, source, 0) {
        diags.push(d);
        return None;
    }
    let root: Value = match serde_yaml::from_str(source) {
        Ok(v) => v,
        Err(e) => {
            diags.push(yaml_error(file, &e));
            return None;
        }
    };
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
    let cx = Cx {
        map: &map,
        spans,
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
    })
}

struct Cx<'a> {
    map: &'a Mapping,
    spans: &'a Spans<'a>,
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
                diags.push(
                    Diagnostic::error(self.file, clean_message(&msg))
                        .at(l, c)
                        .path(full)
                        .help(schema_help(&msg)),
                );
                None
            }
        }
    }
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

fn yaml_error(file: &str, e: &serde_yaml::Error) -> Diagnostic {
    let (l, c) = e
        .location()
        .map(|loc| (loc.line(), loc.column()))
        .unwrap_or((0, 0));
    let full = e.to_string();
    let problem = full.split(" at line ").next().unwrap_or(&full).to_string();
    // libyaml notices an unclosed bracket or quote where the next thing starts; the line
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
            format!("this is not valid YAML: {what} that starts here is not closed ({problem} at line {l})"),
        )
        .at(ol, oc)
        .help("close the bracket or quote opened on this line"),
        None => Diagnostic::error(file, format!("this is not valid YAML: {problem}"))
            .at(l, c)
            .help("check the indentation and the quotes on this line and the line before it"),
    }
}
