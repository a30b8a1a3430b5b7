//! `ccu serve`: an edit is served after a rebuild, a broken edit keeps the
//! last good site, loopback only, nothing outside the site.

mod common;
use common::*;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

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

/// Sends `raw` as it is and reads the whole answer (at most `limit`): status and text.
fn raw(port: u16, raw: &str, limit: Duration) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(limit)).unwrap();
    s.write_all(raw.as_bytes()).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).to_string();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

/// A page, fetched as another visitor would, must arrive within a second.
fn page_within_a_second(port: u16) {
    let start = Instant::now();
    let (status, text) = raw(
        port,
        "GET /en/services/1-4/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    let took = start.elapsed();
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("Labour pension"));
    assert!(took < Duration::from_secs(1), "the page took {took:?}");
}

#[test]
fn one_client_can_neither_kill_nor_freeze_the_server() {
    let site = site(Some("valid"));
    let server = start(site.path());
    let port = server.port;

    // A huge declared body: refused from its header, nothing allocated.
    let (status, _) = raw(
        port,
        "POST /__ccu/status HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999\r\n\r\n",
        Duration::from_secs(5),
    );
    assert!(matches!(status, 405 | 413), "{status}");
    let (status, _) = raw(
        port,
        "GET / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 99999999999999\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert_eq!(status, 413);
    page_within_a_second(port);

    // Headers larger than the limit.
    let big = format!(
        "GET / HTTP/1.1\r\nHost: localhost\r\nX-Pad: {}\r\n\r\n",
        "a".repeat(100_000)
    );
    let (status, _) = raw(port, &big, Duration::from_secs(5));
    assert!(matches!(status, 431 | 0), "{status}");
    page_within_a_second(port);

    // A body that never arrives, headers that never end, a pipelining client that
    // never reads: each holds only its own connection.
    let mut stalled = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stalled
        .write_all(b"POST /en/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100000\r\n\r\nabc")
        .unwrap();
    let mut slow_headers = TcpStream::connect(("127.0.0.1", port)).unwrap();
    slow_headers
        .write_all(b"GET / HTTP/1.1\r\nHost: loc")
        .unwrap();
    let mut greedy = TcpStream::connect(("127.0.0.1", port)).unwrap();
    greedy
        .set_write_timeout(Some(Duration::from_millis(500)))
        .unwrap();
    let one = "GET /en/services/1-4/ HTTP/1.1\r\nHost: localhost\r\n\r\n".repeat(200);
    let mut sent = 0;
    while sent < 5_000 && greedy.write_all(one.as_bytes()).is_ok() {
        sent += 200;
    }
    for _ in 0..3 {
        page_within_a_second(port);
    }
    drop((stalled, slow_headers, greedy));
}

#[test]
fn only_get_is_served_and_only_for_local_host_names() {
    let site = site(Some("valid"));
    let server = start(site.path());
    let port = server.port;
    for method in ["POST", "PUT", "DELETE", "PATCH"] {
        let (status, text) = raw(
            port,
            &format!(
                "{method} /en/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            ),
            Duration::from_secs(5),
        );
        assert_eq!(status, 405, "{method}: {text}");
        assert!(text.to_lowercase().contains("allow: get,head"), "{text}");
    }
    let host = |h: &str| {
        raw(
            port,
            &format!("GET /en/ HTTP/1.1\r\nHost: {h}\r\nConnection: close\r\n\r\n"),
            Duration::from_secs(5),
        )
        .0
    };
    // DNS rebinding: a page on another name that resolves to 127.0.0.1.
    assert_eq!(host("evil.example"), 403);
    assert_eq!(host(&format!("evil.example:{port}")), 403);
    assert_eq!(host(&format!("localhost:{port}")), 200);
    assert_eq!(host(&format!("127.0.0.1:{port}")), 200);
    assert_eq!(host(&format!("[::1]:{port}")), 200);
}

#[test]
fn every_answer_carries_the_security_headers() {
    let site = site(Some("valid"));
    let server = start(site.path());
    for path in ["/en/", "/nope/", "/__ccu/status", "/../catalog.yaml"] {
        let (_, text) = raw(
            server.port,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
            Duration::from_secs(5),
        );
        let head = text.split("\r\n\r\n").next().unwrap().to_lowercase();
        for (name, value) in ccu_portal::serve::SECURITY_HEADERS {
            let line = format!("{}: {}", name.to_lowercase(), value.to_lowercase());
            assert!(head.contains(&line), "{path} lacks {line}:\n{head}");
        }
    }
}

#[test]
fn connections_past_the_cap_are_turned_away_not_queued_forever() {
    let site = site(Some("valid"));
    let server = start(site.path());
    let cap = ccu_portal::serve::Limits::default().max_connections;
    // The connection start() probed with, and this request's, must have ended first: a slot
    // freed while the idle ones are accepted would serve the request meant to be turned away.
    page_within_a_second(server.port);
    std::thread::sleep(Duration::from_millis(200));
    let idle: Vec<TcpStream> = (0..cap)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).unwrap())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let (status, text) = raw(
        server.port,
        "GET /en/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
        Duration::from_secs(5),
    );
    assert_eq!(status, 503, "{text}");
    assert!(text.contains("too many open connections"));
    drop(idle);
    std::thread::sleep(Duration::from_millis(200));
    page_within_a_second(server.port);
}

