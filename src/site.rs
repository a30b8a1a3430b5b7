//! The pipeline: load → validate → locate → render → index → write.

use crate::catalog::{self, Catalog};
use crate::content::{self, Guides};
use crate::diag::{self, Diagnostic};
use crate::lang::Lang;
use crate::output::Site;
use crate::render::{self, Theme};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

mod cache;

/// Everything read from a site root, once it passed the checks.
pub struct Loaded {
    pub catalog: Catalog,
    pub guides: Arc<Guides>,
    pub theme: Arc<Theme>,
    /// The editors' synonyms (`content/synonyms.yaml`), for search.
    pub synonyms: Arc<Vec<crate::search::synonyms::Synonym>>,
    /// The warnings about the guides, synonyms and theme, which [`check_live`]
    /// takes over with them.
    others: Vec<Diagnostic>,
    /// The catalog's text and YAML tree, kept by [`check_live`] for the next edit.
    parsed: Option<catalog::Parsed>,
    /// What each language's search files are made from, hashed, once asked for.
    search_keys: std::sync::OnceLock<Vec<u64>>,
    /// What each service's pages read, hashed, once asked for (by the next edit too).
    service_inputs: std::sync::OnceLock<render::ServiceInputs>,
}

impl Loaded {
    fn service_inputs(&self) -> &render::ServiceInputs {
        self.service_inputs
            .get_or_init(|| render::ServiceInputs::of(&self.catalog))
    }
}

/// Reads and checks the whole site root. Returns what was loaded when there is
/// no error, and every problem found either way.
pub fn check(root: &Path, strict: bool) -> (Option<Loaded>, Vec<Diagnostic>) {
    check_with(
        root,
        None,
        |diags| (catalog::load(root, strict, diags), None),
        strict,
    )
}

/// [`check`] for `ccu serve`, which keeps the catalog's text and tree so that an edit
/// of one service parses that service alone. With `previous` (loaded from the same
/// root, and only `catalog.yaml` changed since), the guides, synonyms and theme (and
/// their warnings) are taken from it rather than read again.
pub fn check_live(root: &Path, previous: Option<&mut Loaded>) -> (Option<Loaded>, Vec<Diagnostic>) {
    // The previous tree becomes the new one (a failed check parses whole next time).
    let (parsed, previous) = match previous {
        Some(p) => (p.parsed.take(), Some(&*p)),
        None => (None, None),
    };
    check_with(
        root,
        previous,
        |diags| catalog::load_after(root, parsed, false, diags),
        false,
    )
}

type Rest = (
    Arc<Guides>,
    Arc<Theme>,
    Arc<Vec<crate::search::synonyms::Synonym>>,
);

/// Loads and checks the site: the catalog with `load_catalog`, the rest from
/// `previous` when given, else from the root.
fn check_with(
    root: &Path,
    previous: Option<&Loaded>,
    load_catalog: impl FnOnce(&mut Vec<Diagnostic>) -> (Option<Catalog>, Option<catalog::Parsed>),
    strict: bool,
) -> (Option<Loaded>, Vec<Diagnostic>) {
    if let Some(d) = catalog::not_a_site(root) {
        return (None, vec![d]);
    }
    let (rest, others) = match previous {
        Some(p) => {
            let rest = (p.guides.clone(), p.theme.clone(), p.synonyms.clone());
            (Some(rest), p.others.clone())
        }
        None => load_rest(root, strict),
    };
    let mut diags = others.clone();
    let (catalog, parsed) = load_catalog(&mut diags);
    let diags = diag::sorted(diags);
    if diags.iter().any(Diagnostic::is_error) {
        return (None, diags);
    }
    let (Some(catalog), Some((guides, theme, synonyms))) = (catalog, rest) else {
        return (None, diags);
    };
    let loaded = Loaded {
        catalog,
        guides,
        theme,
        synonyms,
        others,
        parsed,
        search_keys: std::sync::OnceLock::new(),
        service_inputs: std::sync::OnceLock::new(),
    };
    (Some(loaded), diags)
}

