//! The fields of an editor's form: which values of an entry it shows, as what kind
//! of input, and how what the editor sent becomes changes to the file.

use super::yaml::{Change, Doc, Shape, Value};
use crate::catalog::Catalog;
use crate::lang::Lang;

/// What kind of input a value gets.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// A text in one language (a text area).
    Text,
    /// A short value on one line.
    Line,
    /// `YYYY-MM-DD`.
    Date,
    /// `YYYY-MM-DD`, or `YYYY-MM` where only the month is known.
    Checked,
    /// A web address.
    Url,
    /// A list, one item a line.
    Lines,
    /// One of these (value, label).
    Choice(Vec<(String, String)>),
    /// Any of these (value, label).
    Choices(Vec<(String, String)>),
}

#[derive(Clone, Debug)]
pub struct Field {
    /// The value's path in the file (`services[3].description.ru`): the input's name.
    pub path: String,
    /// What the fieldset it belongs to is called (`Description`, `Facts › How it works › 1`).
    pub group: String,
    pub label: String,
    pub kind: Kind,
    /// The language the value is written in, if it is one of a text's three.
    pub lang: Option<Lang>,
    /// The value in the file; None where the key is not there yet.
    pub value: Option<Value>,
    /// Why the value cannot be changed here, where it cannot.
    pub fixed: Option<String>,
    /// What the editor sent, when it is shown again (after an error or a conflict).
    pub sent: Option<Value>,
    /// The problem with the value sent, in plain words.
    pub error: Option<String>,
    /// A note under the field (a value that is shared, a value not saved).
    pub note: Option<String>,
}

/// What saving the form does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Action {
    /// Changes the values of an entry or guide.
    #[default]
    Edit,
    /// Adds a new entry.
    Add,
    /// Removes the entry (the form only confirms).
    Delete,
}

/// One form: an entry of the catalog or a guide.
#[derive(Clone, Debug, Default)]
pub struct Form {
    pub action: Action,
    /// Where the entry can be deleted, for a form that edits one that can.
    pub delete: Option<String>,
    /// What a confirmation says will happen, where the general words do not fit.
    pub explain: Option<String>,
    /// `Service 1.4`.
    pub title: String,
    /// The page the form edits, where a save leads back to.
    pub page: String,
    /// The files the form writes, for the editor to know.
    pub files: Vec<String>,
    pub fields: Vec<Field>,
    /// Problems not tied to one field.
    pub errors: Vec<String>,
    /// A message at the top (a conflict).
    pub notice: Option<String>,
}

impl Form {
    /// The value each field takes from what was sent (`name=value` pairs); a field
    /// not sent keeps its value, except a group of checkboxes (none ticked sends nothing).
    pub fn take(&mut self, sent: &[(String, String)]) {
        for f in self.fields.iter_mut().filter(|f| f.fixed.is_none()) {
            let mut values = sent
                .iter()
                .filter(|(k, _)| *k == f.path)
                .map(|(_, v)| v.replace("\r\n", "\n"));
            f.sent = match &f.kind {
                Kind::Choices(_) => {
                    // Ticked boxes come in the form's order; the file's order is kept for
                    // those it had, and new ones follow.
                    let ticked: Vec<String> = values.map(|v| v.trim().to_string()).collect();
                    let had = match &f.value {
                        Some(Value::List(l)) => l.clone(),
                        _ => Vec::new(),
                    };
                    let mut list: Vec<String> =
                        had.iter().filter(|v| ticked.contains(v)).cloned().collect();
                    list.extend(ticked.into_iter().filter(|v| !had.contains(v)));
                    Some(Value::List(list))
                }
                Kind::Lines => values.next().map(|v| {
                    Value::List(
                        v.lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .map(String::from)
                            .collect(),
                    )
                }),
                Kind::Text => values.next().map(|v| Value::Scalar(v.trim().to_string())),
                _ => values.next().map(|v| Value::Scalar(v.trim().to_string())),
            };
        }
    }

