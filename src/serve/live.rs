//! Live preview: watch the sources, rebuild on save, tell open pages to reload.
//!
//! A broken edit keeps the last good site in service; the error goes to the
//! terminal and, through the reload stream, to an overlay in the browser.

use crate::diag::Diagnostic;
use crate::output::Site;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

/// What the open pages learn after each rebuild.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Status {
    pub generation: u64,
    /// The problems of the last build, one per line; None when it succeeded.
    pub error: Option<String>,
}

pub struct Live {
    pub site: RwLock<Site>,
    pub status: Mutex<Status>,
    changed: Condvar,
}

/// Checks and renders the site in memory; the error text names file and line.
pub fn build(root: &Path) -> Result<Site, String> {
    let (loaded, diags) = crate::site::check(root, false);
    let Some(loaded) = loaded else {
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(Diagnostic::to_string)
            .collect();
        return Err(errors.join("\n"));
    };
    crate::site::render_site(&loaded)
}

impl Live {
    pub fn new(root: &Path) -> Arc<Live> {
        let (site, error) = match build(root) {
            Ok(s) => (s, None),
            Err(e) => {
                eprintln!("{e}");
                (Site::default(), Some(e))
            }
        };
        Arc::new(Live {
            site: RwLock::new(site),
            status: Mutex::new(Status {
                generation: 0,
                error,
            }),
            changed: Condvar::new(),
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
            Ok(site) => {
                *self.site.write().unwrap_or_else(|e| e.into_inner()) = site;
                status.error = None;
                println!("rebuilt in {} ms", start.elapsed().as_millis());
            }
            Err(e) => {
                eprintln!("{e}\nstill serving the last good site; fix the problem and save again");
                status.error = Some(e);
            }
        }
        status.generation += 1;
        self.changed.notify_all();
    }

    /// Blocks until the generation moves past `seen`, or `timeout` passes.
    pub fn wait(&self, seen: u64, timeout: Duration) -> Status {
        let status = self.status.lock().unwrap_or_else(|e| e.into_inner());
        let (status, _) = self
            .changed
            .wait_timeout_while(status, timeout, |s| s.generation == seen)
            .unwrap_or_else(|e| e.into_inner());
        status.clone()
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

/// The reload stream: one server-sent event per rebuild, written straight to
/// the socket (tiny_http would buffer a streamed body).
pub fn stream_events(live: &Live, mut w: Box<dyn Write + Send>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    let mut seen = live.status().generation;
    loop {
        let s = live.wait(seen, Duration::from_secs(15));
        let line = if s.generation != seen {
            seen = s.generation;
            format!(
                "data: {}\n\n",
                serde_json::to_string(&s).unwrap_or_default()
            )
        } else {
            ": still here\n\n".to_string()
        };
        if w.write_all(line.as_bytes())
            .and_then(|_| w.flush())
            .is_err()
        {
            return;
        }
    }
}

/// Served only by `ccu serve`: reloads the page after a rebuild, or shows the error.
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
"#;