/// Reads and checks the guides, synonyms and theme, with their problems.
fn load_rest(root: &Path, strict: bool) -> (Option<Rest>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let guides = content::load(root, strict, &mut diags);
    let synonyms = crate::search::synonyms::load(root, &mut diags);
    let theme = Theme::load(root, &mut diags);
    let rest = theme.map(|theme| (Arc::new(guides), Arc::new(theme), Arc::new(synonyms)));
    (rest, diags)
}

/// `ccu check`: [`check`], and what only the search index can tell: an editor's synonym
/// whose meanings are no word on any page finds nothing.
pub fn check_all(root: &Path, strict: bool) -> (Option<Loaded>, Vec<Diagnostic>) {
    let (loaded, mut diags) = check(root, strict);
    let Some(l) = &loaded else {
        return (loaded, diags);
    };
    for lang in Lang::ALL {
        let Ok(ix) = search_index(l, lang) else {
            continue;
        };
        for (line, phrase, means) in &ix.unused_synonyms {
            diags.push(
                Diagnostic::warning(
                    crate::search::synonyms::FILE,
                    format!("{lang}: no page in {lang} uses {means}, so `{phrase}` finds nothing"),
                )
                .at(*line, 0)
                .help("give words the pages use (search the site for them), or remove the line"),
            );
        }
    }
    (loaded, diag::sorted(diags))
}

/// Builds the whole site in memory (what `ccu serve` serves), with the key of each
/// page's context (for [`render_changed`]).
pub fn render_site(loaded: &Loaded) -> Result<(Site, BTreeMap<String, u64>), String> {
    let mut site = Site::default();
    let made = render_into(loaded, false, &Reuse::default(), &mut site)?;
    // What the next edit compares with, made now rather than while an editor waits.
    loaded.service_inputs();
    Ok((site, made.rendered.keys))
}

/// What a render may take from the previous build instead of making it again.
#[derive(Default)]
pub struct Reuse<'a> {
    /// Pages not even to prepare (URL paths): their own inputs did not change
    /// (see [`render::page_keys`], [`render::unchanged_pages`]).
    pub skip: Option<&'a BTreeSet<String>>,
    /// The context keys of the previous build's pages at hand, by output file: a
    /// page whose context is the same is taken, not rendered.
    pub contexts: Option<&'a BTreeMap<String, u64>>,
    /// The languages whose search files are taken, not made.
    pub search: &'a [Lang],
    /// The previous build's key of each language's search documents (in the order of
    /// [`Lang::ALL`]): a language whose documents have the same key is taken too.
    pub search_keys: Option<&'a [u64]>,
}

/// A site rendered after an edit, all but the pages the edit did not change.
pub struct Partial {
    /// Every file but the kept pages'.
    pub site: Site,
    /// The output files of the pages not rendered: take them from the previous site.
    pub keep: Vec<String>,
    /// The languages whose search files were not made again: take them too.
    pub kept_search: Vec<Lang>,
    /// The key of every page's context, for the next edit.
    pub contexts: BTreeMap<String, u64>,
}

impl Partial {
    /// Every file to take from `previous`: the kept pages and search files.
    pub fn kept_files(&self, previous: &Site) -> Vec<String> {
        let folders: Vec<String> = self
            .kept_search
            .iter()
            .map(|l| format!("search/{l}/"))
            .collect();
        let search = previous
            .paths()
            .filter(|p| folders.iter().any(|f| p.starts_with(f.as_str())));
        self.keep.iter().chain(search).cloned().collect()
    }
}

