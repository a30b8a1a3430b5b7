//! The editor behind `ccu serve`'s forms: which entry a page shows, the form for it,
//! and saving what the editor sent: only the values changed, checked as `ccu check`
//! checks them before anything is written, refused when the file changed meanwhile.
//!
//! Layer: above `catalog` and `content` (it reads and checks with them), below `serve`
//! (which adds HTTP, the token and the `Origin` check).

mod conflicts;
pub mod form;
mod guides;
mod history;
pub mod html;
mod index;
mod ops_words;
pub mod preview;
pub mod publish;
pub mod recent;
mod rules;
pub mod synonyms;
pub mod translations;
mod undo;
pub mod words;
pub mod yaml;

use crate::catalog::{self, Catalog};
use crate::content;
use crate::diag::Diagnostic;
use crate::lang::Lang;
use form::{Cx, Form};
use guides::{guide_parts, guide_writes, new_guide_writes};
pub use index::index;
use std::path::Path;
pub use undo::undo;
use words::W;
use yaml::{Change, Doc, Value};

/// What an edit page is about.
#[derive(Clone, Debug)]
enum Target {
    /// A catalog entry: its path (`services[3]`) and what the form calls it.
    Entry { base: String, title: String },
    /// A guide: its slug and the file of each language (there or not).
    Guide {
        slug: String,
        files: Vec<(Lang, String)>,
    },
    /// A new service, to become `services[index]`.
    NewService { index: usize },
    /// A service to delete, once confirmed.
    Delete { base: String, title: String },
    /// A new guide.
    NewGuide,
    /// A guide to delete (its files), once confirmed.
    DeleteGuide {
        slug: String,
        files: Vec<(Lang, String)>,
    },
}

/// What a save came to.
pub enum Outcome {
    /// Written (or nothing to write); go back to `page`.
    Saved { page: String },
    /// A value would not pass `ccu check`: the form with the errors at their fields.
    Invalid { form: Box<Form>, hash: String },
    /// A file changed on disk since the form was opened: nothing written.
    Conflict { form: Box<Form>, hash: String },
    /// No form for this page (404).
    NotFound(String),
    /// The files cannot be read or written (500), in words.
    Failed(String),
    /// The save was not done by its deadline: given up, nothing written.
    TooSlow(String),
}

