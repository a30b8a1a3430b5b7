//! Live preview: watch the sources, rebuild on save, tell open pages to reload.
//!
//! A broken edit keeps the last good site in service; the error goes to the
//! terminal and, through the reload stream, to an overlay in the browser.

use crate::diag::Diagnostic;
use crate::output::Site;
use crate::site::Loaded;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant};

/// What the open pages learn after each rebuild.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Status {
    pub generation: u64,
    /// The problems of the last build, one per line; None when it succeeded.
    pub error: Option<String>,
    /// The warnings of the last good build, each as the terminal shows it.
    pub warnings: Vec<String>,
    /// Pages the last good build took unchanged from the one before, not rendered.
    pub kept: usize,
}

pub struct Live {
    pub site: RwLock<Site>,
    status: Mutex<Status>,
    /// Tells the reload streams about each rebuild.
    changed: tokio::sync::watch::Sender<u64>,
    /// What the served site was rendered from, and the key of each page's context,
    /// so that an edit re-renders only the pages it changed.
    built_from: Mutex<Option<(Loaded, BTreeMap<String, u64>)>>,
    /// A file other than `catalog.yaml` changed since `built_from` was loaded (in a
    /// rebuild that failed): the next rebuild reads everything, whatever changed.
    others_changed: std::sync::atomic::AtomicBool,
}

/// A site built in memory, with its warnings.
pub struct Built {
    pub site: Site,
    pub warnings: Vec<String>,
}

/// Checks and renders the site in memory; the error text names file and line.
pub fn build(root: &Path) -> Result<Built, String> {
    let (loaded, warnings) = check(root)?;
    let (site, _) = crate::site::render_site(&loaded)?;
    Ok(Built { site, warnings })
}

/// Checks the site root: what was loaded and the warnings, or the errors.
fn check(root: &Path) -> Result<(Loaded, Vec<String>), String> {
    checked(crate::site::check(root, false))
}

/// What was loaded and the warnings, or the errors.
fn checked(
    (loaded, diags): (Option<Loaded>, Vec<Diagnostic>),
) -> Result<(Loaded, Vec<String>), String> {
    let Some(loaded) = loaded else {
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::to_string)
            .collect();
        return Err(errors.join("\n"));
    };
    Ok((loaded, diags.iter().map(Diagnostic::to_string).collect()))
}

/// The warnings for the terminal, one after the other, and how many.
fn print_warnings(warnings: &[String]) {
    for w in warnings {
        eprintln!("{w}");
    }
    if !warnings.is_empty() {
        eprintln!(
            "{} warning(s); the site is served with them",
            warnings.len()
        );
    }
}

impl Live {
    pub fn new(root: &Path) -> Arc<Live> {
        let live = Live {
            site: RwLock::new(Site::default()),
            status: Mutex::new(Status::default()),
            changed: tokio::sync::watch::Sender::new(0),
            built_from: Mutex::new(None),
            others_changed: std::sync::atomic::AtomicBool::new(false),
        };
        let mut status = live.status.lock().unwrap_or_else(|e| e.into_inner());
        match live.update(root, false) {
            Ok((warnings, _)) => {
                print_warnings(&warnings);
                status.warnings = warnings;
            }
            Err(e) => {
                eprintln!("{e}");
                status.error = Some(e);
            }
        }
        drop(status);
        Arc::new(live)
    }

    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Rebuilds; swaps the site in only when the build succeeded. `catalog_only`:
    /// nothing but `catalog.yaml` changed since the last build.
    pub fn rebuild(&self, root: &Path, catalog_only: bool) {
        let start = Instant::now();
        let result = self.update(root, catalog_only);
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok((warnings, kept)) => {
                status.error = None;
                print_warnings(&warnings);
                status.warnings = warnings;
                status.kept = kept;
                let ms = start.elapsed().as_millis();
                match kept {
                    0 => println!("rebuilt in {ms} ms"),
                    n => println!("rebuilt in {ms} ms ({n} unchanged pages kept)"),
                }
            }
            Err(e) => {
                eprintln!("{e}\nstill serving the last good site; fix the problem and save again");
                status.error = Some(e);
            }
        }
        status.generation += 1;
        self.changed.send_replace(status.generation);
    }

    /// Checks and renders the root and serves the result: only the pages that
    /// changed when the theme did not, else everything. Returns the warnings and
    /// how many pages were kept from the previous site.
    fn update(&self, root: &Path, catalog_only: bool) -> Result<(Vec<String>, usize), String> {
        use std::sync::atomic::Ordering::SeqCst;
        let t = Instant::now();
        let mut built_from = self.built_from.lock().unwrap_or_else(|e| e.into_inner());
        // Until a site built from this change is served, every rebuild reads every file.
        if !catalog_only {
            self.others_changed.store(true, SeqCst);
        }
        let catalog_only = catalog_only && !self.others_changed.load(SeqCst);
        let previous = built_from.as_mut().map(|(p, _)| p).filter(|_| catalog_only);
        let (loaded, warnings) = checked(crate::site::check_live(root, previous))?;
        if std::env::var_os("CCU_TIMINGS").is_some() {
            eprintln!("check {} ms", t.elapsed().as_millis());
        }
        let partial = match built_from.as_ref() {
            Some((previous, contexts)) => crate::site::render_changed(previous, contexts, &loaded),
            None => None,
        };
        if let Some(partial) = partial {
            let mut partial = partial?;
            let mut site = self.site.write().unwrap_or_else(|e| e.into_inner());
            let kept = partial.kept_files(&site);
            if partial.site.take_from(&mut site, &kept) {
                *site = partial.site;
                *built_from = Some((loaded, partial.contexts));
                self.others_changed.store(false, SeqCst);
                return Ok((warnings, partial.keep.len()));
            }
        }
        let (site, contexts) = crate::site::render_site(&loaded)?;
        *self.site.write().unwrap_or_else(|e| e.into_inner()) = site;
        *built_from = Some((loaded, contexts));
        self.others_changed.store(false, SeqCst);
        Ok((warnings, 0))
    }

    /// A receiver that wakes after each rebuild (then read [`Live::status`]).
    pub fn subscribe(&self) -> tokio::sync::watch::Receiver<u64> {
        self.changed.subscribe()
    }
}