    /// The changes the sent values make: only values that differ from the file's.
    pub fn changes(&self) -> Vec<Change> {
        self.fields
            .iter()
            .filter(|f| f.fixed.is_none())
            .filter_map(|f| {
                let sent = f.sent.clone()?;
                let empty = match &sent {
                    Value::Scalar(s) => s.is_empty(),
                    Value::List(l) => l.is_empty(),
                };
                let same = match (&f.value, &sent) {
                    (Some(Value::Scalar(old)), Value::Scalar(new)) => old.trim() == new,
                    (Some(old), _) => *old == sent,
                    (None, _) => empty,
                };
                (!same).then(|| Change {
                    path: f.path.clone(),
                    value: sent,
                })
            })
            .collect()
    }

    /// Puts a problem found at `path` (a check's field path) on the field it is about;
    /// returns false when no field of this form is.
    pub fn blame(&mut self, path: &str, message: &str) -> bool {
        let within = |outer: &str, inner: &str| {
            inner == outer
                || inner.starts_with(&format!("{outer}."))
                || inner.starts_with(&format!("{outer}["))
        };
        let field = self
            .fields
            .iter_mut()
            .filter(|f| f.fixed.is_none())
            .find(|f| within(&f.path, path));
        match field {
            Some(f) => {
                f.error = Some(message.to_string());
                true
            }
            None => {
                // A problem with a whole text (`….description`) goes to its first language.
                match self
                    .fields
                    .iter_mut()
                    .find(|f| f.fixed.is_none() && within(path, &f.path))
                {
                    Some(f) => {
                        f.error = Some(message.to_string());
                        true
                    }
                    None => false,
                }
            }
        }
    }

    /// Refuses, at its field, a changed value that cannot be written as it is: a character
    /// YAML readers take differently, a control character, or a line break in a one-line
    /// value. `free` says which fields are no YAML values (a guide's Markdown text).
    pub fn refuse_unfit(&mut self, changes: &[Change], free: impl Fn(&str) -> bool) {
        for change in changes {
            let Some(f) = self.fields.iter().find(|f| f.path == change.path) else {
                continue;
            };
            let one_line = f.kind != Kind::Text;
            let problem = match &change.value {
                Value::Scalar(_) if free(&change.path) => None,
                Value::Scalar(v) => unfit(v, one_line),
                Value::List(items) => items.iter().find_map(|v| unfit(v, true)),
            };
            if let Some(p) = problem {
                self.blame(&change.path, &p);
            }
        }
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.fields.iter().any(|f| f.error.is_some())
    }
}

/// Why `v` cannot be saved as it is, in words; None when it can.
pub fn unfit(v: &str, one_line: bool) -> Option<String> {
    if one_line && v.contains('\n') {
        return Some("write this on one line: it holds a line break".into());
    }
    let c = v.chars().find(|&c| {
        super::yaml::disputed(c)
            || (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    })?;
    let code = format!("U+{:04X}", c as u32);
    Some(match c {
        '\u{2028}' | '\u{2029}' | '\u{85}' => {
            let name = match c {
                '\u{2028}' => "a line separator",
                '\u{2029}' => "a paragraph separator",
                _ => "a next-line character",
            };
            format!(
                "this holds {name} ({code}), an invisible character that YAML readers disagree about (`ccu check` would read a line break there): delete it{}",
                if one_line {
                    ""
                } else {
                    ", or press Enter for a new line"
                }
            )
        }
        '\u{feff}' => format!(
            "this holds a byte-order mark ({code}), an invisible character that YAML readers disagree about: delete it"
        ),
        _ => format!(
            "this holds the invisible character {code}, which a page cannot show: delete it"
        ),
    })
}

/// What a key is called in the form.
fn label(key: &str) -> String {
    let known = match key {
        "name" => "Name in the decree",
        "title" => "Plain title",
        "description" => "Description",
        "short_name" => "Short name",
        "keywords" => "Keywords (one a line)",
        "facts" => "Facts",
        "who" => "Who can apply",
        "how" => "How it works",
        "documents" => "What you need",
        "cost" => "What it costs",
        "time" => "How long it takes",
        "where" => "Where else you can apply",
        "law" => "The law",
        "text" => "Text",
        "source" => "Source (web address)",
        "checked" => "Checked (YYYY-MM-DD, or YYYY-MM)",
        "match" => "How closely the source matches",
        "quote" => "Quote from the source (not shown on the page)",
        "agency" => "Agency",
        "topic" => "Topic",
        "audiences" => "Audiences",
        "updated" => "Last updated (YYYY-MM-DD)",
        "note" => "Note",
        "caution" => "What to know before going (said wherever the unit is named)",
        "plural" => "The name is plural (several centres)",
        "addresses" => "Address",
        "districts" => "Districts served",
        "baku_districts" => "Baku districts served (one a line)",
        "seat" => "Seat (the district that places it on the map)",
        "kind" => "Kind",
        "slug" => "Address on the site (slug)",
        "same_name_as" => "Same name in the decree as service",
        "id" => "Id",
        "spellings" => "Other spellings (one a line)",
        "parent" => "Part of",
        "lat" => "Latitude",
        "lon" => "Longitude",
        "inferred" => "Unit inferred (not listed in the decree's annex)",
        "straight_line_misleads" => "The road is much longer than the straight line",
        other => other,
    };
    known.to_string()
}

/// `facts.how[1].text` → `Facts › How it works › 2 › Text` (editors count from 1).
fn group_label(rel: &str) -> String {
    rel.split('.')
        .flat_map(|part| {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            let mut out = vec![label(key)];
            for i in rest.split('[').filter(|s| !s.is_empty()) {
                let n: usize = i.trim_end_matches(']').parse().unwrap_or(0);
                out.push((n + 1).to_string());
            }
            out
        })
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" › ")
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::Az => "Azerbaijani",
        Lang::En => "English",
        Lang::Ru => "Russian",
    }
}