/// A hash of the files a form reads, to notice a change made meanwhile (FNV-1a, 64 bits).
pub fn hash(parts: &[&Option<String>]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        let bytes = part.as_deref().map_or(&[0xff][..], str::as_bytes);
        for b in bytes
            .iter()
            .chain((bytes.len() as u64).to_le_bytes().iter())
        {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
}

fn errors_text(diags: &[Diagnostic]) -> String {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(Diagnostic::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

fn read(root: &Path, rel: &str) -> Result<Option<String>, String> {
    if std::fs::symlink_metadata(root.join(rel)).is_err() {
        return Ok(None);
    }
    let mut diags = Vec::new();
    crate::files::read_text(root, Path::new(rel), catalog::MAX_BYTES, &mut diags)
        .map(Some)
        .ok_or_else(|| errors_text(&diags))
}

/// The page an address shows, normalised (`/en/services/1-4/`), with its parts.
fn page_parts(page: &str) -> Option<(Lang, String, String)> {
    let parts: Vec<&str> = page.trim_matches('/').split('/').collect();
    match parts.as_slice() {
        [lang, kind, slug] => Some((Lang::parse(lang)?, kind.to_string(), slug.to_string())),
        _ => None,
    }
}

/// Whether a page of the site has a form (serve adds an "Edit" link to those).
pub fn editable(page: &str) -> bool {
    page_parts(page).is_some_and(|(_, kind, _)| {
        matches!(
            kind.as_str(),
            "services" | "agencies" | "units" | "topics" | "districts" | "guides"
        )
    })
}

/// Whether saving this page's form writes `catalog.yaml` only (not a guide), so that the
/// preview may rebuild only what a catalog edit can change.
pub fn writes_catalog_only(page: &str) -> bool {
    let Some((lang, rest)) = words::split(page) else {
        return false;
    };
    let rest = rest.strip_prefix("/delete").unwrap_or(rest);
    match rest.trim_matches('/') {
        "new/service" => true,
        "new/guide" => false,
        _ => page_parts(&format!("/{lang}{rest}")).is_some_and(|(_, kind, _)| kind != "guides"),
    }
}

fn target(root: &Path, c: &Catalog, page: &str) -> Option<Target> {
    let (lang, kind, slug) = page_parts(page)?;
    let entry = |base: String, title: String| Some(Target::Entry { base, title });
    match kind.as_str() {
        "services" => {
            let i = c.services.iter().position(|s| s.slug() == slug)?;
            entry(
                format!("services[{i}]"),
                W::service_n.fill(lang, &[("id", &c.services[i].id)]),
            )
        }
        "agencies" => {
            let i = c.agencies.iter().position(|a| a.id == slug)?;
            let name = c.agencies[i].name.plain(lang);
            entry(
                format!("agencies[{i}]"),
                W::agency_n.fill(lang, &[("name", &name)]),
            )
        }
        "units" => {
            let i = c.units.iter().position(|u| u.id == slug)?;
            let name = c.units[i].name.plain(lang);
            entry(
                format!("units[{i}]"),
                W::unit_n.fill(lang, &[("name", &name)]),
            )
        }
        "topics" => {
            let i = c.topics.iter().position(|t| t.id == slug)?;
            let name = c.topics[i].name.plain(lang);
            entry(
                format!("topics[{i}]"),
                W::topic_n.fill(lang, &[("name", &name)]),
            )
        }
        "districts" => {
            let i = c.districts.iter().position(|d| d.slug() == slug)?;
            entry(format!("districts[{i}]"), c.districts[i].name.plain(lang))
        }
        "guides" => {
            let mut diags = Vec::new();
            let guides = content::load(root, false, &mut diags);
            let versions = guides.get(&slug)?;
            let stem = versions
                .values()
                .next()
                .and_then(|g| Path::new(&g.file).file_stem())
                .map(|s| s.to_string_lossy().to_string())?;
            let files = Lang::ALL
                .iter()
                .map(|&l| {
                    let file = versions
                        .get(&l)
                        .map(|g| g.file.clone())
                        .unwrap_or_else(|| format!("{}/{l}/{stem}.md", content::DIR));
                    (l, file)
                })
                .collect();
            Some(Target::Guide { slug, files })
        }
        _ => None,
    }
}

/// Everything a form is made from, read once.
struct Read {
    /// The editor's language.
    lang: Lang,
    target: Target,
    page: String,
    catalog_src: Option<String>,
    catalog: Option<Catalog>,
    guide_srcs: Vec<Option<String>>,
    /// What the form carries to notice a change made meanwhile: the entry's own bytes
    /// (or the guide's files), so that a save of another entry never refuses this one.
    hash: String,
    /// The hash of every file the save rewrites, to notice a write made while it prepared.
    file_hash: String,
    /// The catalog parsed with where each value is, for an entry's form (parsed once).
    doc: Option<Result<Doc, String>>,
}

fn read_all(root: &Path, address: &str) -> Result<Read, Outcome> {
    let Some((lang, page)) = words::split(address) else {
        return Err(Outcome::NotFound(format!(
            "{address} is not a page with a form"
        )));
    };
    if page.trim_matches('/') == "new/guide" {
        return Ok(Read {
            lang,
            target: Target::NewGuide,
            page: format!("/{lang}/guides/"),
            catalog_src: None,
            catalog: None,
            guide_srcs: Vec::new(),
            hash: hash(&[]),
            file_hash: hash(&[]),
            doc: None,
        });
    }
    let adding = page.trim_matches('/') == "new/service";
    let deleting = page.strip_prefix("/delete");
    let shown = format!("/{lang}{}", deleting.unwrap_or(page));
    let Some((_, kind, slug)) = page_parts(&shown).filter(|_| !adding) else {
        return match adding {
            true => read_new(root, lang),
            false => Err(Outcome::NotFound(format!(
                "{page} is not a page with a form"
            ))),
        };
    };
    let page = format!("/{lang}/{kind}/{slug}/");
    let src = read(root, catalog::FILE).map_err(Outcome::Failed)?;
    let src = src.ok_or_else(|| Outcome::Failed(format!("there is no {}", catalog::FILE)))?;
    let mut diags = Vec::new();
    let Some(c) = catalog::load_text(root, &src, false, &mut diags) else {
        return Err(Outcome::Failed(format!(
            "{} has problems to fix in a text editor first:\n{}",
            catalog::FILE,
            errors_text(&diags)
        )));
    };
    let target = target(root, &c, &page)
        .ok_or_else(|| Outcome::NotFound(format!("nothing to edit at {page}")))?;
    let target = match (deleting, target) {
        (None, t) => t,
        (Some(_), Target::Entry { base, title }) if base.starts_with("services[") => {
            Target::Delete { base, title }
        }
        (Some(_), Target::Guide { slug, files }) => Target::DeleteGuide { slug, files },
        (Some(_), _) => {
            return Err(Outcome::NotFound(format!(
                "only a service or a guide can be deleted here, not {page}"
            )));
        }
    };
    let (catalog_src, guide_srcs) = match &target {
        Target::Guide { .. } | Target::DeleteGuide { .. } => (None, Vec::new()),
        _ => (Some(src), Vec::new()),
    };
    let (catalog_src, guide_srcs) = match &target {
        Target::Guide { files, .. } | Target::DeleteGuide { files, .. } => {
            let mut srcs = Vec::new();
            for (_, f) in files {
                srcs.push(read(root, f).map_err(Outcome::Failed)?);
            }
            (None, srcs)
        }
        _ => (catalog_src, guide_srcs),
    };
    let file_hash = match &target {
        Target::Guide { .. } | Target::DeleteGuide { .. } => {
            hash(&guide_srcs.iter().collect::<Vec<_>>())
        }
        _ => hash(&[&catalog_src]),
    };
    let doc = match &target {
        Target::Entry { .. } | Target::Delete { .. } => {
            Some(Doc::parse(catalog_src.as_deref().unwrap_or_default()))
        }
        _ => None,
    };
    let hash = match (&target, &doc) {
        (Target::Entry { base, .. } | Target::Delete { base, .. }, Some(Ok(doc))) => {
            conflicts::entry_hash(doc, base)
        }
        _ => file_hash.clone(),
    };
    Ok(Read {
        lang,
        target,
        page,
        catalog_src,
        catalog: Some(c),
        guide_srcs,
        hash,
        file_hash,
        doc,
    })
}

/// What the form for a new service is made from.
fn read_new(root: &Path, lang: Lang) -> Result<Read, Outcome> {
    let src = read(root, catalog::FILE).map_err(Outcome::Failed)?;
    let src = src.ok_or_else(|| Outcome::Failed(format!("there is no {}", catalog::FILE)))?;
    let mut diags = Vec::new();
    let c = catalog::load_text(root, &src, false, &mut diags).ok_or_else(|| {
        Outcome::Failed(format!(
            "{} has problems to fix in a text editor first:\n{}",
            catalog::FILE,
            errors_text(&diags)
        ))
    })?;
    let src = Some(src);
    Ok(Read {
        lang,
        target: Target::NewService {
            index: c.services.len(),
        },
        page: format!("/{lang}/services/"),
        // A new service is added to the file as it is then: no save of another entry
        // stands in its way.
        hash: hash(&[]),
        file_hash: hash(&[&src]),
        catalog_src: src,
        catalog: Some(c),
        guide_srcs: Vec::new(),
        doc: None,
    })
}

/// The address of the confirmation that deletes what the page at `page` shows.
fn delete_href(lang: Lang, page: &str) -> String {
    let rest = page.strip_prefix(&format!("/{lang}")).unwrap_or(page);
    format!("/_edit/{lang}/delete{rest}")
}

/// A service's number and name in `lang`, from its path (`services[3]`).
fn service_words(r: &Read, base: &str) -> (String, String) {
    let i: Option<usize> = base
        .strip_prefix("services[")
        .and_then(|x| x.strip_suffix(']'))
        .and_then(|x| x.parse().ok());
    r.catalog
        .as_ref()
        .zip(i)
        .and_then(|(c, i)| c.services.get(i))
        .map(|s| (s.id.clone(), s.heading().plain(r.lang)))
        .unwrap_or_default()
}

/// A guide's title in `lang` (or the first there is), from its files as read.
fn guide_title(r: &Read, slug: &str) -> String {
    let texts: Vec<_> = r
        .guide_srcs
        .iter()
        .map(|s| s.as_deref().and_then(guide_parts))
        .collect();
    let own = match &r.target {
        Target::Guide { files, .. } | Target::DeleteGuide { files, .. } => files
            .iter()
            .zip(&texts)
            .find(|((l, _), _)| *l == r.lang)
            .and_then(|(_, t)| t.clone()),
        _ => None,
    };
    own.or_else(|| texts.iter().flatten().next().cloned())
        .map(|t| t.title)
        .unwrap_or_else(|| slug.to_string())
}

fn build_form(root: &Path, r: &Read) -> Form {
    let mut f = build_form_of(root, r);
    rules::describe(&mut f, r.lang);
    f
}

fn build_form_of(root: &Path, r: &Read) -> Form {
    let cx = Cx::new(root, r.lang);
    let lang = r.lang;
    match &r.target {
        Target::Entry { base, title } => match (&r.doc, &r.catalog) {
            (Some(Ok(doc)), Some(c)) => {
                let mut f = form::entry(&cx, doc, c, base, title.clone(), r.page.clone());
                if base.starts_with("services[") {
                    let (id, _) = service_words(r, base);
                    f.delete = Some(form::Delete {
                        href: delete_href(lang, &r.page),
                        label: W::delete_service_button.fill(lang, &[("id", &id)]),
                    });
                }
                f
            }
            (Some(Err(e)), _) => Form {
                lang,
                errors: vec![e.clone()],
                ..Form::default()
            },
            _ => Form {
                lang,
                ..Form::default()
            },
        },
        Target::Guide { slug, files } => {
            let versions: Vec<_> = files
                .iter()
                .zip(&r.guide_srcs)
                .map(|((l, _), src)| (*l, src.as_deref().and_then(guide_parts)))
                .collect();
            let mut f = form::guide(&cx, slug, &versions, r.page.clone());
            let title = guide_title(r, slug);
            f.title = W::guide_n.fill(lang, &[("title", &title)]);
            f.files = files.iter().map(|(_, f)| f.clone()).collect();
            f.delete = Some(form::Delete {
                href: delete_href(lang, &r.page),
                label: W::delete_guide_button.fill(lang, &[("title", &title)]),
            });
            f
        }
        Target::NewGuide => form::new_guide(&cx),
        Target::DeleteGuide { slug, files } => {
            let there: Vec<String> = files
                .iter()
                .zip(&r.guide_srcs)
                .filter(|(_, src)| src.is_some())
                .map(|((_, f), _)| f.clone())
                .collect();
            let title = guide_title(r, slug);
            let t = [("title", title.as_str())];
            Form {
                lang,
                action: form::Action::Delete,
                title: W::guide_n.fill(lang, &t),
                confirm: Some((
                    W::delete_guide_q.fill(lang, &t),
                    W::delete_guide_button.fill(lang, &t),
                )),
                page: r.page.clone(),
                explain: Some(W::delete_guide_explain.fill(lang, &t)),
                files: there,
                ..Form::default()
            }
        }
        Target::NewService { index } => match &r.catalog {
            Some(c) => form::new_service(&cx, c, *index),
            None => Form {
                lang,
                ..Form::default()
            },
        },
        Target::Delete { title, base } => {
            let (id, name) = service_words(r, base);
            let t = [("id", id.as_str()), ("name", name.as_str())];
            Form {
                lang,
                action: form::Action::Delete,
                title: title.clone(),
                confirm: Some((
                    W::delete_service_q.fill(lang, &t),
                    W::delete_service_button.fill(lang, &t),
                )),
                explain: Some(W::delete_service_explain.fill(lang, &t)),
                page: r.page.clone(),
                files: vec![catalog::FILE.to_string()],
                ..Form::default()
            }
        }
    }
}

/// The form for the page at `page` (`/en/services/1-4/`) and the hash of its files.
pub fn open(root: &Path, page: &str) -> Result<(Form, String), Outcome> {
    let r = read_all(root, page)?;
    Ok((build_form(root, &r), r.hash))
}

/// The form for the page at `page`, the hash of its files, and the entry's recent
/// changes for the foot of the page (`action` and `token` for their undo buttons).
pub fn open_with_history(
    root: &Path,
    page: &str,
    action: &str,
    token: &str,
) -> Result<(Form, String, String), Outcome> {
    let r = read_all(root, page)?;
    let form = build_form(root, &r);
    let history = undo::history_section(root, &r, &form, action, token);
    Ok((form, r.hash, history))
}

/// One write at a time: a save checks, holding this, that its files are still as it read
/// them, and writes them; a file changed meanwhile (by another tab's save) makes it start
/// again, and so see the change (a conflict) instead of racing it. Only that check and
/// the write are done holding it: the work before (reading, checking the new text) is
/// not, so a long save never keeps another editor's from being written.
static SAVING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What a save prepared: the files to write (and to delete), once its files are checked
/// to be as they were read.
struct Prepared {
    target: Target,
    /// The hash of the files as the writes were made from them.
    file_hash: String,
    writes: Vec<(String, String)>,
    deletes: Vec<String>,
    next: String,
    /// What the history keeps of this save.
    saved: history::Saved,
    /// What the save does, in the editor's words (the notice after it), the form where it
    /// can be seen, and the paths it changes (highlighted on the page).
    said: String,
    form_href: String,
    paths: Vec<String>,
}

/// Saves what the editor sent for the page at `page`, opened when its files hashed to
/// `hash`; given up, nothing written, when it is not done by `deadline`.
pub fn save(
    root: &Path,
    page: &str,
    sent: &[(String, String)],
    sent_hash: &str,
    deadline: std::time::Instant,
) -> Outcome {
    loop {
        let p = match prepare(root, page, sent, sent_hash, deadline) {
            Ok(p) => p,
            Err(o) => return o,
        };
        let _one = SAVING.lock().unwrap_or_else(|e| e.into_inner());
        if std::time::Instant::now() >= deadline {
            return too_slow();
        }
        match unchanged(root, &p) {
            Ok(true) => return write(root, p),
            Ok(false) => continue,
            Err(o) => return o,
        }
    }
}

fn too_slow() -> Outcome {
    Outcome::TooSlow(
        "The save took too long and was stopped; nothing was written. Try again; if it is slow again, make the change in a text editor."
            .into(),
        )
}

/// Whether the files a save read are as it read them (and a new guide's not there yet).
fn unchanged(root: &Path, p: &Prepared) -> Result<bool, Outcome> {
    let now = match &p.target {
        Target::Guide { files, .. } | Target::DeleteGuide { files, .. } => {
            let mut srcs = Vec::new();
            for (_, f) in files {
                srcs.push(read(root, f).map_err(Outcome::Failed)?);
            }
            hash(&srcs.iter().collect::<Vec<_>>())
        }
        Target::NewGuide => {
            let taken = p
                .writes
                .iter()
                .any(|(f, _)| std::fs::symlink_metadata(root.join(f)).is_ok());
            return Ok(!taken);
        }
        _ => hash(&[&read(root, catalog::FILE).map_err(Outcome::Failed)?]),
    };
    Ok(now == p.file_hash)
}

fn write(root: &Path, p: Prepared) -> Outcome {
    // A guide's files are written all or none.
    if let Err(e) = crate::files::write_all(root, &p.writes) {
        return Outcome::Failed(e);
    }
    for file in &p.deletes {
        if let Err(e) = crate::files::remove(root, Path::new(file)) {
            return Outcome::Failed(e);
        }
    }
    let mut saved = p.saved;
    saved.files = p
        .writes
        .into_iter()
        .map(|(f, _)| f)
        .chain(p.deletes)
        .collect();
    if let Err(e) = history::record(root, &saved) {
        // The save stands; only its line in the history is missing.
        eprintln!("warning: the change was saved but not kept in the history: {e}");
    }
    let id = recent::note(p.said, p.form_href, p.paths);
    Outcome::Saved {
        page: format!("{}?saved={id}", p.next),
    }
}

/// Everything a save does before it writes: the files read, the form's values checked,
/// the new texts made and checked. An outcome instead where there is nothing to write.
fn prepare(
    root: &Path,
    page: &str,
    sent: &[(String, String)],
    sent_hash: &str,
    deadline: std::time::Instant,
) -> Result<Prepared, Outcome> {
    let late = || (std::time::Instant::now() >= deadline).then(too_slow);
    let r = read_all(root, page)?;
    if let Some(o) = late() {
        return Err(o);
    }
    writes_of(root, r, sent, sent_hash, late)
}

fn writes_of(
    root: &Path,
    r: Read,
    sent: &[(String, String)],
    sent_hash: &str,
    late: impl Fn() -> Option<Outcome>,
) -> Result<Prepared, Outcome> {
    let mut form = build_form(root, &r);
    let sent = &match &r.target {
        Target::Entry { base, .. } | Target::Delete { base, .. } => conflicts::moved(sent, base),
        _ => sent.to_vec(),
    };
    if r.hash != sent_hash {
        // Keep what the editor typed beside the file's new values; write nothing.
        let mut typed = form.clone();
        typed.take(sent);
        for (f, t) in form.fields.iter_mut().zip(&typed.fields) {
            let differs = match (&t.sent, &t.value) {
                (Some(Value::Scalar(s)), Some(Value::Scalar(v))) => s != v.trim(),
                (Some(Value::Scalar(s)), None) => !s.is_empty(),
                (Some(s), v) => Some(s) != v.as_ref(),
                (None, _) => false,
            };
            if let (true, Some(s)) = (differs, &t.sent) {
                let s = match s {
                    Value::Scalar(s) => s.clone(),
                    Value::List(l) => l.join(", "),
                };
                f.note = Some(W::you_had_typed.fill(form.lang, &[("text", &s)]));
            }
        }
        form.notice = Some(ops_words::conflict(form.lang, &form.title));
        return Err(Outcome::Conflict {
            form: Box::new(form),
            hash: r.hash,
        });
    }
    form.take(sent);
    let lang = r.lang;
    rules::normalize(&mut form);
    rules::describe(&mut form, lang);
    let changes = form.changes();
    form.changed = changes.iter().map(|c| c.path.clone()).collect();
    if changes.is_empty() && form.action == form::Action::Edit {
        return Err(Outcome::Saved { page: r.page });
    }
    let markdown = matches!(r.target, Target::Guide { .. } | Target::NewGuide);
    form.refuse_unfit(&changes, |path| markdown && path.ends_with(".body"));
    rules::check(&mut form, lang);
    if form.has_errors() {
        return Err(Outcome::Invalid {
            form: Box::new(form),
            hash: r.hash,
        });
    }
    let writes = match &r.target {
        Target::Guide { slug, files } => {
            guide_writes(&r.guide_srcs, slug, files, &mut form, &changes)
        }
        Target::NewGuide => new_guide_writes(root, &mut form, &changes),
        Target::DeleteGuide { .. } => Vec::new(),
        _ => catalog_writes(root, &r, &mut form, &changes),
    };
    let (writes, saved) = undo::kept(root, &r, &form, &changes, writes);
    // Where the editor goes next: the new service's page, the list after a deletion.
    let next = match &r.target {
        Target::NewService { index } => {
            let id = form
                .fields
                .iter()
                .find(|f| f.path == format!("services[{index}].id"))
                .and_then(|f| f.sent.clone());
            match id {
                Some(Value::Scalar(id)) => {
                    format!("/{}/services/{}/", r.lang, id.replace('.', "-"))
                }
                _ => r.page.clone(),
            }
        }
        Target::Delete { .. } => {
            let lang = r.page.split('/').nth(1).unwrap_or("az");
            format!("/{lang}/services/")
        }
        Target::NewGuide => match form.fields.iter().find(|f| f.path == "slug") {
            Some(form::Field {
                sent: Some(Value::Scalar(slug)),
                ..
            }) => format!("/{}/guides/{slug}/", r.lang),
            _ => r.page.clone(),
        },
        Target::DeleteGuide { .. } => {
            let lang = r.page.split('/').nth(1).unwrap_or("az");
            format!("/{lang}/guides/")
        }
        _ => r.page.clone(),
    };
    if form.has_errors() {
        return Err(Outcome::Invalid {
            form: Box::new(form),
            hash: r.hash,
        });
    }
    if let Some(o) = late() {
        return Err(o);
    }
    let deletes = match &r.target {
        Target::DeleteGuide { .. } => form.files.clone(),
        _ => Vec::new(),
    };
    let lang = r.lang;
    let (said, form_href) = match &r.target {
        Target::NewService { .. } | Target::NewGuide => {
            let name = form
                .fields
                .iter()
                .find(|f| {
                    f.path.ends_with(".id")
                        || f.path == "az.title"
                        || f.path == format!("{lang}.title")
                })
                .and_then(|f| match &f.sent {
                    Some(Value::Scalar(s)) if !s.is_empty() => Some(s.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let what = match r.target {
                Target::NewService { .. } => W::service_n.fill(lang, &[("id", &name)]),
                _ => W::guide_n.fill(lang, &[("title", &name)]),
            };
            (
                W::added.fill(lang, &[("what", &what)]),
                format!("/_edit{next}"),
            )
        }
        Target::Delete { .. } | Target::DeleteGuide { .. } => (
            W::deleted.fill(lang, &[("what", &form.title)]),
            format!("/_edit/{lang}/"),
        ),
        _ => {
            let fields: Vec<String> = form
                .changed
                .iter()
                .filter(|p| !p.starts_with(form::NEW_FACT))
                .cloned()
                .chain(
                    form.changed
                        .iter()
                        .any(|p| p.starts_with(form::NEW_FACT))
                        .then(|| format!("{}.text.az", form::NEW_FACT)),
                )
                .collect();
            let what = format!("{} — {}", form.title, form.said(&fields));
            (
                W::saved.fill(lang, &[("what", &what)]),
                format!("/_edit{}", r.page),
            )
        }
    };
    Ok(Prepared {
        target: r.target,
        file_hash: r.file_hash,
        writes,
        deletes,
        next,
        saved,
        said,
        form_href,
        paths: form.changed.clone(),
    })
}

/// The new catalog text, checked; problems go onto the form.
fn catalog_writes(
    root: &Path,
    r: &Read,
    form: &mut Form,
    changes: &[Change],
) -> Vec<(String, String)> {
    let src = r.catalog_src.as_deref().unwrap_or_default();
    // The new fact's fields are no values of the file: they make an entry of its own.
    let changes: Vec<Change> = changes
        .iter()
        .filter(|c| !c.path.starts_with(form::NEW_FACT))
        .cloned()
        .collect();
    let mut new_fact: Option<(String, usize)> = None;
    let new = Doc::parse(src).and_then(|doc| match &r.target {
        Target::NewService { index } => doc.append(
            "services",
            &form::entry_of(form, &format!("services[{index}]")),
        ),
        Target::Delete { base, .. } => doc.remove(base),
        Target::Entry { base, .. } => {
            let changed = doc.apply(&changes)?;
            match form::new_fact(form) {
                Some((kind, item)) => {
                    let seq = format!("{base}.facts.{kind}");
                    let n = doc.node(&seq).map_or(0, |n| n.len);
                    new_fact = Some((format!("{seq}[{n}]"), n));
                    form.changed.push(format!("{seq}[{n}]"));
                    Doc::parse(&changed)?.add_item(&seq, &item)
                }
                None => Ok(changed),
            }
        }
        _ => doc.apply(&changes),
    });
    let new = match new {
        Ok(new) if new == src => return Vec::new(),
        Ok(new) => new,
        Err(e) => {
            form.errors.push(e);
            return Vec::new();
        }
    };
    let problems = |text: &str| {
        let mut diags = Vec::new();
        catalog::load_text(root, text, false, &mut diags);
        diags.retain(Diagnostic::is_error);
        diags
    };
    let before = problems(src);
    for d in problems(&new) {
        if before
            .iter()
            .any(|b| b.path == d.path && b.message == d.message)
        {
            continue;
        }
        let text = if d.help.is_empty() {
            d.message.clone()
        } else {
            format!("{} ({})", d.message, d.help)
        };
        // "the field `name` is missing" is reported at the entry: it belongs to its field.
        let path = match d
            .message
            .strip_prefix("the field `")
            .and_then(|m| m.strip_suffix("` is missing"))
        {
            Some(field) => format!("{}.{field}", d.path),
            None => d.path.clone(),
        };
        // A problem with the new fact is shown at its fields.
        let path = match &new_fact {
            Some((at, _)) if path == *at || path.starts_with(&format!("{at}.")) => {
                format!("{}{}", form::NEW_FACT, &path[at.len()..])
            }
            _ => path,
        };
        if path.is_empty() || !form.blame(&path, &text) {
            form.errors.push(d.to_string());
        }
    }
    vec![(catalog::FILE.to_string(), new)]
}
