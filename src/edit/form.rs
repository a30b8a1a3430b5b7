//! The fields of an editor's form: which values of an entry it shows, as what kind
//! of input, and how what the editor sent becomes changes to the file.

use super::words::W;
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
    /// How to fill it in, under its label.
    pub hint: Option<String>,
    /// What the technical person needs (the value's place in the file), in a disclosure.
    pub details: Option<String>,
    /// The card the field is shown in (a path: `services[3].facts.how[0]`), its heading,
    /// and the heading of the run of cards it starts or continues (`Nə lazımdır`).
    pub card: String,
    pub card_title: String,
    pub section: Option<String>,
}

/// A way to delete what a form edits: where, and the button's words naming it.
#[derive(Clone, Debug)]
pub struct Delete {
    pub href: String,
    pub label: String,
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
#[derive(Clone, Debug)]
pub struct Form {
    /// The editor's language: every word of the form is in it.
    pub lang: Lang,
    pub action: Action,
    /// Where the entry can be deleted, for a form that edits one that can.
    pub delete: Option<Delete>,
    /// The heading and the button of a confirmation, where they name what they do.
    pub confirm: Option<(String, String)>,
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
    /// What the last save changed, in words (shown at the top after a save).
    pub saved: Option<String>,
    /// The paths of the values the last save changed (their cards are highlighted).
    pub changed: Vec<String>,
}

impl Default for Form {
    fn default() -> Self {
        Form {
            lang: Lang::DEFAULT,
            action: Action::default(),
            delete: None,
            confirm: None,
            explain: None,
            title: String::new(),
            page: String::new(),
            files: Vec::new(),
            fields: Vec::new(),
            errors: Vec::new(),
            notice: None,
            saved: None,
            changed: Vec::new(),
        }
    }
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
                Value::Scalar(v) => unfit(self.lang, v, one_line),
                Value::List(items) => items.iter().find_map(|v| unfit(self.lang, v, true)),
            };
            if let Some(p) = problem {
                self.blame(&change.path, &p);
            }
        }
    }

    /// What the fields at `paths` are called, in the editor's words, one after the other:
    /// `Nə qədər vaxt aparır, Fakt 1 (rusca); Təsvir (ingiliscə)`.
    pub fn said(&self, paths: &[String]) -> String {
        let mut out: Vec<String> = Vec::new();
        for path in paths {
            let Some(f) = self.fields.iter().find(|f| f.path == *path) else {
                continue;
            };
            let fact = f.card.contains(".facts.") || f.card == NEW_FACT;
            let mut parts: Vec<String> = Vec::new();
            if fact && let Some(s) = &f.section {
                parts.push(s.clone());
            }
            parts.push(f.card_title.clone());
            match f.lang {
                Some(_) => {
                    let last = f.group.rsplit(" › ").next().unwrap_or("");
                    if f.group != f.card_title && last != f.card_title && !fact_text(last, f) {
                        parts.push(last.to_string());
                    }
                }
                None if f.label != f.card_title => parts.push(f.label.clone()),
                None => {}
            }
            let mut words = parts.join(", ");
            if let Some(l) = f.lang {
                words.push_str(&format!(
                    " ({})",
                    super::translations::in_lang(self.lang, l)
                ));
            }
            if !out.contains(&words) {
                out.push(words);
            }
        }
        out.join("; ")
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty() || self.fields.iter().any(|f| f.error.is_some())
    }
}

/// Whether `last` is a fact's text (`Mətn`): the fact's card says it.
fn fact_text(last: &str, f: &Field) -> bool {
    f.card.contains(".facts.") && f.path.contains(".text.") && !last.is_empty()
}

/// Why `v` cannot be saved as it is, in the editor's words; None when it can.
pub fn unfit(lang: Lang, v: &str, one_line: bool) -> Option<String> {
    if one_line && v.contains('\n') {
        return Some(W::one_line.t(lang).into());
    }
    let c = v.chars().find(|&c| {
        super::yaml::disputed(c)
            || (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{fffe}' | '\u{ffff}')
    })?;
    let code = format!("U+{:04X}", c as u32);
    let line_break = matches!(c, '\u{2028}' | '\u{2029}' | '\u{85}');
    let w = match (line_break, one_line) {
        (true, false) => W::invisible_break,
        _ => W::invisible,
    };
    Some(w.fill(lang, &[("code", &code)]))
}

/// The site's word for the heading a service page shows a kind of fact under.
pub fn heading_key(kind: &str) -> &'static str {
    match kind {
        "who" => "service_who",
        "how" => "fact_how",
        "documents" => "service_documents_title",
        "cost" => "fact_cost",
        "time" => "fact_time",
        "where" => "fact_where",
        _ => "fact_law",
    }
}