/// Is this path one whose change should rebuild the site?
fn is_source(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    rel == Path::new(crate::catalog::FILE)
        || rel.starts_with(crate::content::DIR)
        || rel.starts_with("themes")
}

/// Watches the sources and rebuilds once per quiet batch of changes.
/// The returned value must be kept alive for the watching to go on.
pub fn watch(root: PathBuf, live: Arc<Live>) -> Result<impl Drop, String> {
    let root = std::fs::canonicalize(&root).map_err(|e| e.to_string())?;
    let handler_root = root.clone();
    let mut debouncer = new_debouncer(
        Duration::from_millis(50),
        None,
        move |result: DebounceEventResult| {
            let Ok(events) = result else { return };
            let changed: Vec<&PathBuf> = events
                .iter()
                .filter(|e| !matches!(e.kind, EventKind::Access(_)))
                .flat_map(|e| e.paths.iter())
                .filter(|p| is_source(&handler_root, p))
                .collect();
            if !changed.is_empty() {
                let catalog = handler_root.join(crate::catalog::FILE);
                let catalog_only = changed.iter().all(|p| **p == catalog);
                live.rebuild(&handler_root, catalog_only);
            }
        },
    )
    .map_err(|e| format!("cannot watch {}: {e}", root.display()))?;
    debouncer
        .watch(&root, RecursiveMode::NonRecursive)
        .map_err(|e| e.to_string())?;
    for dir in [crate::content::DIR, "themes"] {
        let p = root.join(dir);
        if p.is_dir() {
            debouncer
                .watch(&p, RecursiveMode::Recursive)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(debouncer)
}

/// Served only by `ccu serve`: reloads the page after a rebuild, shows a build
/// error over the page, and the last build's warnings in a notice that can be closed.
pub const RELOAD_JS: &str = r#"// ccu serve only: never part of a built site.
const es = new EventSource('/__ccu/events');
es.onmessage = (e) => {
  const s = JSON.parse(e.data);
  if (!s.error) { location.reload(); return; }
  let box = document.getElementById('ccu-build-error');
  if (!box) {
    box = document.createElement('pre');
    box.id = 'ccu-build-error';
    box.setAttribute('role', 'alert');
    Object.assign(box.style, { position: 'fixed', left: '0', right: '0', bottom: '0', margin: '0', padding: '1rem',
      background: '#0b0c0c', color: '#fff', font: '16px/1.4 monospace', whiteSpace: 'pre-wrap', zIndex: '1000',
      maxHeight: '50vh', overflow: 'auto', borderTop: '6px solid #d4351c' });
    document.body.append(box);
  }
  box.textContent = 'The last edit could not be built; this page is the last good version.\n\n' + s.error;
};
// Warnings do not stop the site: a notice in a corner, closed with its button or Escape.
fetch('/__ccu/status').then((r) => r.json()).then((s) => {
  if (!s.warnings || !s.warnings.length || s.error) return;
  const box = document.createElement('section');
  box.id = 'ccu-build-notice';
  box.setAttribute('role', 'status');
  box.setAttribute('aria-label', 'Build warnings');
  Object.assign(box.style, { position: 'fixed', right: '1rem', top: '1rem', maxWidth: '36rem', maxHeight: '40vh',
    overflow: 'auto', padding: '0.75rem 1rem', background: '#fff8e1', color: '#0b0c0c', border: '3px solid #b35c00',
    font: '14px/1.4 monospace', whiteSpace: 'pre-wrap', zIndex: '999' });
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = 'Close';
  close.style.float = 'right';
  close.onclick = () => box.remove();
  const text = document.createElement('div');
  text.textContent = s.warnings.length + ' warning(s) in the last build:\n\n' + s.warnings.join('\n');
  box.append(close, text);
  document.addEventListener('keydown', (e) => { if (e.key === 'Escape') box.remove(); });
  document.body.append(box);
}).catch(() => {});
"#;
