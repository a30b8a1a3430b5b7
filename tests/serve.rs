//! `ccu serve`: an edit is served after a rebuild, a broken edit keeps the
//! last good site, loopback only, nothing outside the site.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn start(root: &std::path::Path) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_ccu"))
        .args([
            "serve",
            "--root",
            root.to_str().unwrap(),
            "--port",
            &port.to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let server = Server { child, port };
    let deadline = Instant::now() + Duration::from_secs(20);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "the server did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    server
}

/// A raw GET, so that paths like `/../` reach the server unchanged.
fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(port: u16, path: &str, what: &str) -> Duration {
    let start = Instant::now();
    loop {
        let (_, body) = get(port, path);
        if body.contains(what) {
            return start.elapsed();
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{path} never showed {what:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_edit_is_served_and_a_broken_edit_keeps_the_last_good_site() {
    let site = site(Some("valid"));
    let server = start(site.path());
    let (status, body) = get(server.port, "/en/services/1-4/");
    assert_eq!(status, 200);
    assert!(body.contains("Labour pension"));
    assert!(
        body.contains("/__ccu/reload.js"),
        "serve adds the reload script"
    );

    let catalog = site.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&catalog).unwrap();
    std::fs::write(
        &catalog,
        text.replace("en: Labour pension,", "en: Old-age labour pension,"),
    )
    .unwrap();
    let took = wait_for(server.port, "/en/services/1-4/", "Old-age labour pension");
    eprintln!("edit served after {} ms", took.as_millis());

    // Break line 3: the last good site stays, the error names the file and line.
    let good = std::fs::read_to_string(&catalog).unwrap();
    let mut lines: Vec<&str> = good.lines().collect();
    lines[2] = "  call_center: [142";
    std::fs::write(&catalog, lines.join("\n")).unwrap();
    let start = Instant::now();
    loop {
        let (_, status) = get(server.port, "/__ccu/status");
        if status.contains("catalog.yaml:3") {
            break;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "no error reported: {status}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let (code, body) = get(server.port, "/en/services/1-4/");
    assert_eq!(code, 200);
    assert!(
        body.contains("Old-age labour pension"),
        "the last good page is still served"
    );

    // Fixing it brings the site back to life.
    std::fs::write(
        &catalog,
        good.replace("Old-age labour pension", "Labour pension (fixed)"),
    )
    .unwrap();
    wait_for(server.port, "/en/services/1-4/", "Labour pension (fixed)");
    assert!(
        get(server.port, "/__ccu/status")
            .1
            .contains("\"error\":null")
    );

    // A guide edit is picked up too.
    let guide = site.path().join("content/en/apply.md");
    std::fs::write(
        &guide,
        std::fs::read_to_string(&guide)
            .unwrap()
            .replace("Call 142.", "Call 142 today."),
    )
    .unwrap();
    wait_for(server.port, "/en/guides/apply/", "Call 142 today.");
}

#[test]
fn requests_outside_the_site_are_refused() {
    let site = site(Some("valid"));
    let server = start(site.path());
    for path in [
        "/../catalog.yaml",
        "/en/../../catalog.yaml",
        "/%2e%2e/catalog.yaml",
        "/..%2fcatalog.yaml",
    ] {
        let (status, body) = get(server.port, path);
        assert_eq!(status, 403, "{path}");
        assert!(!body.contains("base_url"), "{path} leaked the catalog");
    }
    assert_eq!(get(server.port, "/nope/").0, 404);
}

#[cfg(target_os = "linux")]
#[test]
fn it_listens_on_loopback_only_by_default() {
    let site = site(Some("valid"));
    let server = start(site.path());
    let port_hex = format!("{:04X}", server.port);
    let table = std::fs::read_to_string("/proc/net/tcp").unwrap();
    let listening: Vec<&str> = table
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().nth(1))
        .filter(|local| local.ends_with(&format!(":{port_hex}")))
        .collect();
    assert!(!listening.is_empty(), "the port is not in /proc/net/tcp");
    assert!(
        listening.iter().all(|l| l.starts_with("0100007F")),
        "{listening:?}"
    );
}