#[test]
fn live_reload_streams_are_capped_apart_from_pages_and_the_oldest_give_way() {
    let site = site(Some("valid"));
    let server = start(site.path());
    let limits = ccu_portal::serve::Limits::default();
    assert!(limits.max_streams < limits.max_connections);
    // As many reload streams as there are connections: they used to hold every one
    // for ever, and every other client got 503.
    let open = |n: usize| -> Vec<TcpStream> {
        (0..n)
            .map(|_| {
                let mut s = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
                s.write_all(b"GET /__ccu/events HTTP/1.1\r\nHost: localhost\r\n\r\n")
                    .unwrap();
                // Wait for the stream's answer, so that the streams open in order.
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                let mut head = [0u8; 12];
                s.read_exact(&mut head).unwrap();
                assert_eq!(&head, b"HTTP/1.1 200", "a stream is answered");
                s
            })
            .collect()
    };
    let mut streams = open(limits.max_connections);
    std::thread::sleep(Duration::from_millis(200));
    page_within_a_second(server.port);
    // The oldest streams were ended (their connections closed), the newest are open.
    let ended = |s: &mut TcpStream| {
        s.set_read_timeout(Some(Duration::from_millis(300)))
            .unwrap();
        let mut rest = Vec::new();
        s.read_to_end(&mut rest).is_ok()
    };
    assert!(
        ended(&mut streams[0]),
        "the oldest stream still holds its connection"
    );
    let last = streams.len() - 1;
    assert!(!ended(&mut streams[last]), "the newest stream was ended");
    // And a new stream still opens.
    let again = open(1);
    assert_eq!(again.len(), 1);
}

#[test]
fn rebuild_warnings_are_shown_in_the_terminal_and_the_status() {
    let site = site(Some("valid"));
    let server = start(site.path());
    assert!(
        get(server.port, "/__ccu/status")
            .1
            .contains("\"warnings\":[]")
    );
    // A guide without its Russian translation is a warning, not an error.
    std::fs::remove_file(site.path().join("content/ru/apply.md")).unwrap();
    let start = Instant::now();
    loop {
        let (_, status) = get(server.port, "/__ccu/status");
        if status.contains("has no ru translation") {
            assert!(status.contains("\"error\":null"), "{status}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(15), "{status}");
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(100));
    let printed = server.printed();
    assert!(
        printed.contains("warning: content/ru/apply.md: the guide `apply` has no ru translation"),
        "{printed}"
    );
    let (_, js) = get(server.port, "/__ccu/reload.js");
    assert!(js.contains("ccu-build-notice") && js.contains("s.warnings"));
}
