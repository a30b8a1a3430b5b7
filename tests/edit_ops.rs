//! The editor's operations against a real `ccu serve`: conflicts per entry, input an
//! editor cannot get wrong silently, history and undo, publishing.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;

/// One HTTP request; returns the status, the headers and the body.
fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    let mut head =
        format!("{method} {path} HTTP/1.1\r\nHost: localhost:{port}\r\nConnection: close\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    s.write_all(head.as_bytes()).unwrap();
    s.write_all(body.as_bytes()).unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, head.to_string(), body.to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in a tag's text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}="))? + name.len() + 2;
    let rest = &tag[start..];
    let v = match rest.strip_prefix('"') {
        Some(q) => &q[..q.find('"')?],
        None => &rest[..rest.find([' ', '>']).unwrap_or(rest.len())],
    };
    Some(unescape(v))
}

/// What a browser would send for the first form on `html` (the one with a token),
/// unchanged.
fn form_fields(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let start = html.find("<form ").unwrap_or(0);
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |i| start + i);
    let mut rest = &html[start..end];
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = rest.find('>').unwrap_or(rest.len() - 1);
        let tag = &rest[..=end];
        let after = &rest[end + 1..];
        if tag.starts_with("<input ") {
            let kind = attr(tag, "type").unwrap_or_default();
            if let (Some(n), Some(v)) = (attr(tag, "name"), attr(tag, "value"))
                && (kind != "checkbox" || tag.contains(" checked"))
            {
                out.push((n, v));
            }
        } else if tag.starts_with("<textarea ") {
            let text = &after[..after.find("</textarea>").unwrap()];
            let text = text.strip_prefix('\n').unwrap_or(text);
            out.push((attr(tag, "name").unwrap(), unescape(text)));
        } else if tag.starts_with("<select ") {
            let options = &after[..after.find("</select>").unwrap()];
            let chosen = options
                .split("<option ")
                .find(|o| o.contains(" selected>"))
                .and_then(|o| attr(&format!(" {o}"), "value"))
                .unwrap_or_default();
            out.push((attr(tag, "name").unwrap(), chosen));
        }
        rest = after;
    }
    out
}

fn with(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    assert!(fields.iter().any(|(k, _)| k == name), "the form has {name}");
    fields
        .iter()
        .map(|(k, v)| {
            let v = if k == name { value } else { v };
            (k.clone(), v.to_string())
        })
        .collect()
}

fn encode(fields: &[(String, String)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}

fn post(port: u16, path: &str, fields: &[(String, String)]) -> (u16, String, String) {
    let origin = format!("http://localhost:{port}");
    request(
        port,
        "POST",
        path,
        &[
            ("Origin", &origin),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        &encode(fields),
    )
}

fn open(port: u16, path: &str) -> Vec<(String, String)> {
    let (status, _, html) = request(port, "GET", path, &[], "");
    assert_eq!(status, 200, "{html}");
    form_fields(&html)
}

const F14: &str = "/_edit/ru/services/1-4/";
const F13: &str = "/_edit/ru/services/1-3/";
const RU14: &str = "services[3].description.ru";
const EN14: &str = "services[3].title.en";
const RU13: &str = "services[2].title.ru";

fn catalog(root: &std::path::Path) -> String {
    std::fs::read_to_string(root.join("catalog.yaml")).unwrap()
}

#[test]
fn saves_of_two_entries_opened_together_are_both_written() {
    let site = site(None);
    let server = start(site.path());
    let (a, b) = (open(server.port, F14), open(server.port, F13));
    let (status, _, html) = post(server.port, F14, &with(&a, RU14, "Первое описание."));
    assert_eq!(status, 303, "{html}");
    let (status, _, html) = post(server.port, F13, &with(&b, RU13, "Найти работу"));
    assert_eq!(status, 303, "the other entry's save merges: {html}");
    let now = catalog(site.path());
    assert!(
        now.contains("      ru: Первое описание.\n"),
        "the first save stays"
    );
    assert!(
        now.contains("      ru: Найти работу\n"),
        "the second is written"
    );
}

#[test]
fn a_second_save_of_the_same_entry_is_refused_with_the_conflict() {
    let site = site(None);
    let server = start(site.path());
    let (a, b) = (open(server.port, F14), open(server.port, F14));
    assert_eq!(
        post(server.port, F14, &with(&a, RU14, "Первое описание.")).0,
        303
    );
    let saved = catalog(site.path());
    let (status, _, html) = post(server.port, F14, &with(&b, EN14, "Second title"));
    assert_eq!(status, 409, "{html}");
    assert!(
        html.contains("запись изменили после того, как эта форма была открыта"),
        "the conflict is said in the editor's language: {html}"
    );
    assert!(html.contains("Second title"), "what was typed is kept");
    assert_eq!(catalog(site.path()), saved, "nothing was written");
}