/// The choices a reference offers: what exists in the catalog.
fn choices(c: &Catalog, section: &str, key: &str) -> Option<Kind> {
    let en = |t: &crate::catalog::Text| t.plain(Lang::En);
    let list: Vec<(String, String)> = match key {
        "agency" => c
            .agencies
            .iter()
            .map(|a| (a.id.clone(), en(&a.name)))
            .collect(),
        "topic" => c
            .topics
            .iter()
            .map(|t| (t.id.clone(), en(&t.name)))
            .collect(),
        "audiences" => c
            .audiences
            .iter()
            .map(|a| (a.id.clone(), en(&a.name)))
            .collect(),
        "districts" | "seat" | "parent" => c
            .districts
            .iter()
            .map(|d| (d.id.clone(), format!("{} ({})", en(&d.name), d.id)))
            .collect(),
        "match" => vec![
            (
                "exact".into(),
                "exact: about this service at the units".into(),
            ),
            (
                "close".into(),
                "close: the same agency's service elsewhere".into(),
            ),
        ],
        "kind" if section == "districts" => ["city", "district", "autonomous-republic"]
            .iter()
            .map(|k| (k.to_string(), k.to_string()))
            .collect(),
        "kind" => vec![
            ("regional".into(), "regional".into()),
            ("dost".into(), "dost".into()),
        ],
        "inferred" | "straight_line_misleads" | "plural" => {
            vec![("false".into(), "no".into()), ("true".into(), "yes".into())]
        }
        _ => return None,
    };
    Some(if matches!(key, "audiences" | "districts") {
        Kind::Choices(list)
    } else {
        Kind::Choice(list)
    })
}

