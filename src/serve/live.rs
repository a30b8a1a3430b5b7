//! Live preview: watch the sources, rebuild on save, tell open pages to reload.
//!
//! A broken edit keeps the last good site in service; the error goes to the
//! terminal and, through the reload stream, to an overlay in the browser.

use crate::diag::Diagnostic;
use crate::output::Site;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
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
}

pub struct Live {
    pub site: RwLock<Site>,
    status: Mutex<Status>,
    /// Tells the reload streams about each rebuild.
    changed: tokio::sync::watch::Sender<u64>,
}

/// A site built in memory, with its warnings.
pub struct Built {
    pub site: Site,
    pub warnings: Vec<String>,
}

/// Checks and renders the site in memory; the error text names file and line.
pub fn build(root: &Path) -> Result<Built, String> {
    let (loaded, diags) = crate::site::check(root, false);
    let Some(loaded) = loaded else {
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::to_string)
            .collect();
        return Err(errors.join("\n"));
    };
    let warnings = diags.iter().map(Diagnostic::to_string).collect();
    let site = crate::site::render_site(&loaded)?;
    Ok(Built { site, warnings })
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
        let (site, error, warnings) = match build(root) {
            Ok(b) => {
                print_warnings(&b.warnings);
                (b.site, None, b.warnings)
            }
            Err(e) => {
                eprintln!("{e}");
                (Site::default(), Some(e), Vec::new())
            }
        };
        Arc::new(Live {
            site: RwLock::new(site),
            status: Mutex::new(Status {
                generation: 0,
                error,
                warnings,
            }),
            changed: tokio::sync::watch::Sender::new(0),
        })
    }

    pub fn status(&self) -> Status {
        self.status
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Rebuilds; swaps the site in only when the build succeeded.
    pub fn rebuild(&self, root: &Path) {
        let start = Instant::now();
        let result = build(root);
        let mut status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        match result {
            Ok(built) => {
                *self.site.write().unwrap_or_else(|e| e.into_inner()) = built.site;
                status.error = None;
                print_warnings(&built.warnings);
                status.warnings = built.warnings;
                println!("rebuilt in {} ms", start.elapsed().as_millis());
            }
            Err(e) => {
                eprintln!("{e}\nstill serving the last good site; fix the problem and save again");
                status.error = Some(e);
            }
        }
        status.generation += 1;
        self.changed.send_replace(status.generation);
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
            let relevant = events.iter().any(|e| {
                !matches!(e.kind, EventKind::Access(_))
                    && e.paths.iter().any(|p| is_source(&handler_root, p))
            });
            if relevant {
                live.rebuild(&handler_root);
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
