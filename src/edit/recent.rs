//! The changes saved since the server started, newest first, for the entry page's
//! "recent changes" and the notice after a save. Kept in memory only: the history that
//! outlives the server (git or a journal) is another module's, which can take this
//! list's place on the entry page.

use super::words::W;
use crate::lang::Lang;
use crate::text::escape;
use std::sync::Mutex;

/// One saved change: when, what (in words, in the language the editor saved in), and
/// the form it was made in.
#[derive(Clone, Debug)]
pub struct Change {
    /// Its number, for the address the editor is sent to after the save (`?saved=3`).
    pub id: u64,
    /// Seconds since the Unix epoch.
    pub at: u64,
    pub what: String,
    pub href: String,
    /// The field paths it changed (`services[3].facts.time[0].text.ru`).
    pub paths: Vec<String>,
}

static RECENT: Mutex<Vec<Change>> = Mutex::new(Vec::new());

/// How many changes the list keeps.
const KEEP: usize = 20;

static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

/// Notes a saved change; returns its number.
pub fn note(what: String, href: String, paths: Vec<String>) -> u64 {
    let at = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let id = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut list = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    list.insert(
        0,
        Change {
            id,
            at,
            what,
            href,
            paths,
        },
    );
    list.truncate(KEEP);
    id
}

/// The change numbered `id`, while the list keeps it.
pub fn get(id: u64) -> Option<Change> {
    let list = RECENT.lock().unwrap_or_else(|e| e.into_inner());
    list.iter().find(|c| c.id == id).cloned()
}

/// The changes, newest first.
pub fn list() -> Vec<Change> {
    RECENT.lock().unwrap_or_else(|e| e.into_inner()).clone()
}

/// `HH:MM` (UTC) of a time.
fn clock(at: u64) -> String {
    format!("{:02}:{:02}", at / 3600 % 24, at / 60 % 60)
}

/// The entry page's "recent changes".
pub fn html(lang: Lang) -> String {
    let mut out = format!(
        "<section aria-labelledby=recent-h><h2 id=recent-h>{}</h2>",
        W::recent.t(lang)
    );
    let list = list();
    if list.is_empty() {
        out.push_str(&format!("<p>{}</p>", W::recent_none.t(lang)));
    } else {
        out.push_str("<ul>");
        for c in list {
            out.push_str(&format!(
                "<li><time>{}</time> <a href=\"{}\">{}</a></li>",
                clock(c.at),
                escape(&c.href),
                escape(&c.what)
            ));
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
    out
}