/// What a key is called in the form, in the editor's language; the fact headings are
/// the public page's own (`Nə lazımdır`).
fn label(cx: &Cx, key: &str) -> String {
    let site = |k: &str, fallback: W| {
        super::words::site_word(&cx.site, k, fallback.t(cx.lang)).to_string()
    };
    if FACT_KINDS.contains(&key) {
        return site(heading_key(key), W::facts);
    }
    let w = match key {
        "name" => W::name,
        "title" => W::title,
        "description" => W::description,
        "short_name" => W::short_name,
        "keywords" => W::keywords,
        "facts" => W::facts,
        "text" => W::text,
        "source" => W::source,
        "checked" => W::checked,
        "match" => W::match_,
        "quote" => W::quote,
        "agency" => W::agency,
        "topic" => W::topic,
        "audiences" => W::audiences,
        "updated" => W::updated,
        "note" => W::note,
        "caution" => W::caution,
        "plural" => W::plural,
        "addresses" => W::addresses,
        "districts" => W::districts,
        "baku_districts" => W::baku_districts,
        "seat" => W::seat,
        "kind" => W::kind,
        "slug" => W::slug,
        "part" => W::part,
        "next" => return site("service_next_title", W::next),
        "service" => W::service,
        "why" => W::why,
        "same_name_as" => W::same_name_as,
        "id" => W::id,
        "spellings" => W::spellings,
        "parent" => W::parent,
        "lat" => W::lat,
        "lon" => W::lon,
        "inferred" => W::inferred,
        "straight_line_misleads" => W::straight_line_misleads,
        other => return other.to_string(),
    };
    w.t(cx.lang).to_string()
}

