//! `ccu serve`: builds the site in memory and serves it on loopback.
//!
//! Files are looked up by path in the built site, never on disk, so no
//! request can reach a file outside it.

use crate::output::Site;
use std::sync::{Arc, RwLock};

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

/// Serves `site` until the process ends.
pub fn run(site: Arc<RwLock<Site>>, bind: &str, port: u16) -> Result<(), String> {
    let server = tiny_http::Server::http((bind, port))
        .map_err(|e| format!("cannot listen on {bind}:{port}: {e}"))?;
    println!("serving on http://{bind}:{port}/ (Ctrl+C to stop)");
    for request in server.incoming_requests() {
        let (status, ctype, body) = {
            let site = site.read().unwrap_or_else(|e| e.into_inner());
            respond(&site, request.url())
        };
        let header = tiny_http::Header::from_bytes(&b"Content-Type"[..], ctype.as_bytes())
            .expect("a valid header");
        let response = tiny_http::Response::from_data(body)
            .with_status_code(status)
            .with_header(header);
        let _ = request.respond(response);
    }
    Ok(())
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