/// The form for the catalog entry at `base` (`services[3]`).
pub fn entry(doc: &Doc, c: &Catalog, base: &str, title: String, page: String) -> Form {
    let mut form = Form {
        title,
        page,
        files: vec![crate::catalog::FILE.to_string()],
        ..Form::default()
    };
    walk(doc, c, base, base, &mut form.fields);
    // Optional texts an entry has not got yet: filled in, they are added to the file.
    let optional: &[&str] = match base.split('[').next() {
        Some("services") => &["title"],
        Some("agencies") => &["short_name"],
        Some("units") => &["note", "caution"],
        _ => &[],
    };
    for key in optional {
        let path = format!("{base}.{key}");
        if doc.node(&path).is_some() {
            continue;
        }
        for lang in Lang::ALL {
            form.fields.push(field(
                format!("{path}.{lang}"),
                format!("{} (not in the file yet)", label(key)),
                format!("{} ({lang})", lang_name(lang)),
                Kind::Text,
                Some(lang),
                None,
            ));
        }
    }
    // A service's date of change, which most have not got yet.
    if base.starts_with("services[") && doc.node(&format!("{base}.updated")).is_none() {
        form.fields.push(field(
            format!("{base}.updated"),
            "General".into(),
            label("updated"),
            Kind::Date,
            None,
            None,
        ));
    }
    if base.starts_with("services[") && doc.shared(&format!("{base}.facts")).is_none() {
        new_fact_fields(c, &mut form.fields);
    }
    let shared = doc.anchored_above(&format!("{base}.facts.x"));
    if let Some(anchor) = shared {
        for f in form
            .fields
            .iter_mut()
            .filter(|f| f.path.starts_with(anchor))
        {
            f.note = Some(
                "Shared: other services show the same value (a YAML anchor), so a change here changes them too."
                    .into(),
            );
        }
    }
    form
}

fn field(
    path: String,
    group: String,
    label: String,
    kind: Kind,
    lang: Option<Lang>,
    value: Option<Value>,
) -> Field {
    Field {
        path,
        group,
        label,
        kind,
        lang,
        value,
        fixed: None,
        sent: None,
        error: None,
        note: None,
    }
}

fn is_langs(keys: &[String]) -> bool {
    !keys.is_empty() && keys.iter().all(|k| Lang::parse(k).is_some())
}

fn walk(doc: &Doc, c: &Catalog, base: &str, path: &str, out: &mut Vec<Field>) {
    let Some(node) = doc.node(path) else { return };
    let rel = path
        .strip_prefix(base)
        .unwrap_or(path)
        .trim_start_matches('.');
    let key = rel
        .rsplit('.')
        .next()
        .unwrap_or("")
        .split('[')
        .next()
        .unwrap_or("");
    let group = if rel.contains('.') || rel.contains('[') {
        group_label(rel.rsplit_once('.').map_or(rel, |(g, _)| g))
    } else {
        "General".to_string()
    };
    match node.shape {
        Shape::BlockMap | Shape::FlowMap if is_langs(&node.keys) => {
            let list = node.keys.iter().any(|k| {
                matches!(
                    doc.node(&format!("{path}.{k}")).map(|n| n.shape),
                    Some(Shape::FlowSeq | Shape::BlockSeq)
                )
            });
            for lang in Lang::ALL {
                let p = format!("{path}.{lang}");
                let kind = if list { Kind::Lines } else { Kind::Text };
                out.push(field(
                    p.clone(),
                    group_label(rel),
                    format!("{} ({lang})", lang_name(lang)),
                    kind,
                    Some(lang),
                    doc.value(&p),
                ));
            }
        }
        Shape::BlockMap | Shape::FlowMap => {
            for k in &node.keys {
                walk(doc, c, base, &format!("{path}.{k}"), out);
            }
        }
        Shape::BlockSeq | Shape::FlowSeq => {
            let scalars = doc.value(path).is_some();
            if scalars {
                let kind =
                    choices(c, base.split('[').next().unwrap_or(""), key).unwrap_or(Kind::Lines);
                out.push(field(
                    path.into(),
                    group,
                    label(key),
                    kind,
                    None,
                    doc.value(path),
                ));
            } else {
                for i in 0..node.len {
                    walk(doc, c, base, &format!("{path}[{i}]"), out);
                }
            }
        }
        Shape::Alias => {
            let mut f = field(path.into(), group, label(key), Kind::Line, None, None);
            let at = doc
                .shared(path)
                .and_then(|(_, anchor)| anchor)
                .map(|a| format!(" ({a}, line {})", doc.node(&a).map_or(0, |n| n.line)))
                .unwrap_or_default();
            f.fixed = Some(format!(
                "Shared with another entry through a YAML alias: edit it where it is written out{at}."
            ));
            out.push(f);
        }
        _ => {
            let kind = choices(c, base.split('[').next().unwrap_or(""), key).unwrap_or(match key {
                "updated" => Kind::Date,
                "checked" => Kind::Checked,
                "source" => Kind::Url,
                "quote" | "text" => Kind::Text,
                _ => Kind::Line,
            });
            let mut f = field(path.into(), group, label(key), kind, None, doc.value(path));
            if key == "id" {
                f.fixed = Some("The id is the decree's number; other entries refer to it.".into());
            }
            out.push(f);
        }
    }
}