/// `facts.how[1].text` → `Necə … › 2 › Mətn` (editors count from 1).
fn group_label(cx: &Cx, rel: &str) -> String {
    rel.split('.')
        .flat_map(|part| {
            let (key, rest) = part.split_once('[').unwrap_or((part, ""));
            let mut out = vec![label(cx, key)];
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

/// What an editor calls a field of an entry (`facts.how[0].text` → `Necə … › 1 › Mətn`).
pub fn field_words(cx: &Cx, rel: &str) -> String {
    group_label(cx, rel)
}

/// The label of a language's box, in the editor's language.
pub fn lang_name(ui: Lang, lang: Lang) -> &'static str {
    match lang {
        Lang::Az => W::lang_az,
        Lang::En => W::lang_en,
        Lang::Ru => W::lang_ru,
    }
    .t(ui)
}

/// What a form is made in: the editor's language and the site's own words in it.
pub struct Cx {
    pub lang: Lang,
    pub site: std::collections::BTreeMap<String, String>,
}

impl Cx {
    pub fn new(root: &std::path::Path, lang: Lang) -> Cx {
        Cx {
            lang,
            site: super::words::site_strings(root, lang),
        }
    }
}

/// The kind of a district in the site's words (`şəhər`, `rayon`).
fn district_kind(cx: &Cx, kind: &crate::catalog::DistrictKind) -> String {
    use crate::catalog::DistrictKind as K;
    let key = match kind {
        K::City => "district_kind_city",
        K::District => "district_kind_district",
        K::AutonomousRepublic => "district_kind_autonomous_republic",
    };
    super::words::site_word(&cx.site, key, key).to_string()
}

/// The choices a reference offers: what exists in the catalog, by its name in the
/// editor's language (a district with its kind: `Lənkəran (şəhər)`).
fn choices(cx: &Cx, c: &Catalog, section: &str, key: &str) -> Option<Kind> {
    let name = |t: &crate::catalog::Text| t.plain(cx.lang);
    let list: Vec<(String, String)> = match key {
        "agency" => c
            .agencies
            .iter()
            .map(|a| (a.id.clone(), name(&a.name)))
            .collect(),
        "topic" => c
            .topics
            .iter()
            .map(|t| (t.id.clone(), name(&t.name)))
            .collect(),
        "audiences" => c
            .audiences
            .iter()
            .map(|a| (a.id.clone(), name(&a.name)))
            .collect(),
        "districts" | "seat" | "parent" => c
            .districts
            .iter()
            .map(|d| {
                let kind = district_kind(cx, &d.kind);
                (d.id.clone(), format!("{} ({kind})", name(&d.name)))
            })
            .collect(),
        "match" => vec![
            ("exact".into(), W::match_exact.t(cx.lang).into()),
            ("close".into(), W::match_close.t(cx.lang).into()),
        ],
        "kind" if section == "districts" => {
            use crate::catalog::DistrictKind as K;
            [
                ("city", K::City),
                ("district", K::District),
                ("autonomous-republic", K::AutonomousRepublic),
            ]
            .iter()
            .map(|(v, k)| (v.to_string(), district_kind(cx, k)))
            .collect()
        }
        "kind" if section == "units" => vec![
            (
                "regional".into(),
                super::words::site_word(&cx.site, "unit_kind_regional", "regional").into(),
            ),
            (
                "dost".into(),
                super::words::site_word(&cx.site, "unit_kind_dost", "DOST").into(),
            ),
        ],
        "inferred" | "straight_line_misleads" | "plural" => vec![
            ("false".into(), W::no.t(cx.lang).into()),
            ("true".into(), W::yes.t(cx.lang).into()),
        ],
        _ => return None,
    };
    Some(if matches!(key, "audiences" | "districts") {
        Kind::Choices(list)
    } else {
        Kind::Choice(list)
    })
}

/// The form for the catalog entry at `base` (`services[3]`).
pub fn entry(cx: &Cx, doc: &Doc, c: &Catalog, base: &str, title: String, page: String) -> Form {
    let mut form = Form {
        lang: cx.lang,
        title,
        page,
        files: vec![crate::catalog::FILE.to_string()],
        ..Form::default()
    };
    walk(cx, doc, c, base, base, &mut form.fields);
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
                W::not_yet.fill(cx.lang, &[("label", &label(cx, key))]),
                lang_name(cx.lang, lang).to_string(),
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
            W::general.t(cx.lang).into(),
            label(cx, "updated"),
            Kind::Date,
            None,
            None,
        ));
    }
    if base.starts_with("services[") && doc.shared(&format!("{base}.facts")).is_none() {
        new_fact_fields(cx, c, &mut form.fields);
    }
    cards(cx, base, &mut form.fields);
    let shared = doc.anchored_above(&format!("{base}.facts.x"));
    if let Some(anchor) = shared {
        for f in form
            .fields
            .iter_mut()
            .filter(|f| f.path.starts_with(anchor))
        {
            f.note = Some(W::shared_note.t(cx.lang).into());
        }
    }
    form
}

/// Puts each field of an entry's form in its card: a fact's fields in one card under
/// its public heading, a text's languages in one, the entry's single values together;
/// the fields of a card next to each other, cards in the order they first come.
fn cards(cx: &Cx, base: &str, fields: &mut [Field]) {
    let main = W::sec_main.t(cx.lang).to_string();
    for f in fields.iter_mut() {
        if f.path.starts_with(NEW_FACT) {
            f.card = NEW_FACT.into();
            f.card_title = W::new_fact_card.t(cx.lang).into();
            f.section = Some(W::new_fact.t(cx.lang).into());
            continue;
        }
        let rel = f
            .path
            .strip_prefix(base)
            .unwrap_or(&f.path)
            .trim_start_matches('.');
        let mut parts = rel.split('.');
        let first = parts.next().unwrap_or("");
        if first == "facts" {
            let fact = parts.next().unwrap_or("");
            let (kind, rest) = fact.split_once('[').unwrap_or((fact, ""));
            let n: usize = rest.trim_end_matches(']').parse().unwrap_or(0);
            f.card = format!("{base}.facts.{fact}");
            f.card_title = W::fact_n.fill(cx.lang, &[("n", &(n + 1).to_string())]);
            f.section = Some(label(cx, kind));
        } else if rel.contains('.') || rel.contains('[') {
            f.card = format!("{base}.{first}");
            f.card_title = group_label(cx, first);
            f.section = Some(main.clone());
        } else {
            f.card = format!("{base}.general");
            f.card_title = W::general.t(cx.lang).into();
            f.section = Some(main.clone());
        }
    }
    let mut order: Vec<String> = Vec::new();
    for f in fields.iter() {
        if !order.contains(&f.card) {
            order.push(f.card.clone());
        }
    }
    fields.sort_by_key(|f| order.iter().position(|c| *c == f.card));
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
        label,
        kind,
        lang,
        value,
        fixed: None,
        sent: None,
        error: None,
        note: None,
        hint: None,
        details: None,
        card: group.clone(),
        card_title: group.clone(),
        section: None,
        group,
    }
}