/// What a language's search files are made from: its documents and synonyms, hashed
/// (the three languages at once, the first time).
fn search_key(loaded: &Loaded, lang: Lang) -> u64 {
    let keys = loaded.search_keys.get_or_init(|| {
        std::thread::scope(|scope| {
            let handles: Vec<_> = Lang::ALL
                .iter()
                .map(|&l| {
                    scope.spawn(move || {
                        let docs = crate::search::documents(
                            &loaded.catalog,
                            &loaded.guides,
                            &loaded.theme.strings[&l],
                            l,
                        );
                        documents_key(loaded, l, &docs)
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("hashing does not panic"))
                .collect()
        })
    });
    let i = Lang::ALL.iter().position(|&l| l == lang);
    i.map_or(0, |i| keys[i])
}

/// The key of a language's search documents and its synonyms.
fn documents_key(loaded: &Loaded, lang: Lang, docs: &[crate::search::SearchDoc]) -> u64 {
    let synonyms: Vec<_> = loaded.synonyms.iter().filter(|s| s.lang == lang).collect();
    crate::text::digest_of(&(docs, synonyms))
}

/// One language's search files with their key; no files when the key is `unchanged`
/// (the previous build's).
fn search_files(
    loaded: &Loaded,
    lang: Lang,
    unchanged: Option<u64>,
) -> Result<SearchFiles, String> {
    let docs = crate::search::documents(
        &loaded.catalog,
        &loaded.guides,
        &loaded.theme.strings[&lang],
        lang,
    );
    let key = documents_key(loaded, lang, &docs);
    if unchanged == Some(key) {
        return Ok((key, None));
    }
    let files = index_of(loaded, lang, docs)?
        .export()
        .map_err(|e| format!("cannot export the search index: {e}"))?;
    Ok((key, Some(files)))
}

type SearchFiles = (u64, Option<Vec<(String, Vec<u8>)>>);

/// Renders `loaded` in memory after an edit, given what the previous site was
/// rendered from and its pages' context keys: every page whose context changed (and
/// not even the context of a service page whose service did not, see
/// [`render::unchanged_pages`]), and the search files of the languages whose
/// documents changed. None when the theme changed: render the whole site.
pub fn render_changed(
    previous: &Loaded,
    contexts: &BTreeMap<String, u64>,
    loaded: &Loaded,
) -> Option<Result<Partial, String>> {
    if previous.theme.key != loaded.theme.key {
        return None;
    }
    let skip = render::unchanged_pages(previous.service_inputs(), loaded.service_inputs());
    let reuse = Reuse {
        skip: skip.as_ref(),
        contexts: Some(contexts),
        search_keys: previous.search_keys.get().map(Vec::as_slice),
        ..Reuse::default()
    };
    let mut site = Site::default();
    let made = render_into(loaded, false, &reuse, &mut site);
    Some(made.map(|m| {
        let skipped: Vec<String> = skip
            .iter()
            .flatten()
            .map(|p| render::page_file(p))
            .collect();
        // A page not even prepared keeps its key, for an edit that prepares it.
        let mut keys = m.rendered.keys;
        for file in &skipped {
            if let Some(key) = contexts.get(file) {
                keys.insert(file.clone(), *key);
            }
        }
        Partial {
            site,
            keep: skipped.into_iter().chain(m.rendered.reused).collect(),
            kept_search: m.kept_search,
            contexts: keys,
        }
    }))
}

/// What [`render_into`] did besides adding files to the site.
pub struct Made {
    pub rendered: render::Rendered,
    /// The languages whose search files were not made: the caller has them.
    pub kept_search: Vec<Lang>,
}

/// Renders every page, index and asset into `site` (in memory or streaming to disk),
/// but what `reuse` lets it take from the previous build.
pub fn render_into(
    loaded: &Loaded,
    progress: bool,
    reuse: &Reuse,
    site: &mut Site,
) -> Result<Made, String> {
    let answers = crate::locator::answers(&loaded.catalog);
    let no_words = std::collections::BTreeMap::new();
    let maps: std::collections::BTreeMap<_, _> = Lang::ALL
        .iter()
        .map(|&l| {
            let words = loaded.theme.strings.get(&l).unwrap_or(&no_words);
            let outline = &loaded.theme.outline;
            (
                l,
                crate::locator::map::svg(&loaded.catalog, l, words, outline),
            )
        })
        .collect();
    // The stylesheet and the page script get names from their content, so that
    // servers may cache them for a year; the search and locator modules keep
    // their published names.
    let mut static_files = loaded.theme.files.clone();
    for (name, bytes) in static_files.iter_mut() {
        if name.ends_with(".mjs")
            && let Ok(src) = std::str::from_utf8(bytes)
        {
            *bytes = render::js::slim(src).into_bytes();
        }
    }
    let css = fingerprint(&mut static_files, "assets/style.css");
    let js = fingerprint(&mut static_files, "assets/app.mjs");
    let input = render::Input {
        catalog: &loaded.catalog,
        guides: &loaded.guides,
        answers: &answers,
        maps: &maps,
        css: &css,
        js: &js,
        progress,
        keep: reuse.skip,
        previous: reuse.contexts,
    };
    let t = Instant::now();
    // The three languages' search indexes are independent of each other and of the
    // pages: they are made while the pages render.
    let (rendered, render_ms, search) = std::thread::scope(|scope| {
        let handles: Vec<_> = Lang::ALL
            .iter()
            .enumerate()
            .filter(|(_, lang)| !reuse.search.contains(lang))
            .map(|(i, &lang)| {
                let unchanged = reuse.search_keys.and_then(|k| k.get(i).copied());
                (
                    lang,
                    scope.spawn(move || search_files(loaded, lang, unchanged)),
                )
            })
            .collect();
        let rendered = render::render(&input, &loaded.theme, site);
        let render_ms = t.elapsed().as_millis();
        let search: Vec<_> = handles
            .into_iter()
            .map(|(lang, h)| (lang, h.join().expect("indexing does not panic")))
            .collect();
        (rendered, render_ms, search)
    });
    let rendered = rendered?;
    let mut kept_search = reuse.search.to_vec();
    let mut keys = Vec::new();
    for (lang, made) in search {
        let (key, files) = made?;
        keys.push(key);
        match files {
            Some(files) => files
                .into_iter()
                .try_for_each(|(rel, b)| site.add(rel, b))?,
            None => kept_search.push(lang),
        }
    }
    // Every language's key is known now: the next edit compares with them.
    if keys.len() == Lang::ALL.len() {
        let _ = loaded.search_keys.set(keys);
    }
    if std::env::var_os("CCU_TIMINGS").is_some() {
        let all_ms = t.elapsed().as_millis();
        eprintln!("render {render_ms} ms, with the search indexes {all_ms} ms");
    }
    let places = crate::locator::export(&loaded.catalog);
    add_worker(loaded, &mut static_files, &places, (&css, &js));
    site.add("locator/places.json", places)?;
    for (rel, bytes) in static_files {
        site.add(rel, bytes)?;
    }
    Ok(Made {
        rendered,
        kept_search,
    })
}

/// Stamps the service worker (`render::offline::WORKER`) with a key of what this
/// build is made from and the shell it keeps, so a changed site replaces what
/// browsers kept of the old one.
fn add_worker(
    loaded: &Loaded,
    files: &mut BTreeMap<String, Vec<u8>>,
    places: &[u8],
    (css, js): (&str, &str),
) {
    let Some(src) = files.get(render::offline::WORKER) else {
        return;
    };
    let mut rest = format!("{:?}{:?}", loaded.guides, loaded.synonyms).into_bytes();
    rest.extend(places);
    let key = render::offline::build_key(
        loaded.theme.key,
        loaded.service_inputs(),
        &loaded.catalog,
        &rest,
    );
    let shell = render::offline::shell(files.keys(), css, js);
    let worker = render::offline::worker(src, key, &shell);
    files.insert(render::offline::WORKER.to_string(), worker);
}

/// Renames `assets/NAME.EXT` to `assets/NAME.HASH.EXT` and returns its URL path.
fn fingerprint(files: &mut std::collections::BTreeMap<String, Vec<u8>>, rel: &str) -> String {
    let Some(bytes) = files.remove(rel) else {
        return format!("/{rel}");
    };
    let hash = crate::text::fnv1a(&bytes);
    let (stem, ext) = rel.rsplit_once('.').unwrap_or((rel, ""));
    let named = format!("{stem}.{:08x}.{ext}", hash >> 32);
    files.insert(named.clone(), bytes);
    format!("/{named}")
}

/// The search index of one language.
pub fn search_index(loaded: &Loaded, lang: Lang) -> Result<crate::search::LangIndex, String> {
    let docs = crate::search::documents(
        &loaded.catalog,
        &loaded.guides,
        &loaded.theme.strings[&lang],
        lang,
    );
    index_of(loaded, lang, docs)
}

/// The search index of one language's documents, with its synonyms.
fn index_of(
    loaded: &Loaded,
    lang: Lang,
    docs: Vec<crate::search::SearchDoc>,
) -> Result<crate::search::LangIndex, String> {
    crate::search::LangIndex::build(docs, lang, &loaded.synonyms)
        .map_err(|e| format!("cannot build the search index: {e}"))
}

pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    /// What was built, for people: "26 services, 6 agencies, …".
    pub contents: String,
    pub pages: usize,
    pub files: usize,
    pub bytes: usize,
    pub millis: u128,
    pub out: PathBuf,
}

pub enum BuildError {
    /// The input has errors; nothing was written.
    Content(Vec<Diagnostic>),
    /// The output could not be produced or written; nothing was replaced.
    Output(String),
}

/// Checks, renders and writes the site to `out`, replacing it whole or not at all.
/// How `build` runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Missing translations are errors.
    pub strict: bool,
    /// Write `.gz` and `.br` beside every text file.
    pub precompress: bool,
    /// Show how many pages are done on standard error (for people at a terminal).
    pub progress: bool,
}

pub fn build(root: &Path, out: &Path, opts: Options) -> Result<Report, BuildError> {
    let start = Instant::now();
    let (loaded, diagnostics) = check(root, opts.strict);
    let Some(loaded) = loaded else {
        return Err(BuildError::Content(diagnostics));
    };
    crate::output::check_destination(root, out).map_err(BuildError::Output)?;
    let checked = start.elapsed().as_millis();
    // Pages go to disk as they are rendered; the folder is swapped in at the end.
    let output_error =
        |e: std::io::Error| BuildError::Output(crate::output::describe_error(out, &e));
    let mut site = Site::streaming_to(out, opts.precompress).map_err(output_error)?;
    // Pages whose inputs did not change since the previous output are linked, not rendered.
    let cached = Cached::find(&loaded, out);
    let rendered = cached
        .link_kept(&mut site)
        .and_then(|()| render_into(&loaded, opts.progress, &cached.reuse(), &mut site))
        .and_then(|m| {
            let r = m.rendered;
            cached.link_reused(&r.reused, &mut site)?;
            match cached.manifest(&site, &r) {
                Some(text) => site.add(cache::FILE, text),
                None => Ok(()),
            }?;
            Ok(r.reused.len())
        });
    let reused = match rendered {
        Ok(n) => n,
        Err(e) => return Err(site.abandon().map_or(BuildError::Output(e), output_error)),
    };
    let pages = site.paths().filter(|p| p.ends_with(".html")).count();
    let (files, bytes) = (site.len(), site.total_bytes());
    let t = Instant::now();
    site.write_atomically(out).map_err(output_error)?;
    if std::env::var_os("CCU_TIMINGS").is_some() {
        eprintln!(
            "check {checked} ms, pages kept unrendered {} ({} not even prepared), search indexes kept {}, finishing writes {} ms",
            cached.keep.len() + reused,
            cached.keep.len(),
            cached.kept_search.len(),
            t.elapsed().as_millis()
        );
    }
    let c = &loaded.catalog;
    let contents = format!(
        "{} services, {} agencies, {} units, {} districts, {} guides, in az, en and ru",
        c.services.len(),
        c.agencies.len(),
        c.units.len(),
        c.districts.len(),
        loaded.guides.len()
    );
    Ok(Report {
        diagnostics,
        contents,
        pages,
        files,
        bytes,
        millis: start.elapsed().as_millis(),
        out: out.to_path_buf(),
    })
}

/// The pages a build keeps from the previous output (see `cache`), and what it
/// needs to write the cache of the new one.
struct Cached {
    shared: Option<cache::Shared>,
    /// The hash of each service's and guide's page's own inputs, by output file.
    wanted: BTreeMap<String, u64>,
    /// The previous output's pages kept without preparing them, and search files,
    /// with their sizes.
    kept: BTreeMap<String, (cache::Entry, usize)>,
    /// The kept pages' URL paths, which rendering skips.
    keep: BTreeSet<String>,
    /// The previous output's other pages that still hold the bytes they were
    /// written with, with their sizes: the key of their context is the entry's input.
    contexts: BTreeMap<String, (cache::Entry, usize)>,
    /// Their context keys, by output file, for rendering.
    context_keys: BTreeMap<String, u64>,
    /// The hash of each language's search documents and synonyms, by folder (`search/en/`).
    search_keys: BTreeMap<String, u64>,
    /// The languages whose search files are all kept, which indexing skips.
    kept_search: Vec<Lang>,
}

impl Cached {
    fn find(loaded: &Loaded, out: &Path) -> Cached {
        let keys = render::page_keys(&loaded.catalog, &loaded.guides);
        let shared = cache::shared_key(loaded);
        let wanted: BTreeMap<String, u64> = keys
            .iter()
            .map(|(url, key)| (render::page_file(url), *key))
            .collect();
        let (previous, same_catalog) = match shared {
            Some(shared) => cache::read(out, shared),
            None => (BTreeMap::new(), false),
        };
        let mut kept = match same_catalog {
            true => cache::reusable(out, &previous, &wanted),
            false => BTreeMap::new(),
        };
        let keep = keys
            .into_iter()
            .map(|(url, _)| url)
            .filter(|url| kept.contains_key(&render::page_file(url)))
            .collect();
        // Every other page is kept when its context is the same: which of the
        // previous pages are still as written is all that can be known now.
        let others: BTreeMap<String, u64> = previous
            .iter()
            .filter(|(rel, _)| rel.ends_with("index.html") && !wanted.contains_key(*rel))
            .map(|(rel, e)| (rel.clone(), e.input))
            .collect();
        let contexts = cache::reusable(out, &previous, &others);
        let context_keys = contexts
            .iter()
            .map(|(rel, (e, _))| (rel.clone(), e.input))
            .collect();
        // A language's search files are kept all together, when the documents and
        // synonyms they were made from are the same and every one is unchanged.
        let mut search_keys = BTreeMap::new();
        let mut kept_search = Vec::new();
        for lang in Lang::ALL {
            let key = search_key(loaded, lang);
            let folder = format!("search/{lang}/");
            let files: BTreeMap<String, u64> = previous
                .range(folder.clone()..)
                .take_while(|(rel, _)| rel.starts_with(&folder))
                .map(|(rel, e)| (rel.clone(), e.input))
                .collect();
            search_keys.insert(folder, key);
            if files.is_empty() || files.values().any(|input| *input != key) {
                continue;
            }
            let same = cache::reusable(out, &previous, &files);
            if same.len() == files.len() {
                kept.extend(same);
                kept_search.push(lang);
            }
        }
        Cached {
            shared,
            wanted,
            kept,
            keep,
            contexts,
            context_keys,
            search_keys,
            kept_search,
        }
    }

    /// What rendering may take from the previous output.
    fn reuse(&self) -> Reuse<'_> {
        Reuse {
            skip: Some(&self.keep),
            contexts: Some(&self.context_keys),
            search: &self.kept_search,
            search_keys: None,
        }
    }

    /// Hands the kept pages to the site, to be linked from the previous output.
    fn link_kept(&self, site: &mut Site) -> Result<(), String> {
        self.kept
            .iter()
            .try_for_each(|(rel, (_, size))| site.keep_previous(rel, *size))
    }

    /// Hands the pages rendering took from the previous output to the site.
    fn link_reused(&self, reused: &[String], site: &mut Site) -> Result<(), String> {
        reused
            .iter()
            .try_for_each(|rel| match self.contexts.get(rel) {
                Some((_, size)) => site.keep_previous(rel, *size),
                None => Err(format!(
                    "{rel} was taken from a previous build that lacks it"
                )),
            })
    }

    /// The new output's cache: the kept pages and search files, and those made now.
    fn manifest(&self, site: &Site, rendered: &render::Rendered) -> Option<String> {
        let shared = self.shared?;
        let entry = |rel: &String, input: u64, kept: Option<&(cache::Entry, usize)>| {
            let output = match kept {
                Some((e, _)) => e.output,
                None => site.page_hash(rel)?,
            };
            Some((rel.clone(), cache::Entry { input, output }))
        };
        let mut pages: BTreeMap<String, cache::Entry> = self
            .wanted
            .iter()
            .filter_map(|(rel, input)| entry(rel, *input, self.kept.get(rel)))
            .collect();
        let contexts = rendered
            .keys
            .iter()
            .filter(|(rel, _)| !self.wanted.contains_key(*rel));
        pages.extend(contexts.filter_map(|(rel, key)| {
            let kept = self.contexts.get(rel).filter(|(e, _)| e.input == *key);
            entry(rel, *key, kept)
        }));
        for (folder, key) in &self.search_keys {
            for (rel, (e, _)) in self.kept.range(folder.clone()..) {
                if !rel.starts_with(folder.as_str()) {
                    break;
                }
                pages.insert(rel.clone(), *e);
            }
            for (rel, output) in site.hashes_under(folder) {
                let input = *key;
                pages.insert(rel.clone(), cache::Entry { input, output });
            }
        }
        Some(cache::manifest(shared, &pages))
    }
}