/// A guide in one language, as its file holds it.
#[derive(Clone, Debug)]
pub struct GuideText {
    pub title: String,
    pub description: String,
    pub body: String,
}

/// The form for a guide: title, description and text in each language.
pub fn guide(slug: &str, versions: &[(Lang, Option<GuideText>)], page: String) -> Form {
    let mut form = Form {
        title: format!("guide {slug}"),
        page,
        ..Form::default()
    };
    for (lang, text) in versions {
        form.files
            .push(format!("{}/{lang}/{slug}.md", crate::content::DIR));
        let group = format!("{} ({lang})", lang_name(*lang));
        let parts = [
            ("title", "Title", Kind::Line),
            (
                "description",
                "Description (for search results and link previews)",
                Kind::Text,
            ),
            ("body", "Text (Markdown)", Kind::Text),
        ];
        for (key, label, kind) in parts {
            let value = text.as_ref().map(|t| {
                Value::Scalar(match key {
                    "title" => t.title.clone(),
                    "description" => t.description.clone(),
                    _ => t.body.clone(),
                })
            });
            form.fields.push(field(
                format!("{lang}.{key}"),
                group.clone(),
                label.to_string(),
                kind,
                Some(*lang),
                value,
            ));
        }
    }
    form
}

/// The form for a new service, which becomes `services[index]`.
pub fn new_service(c: &Catalog, index: usize) -> Form {
    let base = format!("services[{index}]");
    let mut form = Form {
        action: Action::Add,
        title: "a new service".into(),
        page: "/az/services/".into(),
        files: vec![crate::catalog::FILE.to_string()],
        ..Form::default()
    };
    let general = "General".to_string();
    let mut id = field(
        format!("{base}.id"),
        general.clone(),
        "Id (the decree's number, such as 7.1)".into(),
        Kind::Line,
        None,
        None,
    );
    id.note = Some("The page's address is made from it: 7.1 becomes /services/7-1/.".into());
    form.fields.push(id);
    for key in ["agency", "topic", "audiences"] {
        let kind = choices(c, "services", key).unwrap_or(Kind::Line);
        form.fields.push(field(
            format!("{base}.{key}"),
            general.clone(),
            label(key),
            kind,
            None,
            None,
        ));
    }
    for (key, kind) in [
        ("name", Kind::Text),
        ("title", Kind::Text),
        ("description", Kind::Text),
        ("keywords", Kind::Lines),
    ] {
        for lang in Lang::ALL {
            form.fields.push(field(
                format!("{base}.{key}.{lang}"),
                label(key),
                format!("{} ({lang})", lang_name(lang)),
                kind.clone(),
                Some(lang),
                None,
            ));
        }
    }
    // A first choice, as a browser's select would send it.
    for f in form.fields.iter_mut() {
        if let Kind::Choice(options) = &f.kind {
            f.value = options.first().map(|(v, _)| Value::Scalar(v.clone()));
        }
    }
    form
}

/// The new entry a filled-in form describes: each key with its value, texts as mappings
/// of the languages filled in; keys left empty are left out.
pub fn entry_of(form: &Form, base: &str) -> Vec<(String, super::yaml::Entry)> {
    use super::yaml::Entry;
    let mut out: Vec<(String, Entry)> = Vec::new();
    for f in &form.fields {
        let Some(rel) = f.path.strip_prefix(&format!("{base}.")) else {
            continue;
        };
        let Some(v) = f.sent.clone().or_else(|| f.value.clone()) else {
            continue;
        };
        let empty = match &v {
            Value::Scalar(s) => s.is_empty(),
            Value::List(l) => l.is_empty(),
        };
        if empty && f.lang.is_some() {
            continue;
        }
        match rel.split_once('.') {
            Some((key, lang)) => match out.iter_mut().find(|(k, _)| k == key) {
                Some((_, Entry::Map(values))) => values.push((lang.to_string(), v)),
                _ => out.push((key.to_string(), Entry::Map(vec![(lang.to_string(), v)]))),
            },
            None => out.push((rel.to_string(), Entry::Value(v))),
        }
    }
    out
}