fn is_langs(keys: &[String]) -> bool {
    !keys.is_empty() && keys.iter().all(|k| Lang::parse(k).is_some())
}

fn walk(cx: &Cx, doc: &Doc, c: &Catalog, base: &str, path: &str, out: &mut Vec<Field>) {
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
        group_label(cx, rel.rsplit_once('.').map_or(rel, |(g, _)| g))
    } else {
        W::general.t(cx.lang).to_string()
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
                    group_label(cx, rel),
                    lang_name(cx.lang, lang).to_string(),
                    kind,
                    Some(lang),
                    doc.value(&p),
                ));
            }
        }
        Shape::BlockMap | Shape::FlowMap => {
            for k in &node.keys {
                walk(cx, doc, c, base, &format!("{path}.{k}"), out);
            }
        }
        Shape::BlockSeq | Shape::FlowSeq => {
            let scalars = doc.value(path).is_some();
            if scalars {
                let kind = choices(cx, c, base.split('[').next().unwrap_or(""), key)
                    .unwrap_or(Kind::Lines);
                out.push(field(
                    path.into(),
                    group,
                    label(cx, key),
                    kind,
                    None,
                    doc.value(path),
                ));
            } else {
                for i in 0..node.len {
                    walk(cx, doc, c, base, &format!("{path}[{i}]"), out);
                }
            }
        }
        Shape::Alias => {
            let mut f = field(path.into(), group, label(cx, key), Kind::Line, None, None);
            let at = doc
                .shared(path)
                .and_then(|(_, anchor)| anchor)
                .map(|a| format!(" ({a}, line {})", doc.node(&a).map_or(0, |n| n.line)))
                .unwrap_or_default();
            f.fixed = Some(W::shared_fixed.t(cx.lang).into());
            f.details = Some(format!("{path}: YAML alias{at}"));
            out.push(f);
        }
        _ => {
            let kind =
                choices(cx, c, base.split('[').next().unwrap_or(""), key).unwrap_or(match key {
                    "updated" => Kind::Date,
                    "checked" => Kind::Checked,
                    "source" => Kind::Url,
                    "quote" | "text" => Kind::Text,
                    _ => Kind::Line,
                });
            let mut f = field(
                path.into(),
                group,
                label(cx, key),
                kind,
                None,
                doc.value(path),
            );
            if key == "id" {
                if base.starts_with("services[") {
                    f.label = W::id_service.t(cx.lang).into();
                }
                f.fixed = Some(if base.starts_with("services[") {
                    W::id_fixed.t(cx.lang).into()
                } else {
                    W::code_fixed.t(cx.lang).into()
                });
            }
            if key == "checked" {
                f.hint = Some(W::checked_hint.t(cx.lang).into());
            }
            if key == "kind" && rel.contains("facts.") {
                f.label = W::source_kind.t(cx.lang).into();
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

/// The form for a guide: title, description and text, each in the three languages side
/// by side.
pub fn guide(cx: &Cx, slug: &str, versions: &[(Lang, Option<GuideText>)], page: String) -> Form {
    let shown_title = versions
        .iter()
        .find_map(|(_, t)| t.as_ref().map(|t| t.title.clone()))
        .unwrap_or_else(|| slug.to_string());
    let mut form = Form {
        lang: cx.lang,
        title: W::guide_n.fill(cx.lang, &[("title", &shown_title)]),
        page,
        ..Form::default()
    };
    for (lang, _) in versions {
        form.files
            .push(format!("{}/{lang}/{slug}.md", crate::content::DIR));
    }
    let parts = [
        ("title", W::guide_title, Kind::Line),
        ("description", W::guide_description, Kind::Text),
        ("body", W::guide_body, Kind::Text),
    ];
    for (key, group, kind) in parts {
        for (lang, text) in versions {
            let value = text.as_ref().map(|t| {
                Value::Scalar(match key {
                    "title" => t.title.clone(),
                    "description" => t.description.clone(),
                    _ => t.body.clone(),
                })
            });
            let mut f = field(
                format!("{lang}.{key}"),
                group.t(cx.lang).to_string(),
                lang_name(cx.lang, *lang).to_string(),
                kind.clone(),
                Some(*lang),
                value,
            );
            if key == "body" {
                f.hint = Some(W::guide_body_hint.t(cx.lang).into());
            }
            f.details = Some(format!("{}/{lang}/{slug}.md: {key}", crate::content::DIR));
            f.card = key.to_string();
            form.fields.push(f);
        }
    }
    form
}

/// The form for a new service, which becomes `services[index]`.
pub fn new_service(cx: &Cx, c: &Catalog, index: usize) -> Form {
    let base = format!("services[{index}]");
    let mut form = Form {
        lang: cx.lang,
        action: Action::Add,
        title: W::add_service.t(cx.lang).into(),
        page: format!("/{}/services/", cx.lang),
        files: vec![crate::catalog::FILE.to_string()],
        ..Form::default()
    };
    let general = W::general.t(cx.lang).to_string();
    let mut id = field(
        format!("{base}.id"),
        general.clone(),
        W::id_service.t(cx.lang).into(),
        Kind::Line,
        None,
        None,
    );
    id.hint = Some(W::id_new_hint.t(cx.lang).into());
    form.fields.push(id);
    for key in ["agency", "topic", "audiences"] {
        let kind = choices(cx, c, "services", key).unwrap_or(Kind::Line);
        form.fields.push(field(
            format!("{base}.{key}"),
            general.clone(),
            label(cx, key),
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
                label(cx, key),
                lang_name(cx.lang, lang).to_string(),
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
pub fn new_guide(cx: &Cx) -> Form {
    let none: Vec<(Lang, Option<GuideText>)> = Lang::ALL.iter().map(|&l| (l, None)).collect();
    let mut f = guide(cx, "", &none, format!("/{}/guides/", cx.lang));
    f.action = Action::Add;
    f.title = W::add_guide.t(cx.lang).into();
    f.files = vec![format!("{}/{{az,en,ru}}/SLUG.md", crate::content::DIR)];
    for field in f.fields.iter_mut() {
        field.details = None;
    }
    let mut slug = field(
        "slug".into(),
        W::general.t(cx.lang).into(),
        W::slug.t(cx.lang).into(),
        Kind::Line,
        None,
        None,
    );
    slug.hint = Some(W::slug_hint.t(cx.lang).into());
    f.fields.insert(0, slug);
    f
}

/// The path the fields of a new fact start with (no path of the file does).
pub const NEW_FACT: &str = "new_fact";

const FACT_KINDS: [&str; 7] = ["who", "how", "documents", "cost", "time", "where", "law"];

/// The fields of a fact to add: empty, it adds none.
fn new_fact_fields(cx: &Cx, c: &Catalog, out: &mut Vec<Field>) {
    let group = W::new_fact.t(cx.lang).to_string();
    let kinds: Vec<(String, String)> = FACT_KINDS
        .iter()
        .map(|k| (k.to_string(), label(cx, k)))
        .collect();
    let first = |k: &Kind| match k {
        Kind::Choice(o) => o.first().map(|(v, _)| Value::Scalar(v.clone())),
        _ => None,
    };
    let kind = Kind::Choice(kinds);
    out.push(field(
        format!("{NEW_FACT}.kind"),
        group.clone(),
        W::new_fact_under.t(cx.lang).into(),
        kind.clone(),
        None,
        first(&kind),
    ));
    for lang in Lang::ALL {
        out.push(field(
            format!("{NEW_FACT}.text.{lang}"),
            group.clone(),
            format!("{} — {}", W::text.t(cx.lang), lang_name(cx.lang, lang)),
            Kind::Text,
            Some(lang),
            None,
        ));
    }
    let matches = choices(cx, c, "services", "match").unwrap_or(Kind::Line);
    for (key, kind) in [
        ("source", Kind::Url),
        ("checked", Kind::Checked),
        ("match", matches),
        ("quote", Kind::Text),
    ] {
        let value = first(&kind);
        let mut f = field(
            format!("{NEW_FACT}.{key}"),
            group.clone(),
            label(cx, key),
            kind,
            None,
            value,
        );
        if key == "checked" {
            f.hint = Some(W::checked_hint.t(cx.lang).into());
        }
        out.push(f);
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
