//! `ccu serve`: builds the site in memory and serves it on loopback, rebuilding
//! on every saved change.
//!
//! Files are looked up by path in the built site, never on disk, so no
//! request can reach a file outside it.

mod live;

pub use live::{Live, Status, build};

use crate::output::Site;
use std::path::PathBuf;

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

fn error_page(error: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html><html lang=en><meta charset=utf-8><title>Build error</title><h1>The site could not be built</h1><pre>{}</pre><script type=module src=/__ccu/reload.js></script></html>",
        crate::render::escape(error)
    )
    .into_bytes()
}

/// Builds `root`, serves it on `bind:port` and rebuilds on every change, until the process ends.
pub fn run(root: PathBuf, bind: &str, port: u16) -> Result<(), String> {
    let server = tiny_http::Server::http((bind, port)).map_err(|e| {
        format!("cannot listen on {bind}:{port}: {e}; is another server using the port? Try --port")
    })?;
    let live = Live::new(&root);
    let _watcher = live::watch(root.clone(), live.clone())?;
    println!(
        "serving {} on http://{bind}:{port}/ — watching catalog.yaml, content/ and themes/ (Ctrl+C to stop)",
        root.display()
    );
    for request in server.incoming_requests() {
        let url = request.url().to_string();
        match url.split('?').next().unwrap_or("") {
            "/__ccu/events" => {
                let live = live.clone();
                let writer = request.into_writer();
                std::thread::spawn(move || live::stream_events(&live, writer));
                continue;
            }
            "/__ccu/reload.js" => {
                reply(
                    request,
                    200,
                    "text/javascript; charset=utf-8",
                    live::RELOAD_JS.as_bytes().to_vec(),
                );
                continue;
            }
            "/__ccu/status" => {
                let body = serde_json::to_vec(&live.status()).unwrap_or_default();
                reply(request, 200, "application/json", body);
                continue;
            }
            _ => {}
        }
        let (status, ctype, body) = {
            let site = live.site.read().unwrap_or_else(|e| e.into_inner());
            if site.is_empty() {
                let error = live.status().error.unwrap_or_default();
                (500, "text/html; charset=utf-8", error_page(&error))
            } else {
                let (status, ctype, body) = respond(&site, &url);
                let body = if ctype.starts_with("text/html") {
                    with_reload(body)
                } else {
                    body
                };
                (status, ctype, body)
            }
        };
        reply(request, status, ctype, body);
    }
    Ok(())
}

fn reply(request: tiny_http::Request, status: u16, ctype: &str, body: Vec<u8>) {
    let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], ctype.as_bytes())
        .expect("a valid header");
    let no_store = tiny_http::Header::from_bytes(&b"Cache-Control"[..], &b"no-store"[..])
        .expect("a valid header");
    let response = tiny_http::Response::from_data(body)
        .with_status_code(status)
        .with_header(header)
        .with_header(no_store);
    let _ = request.respond(response);
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