/// The form for a new guide: its slug, and its title, description and text in each language.
pub fn new_guide() -> Form {
    let none: Vec<(Lang, Option<GuideText>)> = Lang::ALL.iter().map(|&l| (l, None)).collect();
    let mut f = guide("", &none, "/az/guides/".into());
    f.action = Action::Add;
    f.title = "a new guide".into();
    f.files = vec![format!("{}/{{az,en,ru}}/SLUG.md", crate::content::DIR)];
    f.fields.insert(
        0,
        field(
            "slug".into(),
            "General".into(),
            "Address on the site (slug: lowercase letters a-z, digits and -)".into(),
            Kind::Line,
            None,
            None,
        ),
    );
    f
}

/// The path the fields of a new fact start with (no path of the file does).
pub const NEW_FACT: &str = "new_fact";

const FACT_KINDS: [&str; 7] = ["who", "how", "documents", "cost", "time", "where", "law"];

/// The fields of a fact to add: empty, it adds none.
fn new_fact_fields(c: &Catalog, out: &mut Vec<Field>) {
    let group = "Add a fact (left empty, none is added)".to_string();
    let kinds: Vec<(String, String)> = FACT_KINDS
        .iter()
        .map(|k| (k.to_string(), label(k)))
        .collect();
    let first = |k: &Kind| match k {
        Kind::Choice(o) => o.first().map(|(v, _)| Value::Scalar(v.clone())),
        _ => None,
    };
    let kind = Kind::Choice(kinds);
    out.push(field(
        format!("{NEW_FACT}.kind"),
        group.clone(),
        "Under the heading".into(),
        kind.clone(),
        None,
        first(&kind),
    ));
    for lang in Lang::ALL {
        out.push(field(
            format!("{NEW_FACT}.text.{lang}"),
            group.clone(),
            format!("Text, {} ({lang})", lang_name(lang)),
            Kind::Text,
            Some(lang),
            None,
        ));
    }
    let matches = choices(c, "services", "match").unwrap_or(Kind::Line);
    for (key, kind) in [
        ("source", Kind::Url),
        ("checked", Kind::Checked),
        ("match", matches),
        ("quote", Kind::Text),
    ] {
        let value = first(&kind);
        out.push(field(
            format!("{NEW_FACT}.{key}"),
            group.clone(),
            label(key),
            kind,
            None,
            value,
        ));
    }
}

/// The fact the form's "Add a fact" fields describe, under its heading; None when they
/// are empty.
pub fn new_fact(form: &Form) -> Option<(String, Vec<(String, super::yaml::Entry)>)> {
    use super::yaml::Entry;
    let sent = |key: &str| {
        form.fields
            .iter()
            .find(|f| f.path == format!("{NEW_FACT}.{key}"))
            .and_then(|f| f.sent.clone().or_else(|| f.value.clone()))
            .and_then(|v| match v {
                Value::Scalar(s) if !s.is_empty() => Some(s),
                _ => None,
            })
    };
    let texts: Vec<(String, Value)> = Lang::ALL
        .iter()
        .filter_map(|l| sent(&format!("text.{l}")).map(|t| (l.to_string(), Value::Scalar(t))))
        .collect();
    let filled = !texts.is_empty()
        || ["source", "checked", "quote"]
            .iter()
            .any(|k| sent(k).is_some());
    if !filled {
        return None;
    }
    let kind = sent("kind").filter(|k| FACT_KINDS.contains(&k.as_str()))?;
    let mut item = vec![("text".to_string(), Entry::Map(texts))];
    for key in ["source", "checked", "match", "quote"] {
        if let Some(v) = sent(key) {
            item.push((key.to_string(), Entry::Value(Value::Scalar(v))));
        }
    }
    Some((kind, item))
}
