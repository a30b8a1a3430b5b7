//! `ccu serve`: builds the site in memory and serves it on loopback, rebuilding
//! on every saved change.
//!
//! Files are looked up by path in the built site, never on disk, so no
//! request can reach a file outside it.

mod edit;
mod http;
mod live;

pub use http::{Limits, SECURITY_HEADERS, host_allowed, leaves_loopback};
pub use live::{Live, Status, build};

use crate::output::Site;
use std::path::{Path, PathBuf};

/// Content type by file extension.
pub fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "bin" => "application/octet-stream",
        _ => "application/octet-stream",
    }
}

/// The site file a URL path asks for, or None when it is not a path inside the site.
pub fn resolve(site: &Site, url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if !decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    let rel = decoded.trim_start_matches('/');
    let candidate = if rel.is_empty() || rel.ends_with('/') {
        format!("{rel}index.html")
    } else {
        rel.to_string()
    };
    if site.get(&candidate).is_some() {
        return Some(candidate);
    }
    let dir_index = format!("{rel}/index.html");
    site.get(&dir_index).is_some().then_some(dir_index)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A response: status, content type, body.
pub fn respond(site: &Site, url: &str) -> (u16, &'static str, Vec<u8>) {
    match resolve(site, url) {
        Some(rel) => (
            200,
            content_type(&rel),
            site.get(&rel).unwrap_or_default().to_vec(),
        ),
        None => {
            let path = url.split(['?', '#']).next().unwrap_or("");
            let traversal = percent_decode(path).is_none_or(|p| p.contains(".."));
            let status = if traversal { 403 } else { 404 };
            (
                status,
                "text/html; charset=utf-8",
                site.get("404.html").unwrap_or(b"Not found").to_vec(),
            )
        }
    }
}

/// Adds the live-reload script to an HTML page (serve only, never in a build).
fn with_reload(mut html: Vec<u8>) -> Vec<u8> {
    const TAG: &[u8] = b"<script type=module src=/__ccu/reload.js></script>";
    match html.windows(7).rposition(|w| w == b"</body>") {
        Some(i) => {
            html.splice(i..i, TAG.iter().copied());
        }
        None => html.extend_from_slice(TAG),
    }
    html
}

/// Adds an "Edit" link to the page's form at the start of its main content (serve
/// only, never in a build, like the reload script).
fn with_edit_link(mut html: Vec<u8>, path: &str) -> Vec<u8> {
    let lang = crate::edit::words::split(path).map_or(crate::lang::Lang::DEFAULT, |(l, _)| l);
    let link = format!(
        "<p class=ccu-edit lang={lang}><a href=\"/_edit{}\">{}</a></p>",
        crate::render::escape(path),
        crate::edit::words::W::edit_this_page.t(lang)
    );
    let at = html
        .windows(5)
        .position(|w| w == b"<main")
        .and_then(|i| html[i..].iter().position(|&b| b == b'>').map(|j| i + j + 1));
    match at {
        Some(i) => {
            html.splice(i..i, link.bytes());
        }
        None => html.extend_from_slice(link.as_bytes()),
    }
    html
}

fn error_page(error: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Build error</title><h1>The site could not be built</h1><pre>{}</pre><script type=module src=/__ccu/reload.js></script></html>",
        crate::render::escape(error)
    )
    .into_bytes()
}

/// What a page request gets: the page (with the reload script), 404/403, or,
/// while no build has ever succeeded, the build error.
fn page_response(live: &Live, root: &Path, url: &str) -> (u16, &'static str, Vec<u8>) {
    let site = live.site.read().unwrap_or_else(|e| e.into_inner());
    if site.is_empty() {
        let error = live.status().error.unwrap_or_default();
        return (500, "text/html; charset=utf-8", error_page(&error));
    }
    let (status, ctype, body) = respond(&site, url);
    if ctype.starts_with("text/html") {
        let path = url.split(['?', '#']).next().unwrap_or("/");
        let body = if status == 200 && crate::edit::editable(path) {
            let saved = url
                .split_once('?')
                .and_then(|(_, q)| {
                    url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "saved")
                })
                .and_then(|(_, v)| v.parse().ok());
            crate::edit::preview::mark(root, path, with_edit_link(body, path), saved)
        } else {
            body
        };
        (status, ctype, with_reload(body))
    } else {
        (status, ctype, body)
    }
}

/// Builds `root`, serves it on `bind:port` and rebuilds on every change, until the process ends.
pub fn run(root: PathBuf, bind: &str, port: u16, out: Option<PathBuf>) -> Result<(), String> {
    let out = out.unwrap_or_else(|| root.join("dist"));
    let listener = std::net::TcpListener::bind((bind, port))
        .and_then(|l| l.set_nonblocking(true).map(|()| l))
        .map_err(|e| {
            format!("cannot listen on {bind}:{port}: {e}\n  help: is another server using the port? Choose another with --port (0 picks a free one)")
        })?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    if leaves_loopback(bind) {
        eprintln!(
            "warning: --bind {bind} lets other machines on the network open this preview\n  help: the preview is meant for this machine; leave out --bind to listen on 127.0.0.1 only"
        );
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    // A save killed between writing its temporary file and renaming it leaves the file.
    for file in crate::files::remove_stale_temps(&root) {
        eprintln!("removed {file}, left by a save that did not finish");
    }
    let live = Live::new(&root);
    let _watcher = live::watch(root.clone(), live.clone())?;
    let token = edit::new_token()?;
    let canonical = std::fs::canonicalize(&root).map_err(|e| format!("{}: {e}", root.display()))?;
    let host = if addr.is_ipv6() {
        format!("[{}]", addr.ip())
    } else {
        addr.ip().to_string()
    };
    println!(
        "serving {} on http://{host}:{}/ — watching catalog.yaml, content/ and themes/ (Ctrl+C to stop)",
        root.display(),
        addr.port()
    );
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
        let serving = http::Serving {
            live,
            bind,
            root: &canonical,
            token,
            out: &out,
        };
        http::serve(listener, serving, Limits::default()).await;
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Site {
        let mut s = Site::default();
        s.add("index.html", "root").unwrap();
        s.add("en/index.html", "en").unwrap();
        s.add("404.html", "missing").unwrap();
        s
    }

    #[test]
    fn serves_pages_and_directory_indexes() {
        let s = site();
        assert_eq!(respond(&s, "/").2, b"root");
        assert_eq!(respond(&s, "/en/").2, b"en");
        assert_eq!(respond(&s, "/en").2, b"en");
        assert_eq!(respond(&s, "/en/?q=x").2, b"en");
    }

    #[test]
    fn refuses_paths_outside_the_site() {
        let s = site();
        for url in [
            "/../etc/passwd",
            "/en/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/..%2f..%2fetc/passwd",
        ] {
            let (status, _, body) = respond(&s, url);
            assert_eq!(status, 403, "{url}");
            assert_eq!(body, b"missing");
        }
        assert_eq!(respond(&s, "/nope/").0, 404);
    }
}
