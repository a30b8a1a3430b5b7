//! Helpers for the integration tests: copy a site into a temporary folder,
//! run the `ccu` binary on it, read what it wrote.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let rel = entry.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// A temporary site: the real theme plus a fixture's catalog and content
/// (or the real ones, for `fixture = None`).
pub fn site(fixture: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = match fixture {
        Some(name) => repo().join("tests/fixtures").join(name),
        None => repo(),
    };
    copy_dir(&repo().join("themes"), &dir.path().join("themes"));
    std::fs::copy(src.join("catalog.yaml"), dir.path().join("catalog.yaml")).unwrap();
    if src.join("content").is_dir() {
        copy_dir(&src.join("content"), &dir.path().join("content"));
    }
    if src.join("data").is_dir() {
        copy_dir(&src.join("data"), &dir.path().join("data"));
    }
    dir
}

pub fn ccu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ccu"))
        .args(args)
        .output()
        .expect("the ccu binary runs")
}

pub fn build(root: &Path) -> Output {
    ccu(&["build", "--quiet", "--root", root.to_str().unwrap()])
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).to_string()
}

pub fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join("dist").join(rel))
        .unwrap_or_else(|e| panic!("{rel} was not written: {e}"))
}

/// Every file under `dir` with its bytes, for comparing two outputs.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .to_string(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

/// The values of an attribute in minified or plain HTML (`href=/x/` or `href="/x/"`).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let needle = format!("{attr}=");
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        let before = rest[..i].chars().last();
        rest = &rest[i + needle.len()..];
        if !matches!(before, Some(' ') | Some('\n')) {
            continue;
        }
        let value = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => rest[1..].split(q).next().unwrap_or(""),
            _ => rest
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or(""),
        };
        out.push(value.replace("&amp;", "&"));
    }
    out
}

/// A running `ccu serve`, stopped when dropped.
pub struct Server {
    child: std::process::Child,
    pub port: u16,
    /// What the server prints, standard output then standard error.
    pub log: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    pub fn printed(&self) -> String {
        ["out", "err"]
            .iter()
            .map(|f| std::fs::read_to_string(self.log.path().join(f)).unwrap_or_default())
            .collect()
    }
}

/// Starts `ccu serve --port 0` and learns the port it took from what it prints.
pub fn start(root: &std::path::Path) -> Server {
    let log = tempfile::tempdir().unwrap();
    let file = |name: &str| std::fs::File::create(log.path().join(name)).unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_ccu"))
        .args(["serve", "--root", root.to_str().unwrap(), "--port", "0"])
        .stdout(std::process::Stdio::from(file("out")))
        .stderr(std::process::Stdio::from(file("err")))
        .spawn()
        .unwrap();
    let mut server = Server {
        child,
        port: 0,
        log,
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let out = std::fs::read_to_string(server.log.path().join("out")).unwrap_or_default();
        if let Some(rest) = out.split("http://127.0.0.1:").nth(1) {
            server.port = rest.split('/').next().unwrap().parse().unwrap();
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not start: {}",
            server.printed()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_ne!(server.port, 0, "--port 0 prints the port it took");
    while std::net::TcpStream::connect(("127.0.0.1", server.port)).is_err() {
        assert!(
            std::time::Instant::now() < deadline,
            "the server does not answer"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    server
}

/// One HTTP request to a server on this machine (`ccu serve`), as a browser's form would
/// send it; returns the status, the headers and the body.
pub fn request(
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

pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `name` in a tag's text.
pub fn attr(tag: &str, name: &str) -> Option<String> {
    let start = tag.find(&format!(" {name}="))? + name.len() + 2;
    let rest = &tag[start..];
    let v = match rest.strip_prefix('"') {
        Some(q) => &q[..q.find('"')?],
        None => &rest[..rest.find([' ', '>']).unwrap_or(rest.len())],
    };
    Some(unescape(v))
}

/// What a browser would send for the form on `html`, unchanged.
pub fn form_fields(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = html;
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

/// `fields` with `name` set to `value` (the form must have it).
pub fn with(fields: &[(String, String)], name: &str, value: &str) -> Vec<(String, String)> {
    assert!(fields.iter().any(|(k, _)| k == name), "the form has {name}");
    fields
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                if k == name {
                    value.to_string()
                } else {
                    v.clone()
                },
            )
        })
        .collect()
}

/// A form's fields as a browser posts them.
pub fn encode(fields: &[(String, String)]) -> String {
    let mut s = url::form_urlencoded::Serializer::new(String::new());
    for (k, v) in fields {
        s.append_pair(k, v);
    }
    s.finish()
}