/// `ccu search` for people: the results in the page's language, saying when they
/// came from another language or script; with none, what to try instead.
pub fn search_report(loaded: &Loaded, a: &crate::search::Answer) -> String {
    let lang = a.lang;
    let t = |key: &str| {
        loaded
            .theme
            .strings
            .get(&lang)
            .and_then(|m| m.get(key))
            .cloned()
            .unwrap_or_default()
    };
    let mut out = Vec::new();
    if a.matched_lang != lang {
        let in_lang = t(&format!("search_in_{}", a.matched_lang));
        out.push(t("search_fallback").replace("{lang}", &in_lang));
    }
    if a.matched_query != a.query {
        out.push(t("search_translit").replace("{query}", &a.matched_query));
    }
    for (i, h) in a.hits.iter().enumerate() {
        out.push(format!(
            "{:>2}. {:<22} {:>7.3}  {}  {}",
            i + 1,
            h.id,
            h.score,
            h.title,
            h.url
        ));
        // The sentence that shows why it matched.
        if !h.snippet.is_empty() {
            out.push(format!("    {}", h.snippet));
        }
    }
    if a.hits.is_empty() {
        let c = &loaded.catalog;
        out.push(format!("“{}”: {}", a.query, t("search_none")));
        if !a.did_you_mean.is_empty() {
            out.push(format!(
                "{}: {}?",
                t("search_suggest"),
                a.did_you_mean.join(", ")
            ));
        }
        out.push(format!("{}:", t("home_topics_title")));
        for tp in &c.topics {
            let url = crate::render::url_topic(lang, &tp.id);
            out.push(format!("  - {}  {url}", tp.name.plain(lang)));
        }
        out.push(format!("{}:", t("search_other_ways")));
        for ch in c.programme.remote_channels() {
            out.push(format!("  - {}", ch.line(lang)));
        }
    }
    out.join("\n")
}
