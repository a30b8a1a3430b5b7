//! Hardening: an output folder that can never eat the sources, output swapped in
//! one step, no file read from outside the root or from a FIFO, no YAML that stalls
//! the loader, no injection through `site.base_url`, no heading id that breaks the
//! page script, and the security headers in the nginx configuration.

mod common;
use common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Builds `root` into `out`; returns (exit code, stderr).
fn build_to(root: &Path, out: &Path) -> (Option<i32>, String) {
    let o = ccu(&[
        "build",
        "--quiet",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    (o.status.code(), stderr(&o))
}

/// Every file and folder under `dir`, with the bytes of each file.
fn tree(dir: &Path) -> Vec<(String, Option<Vec<u8>>)> {
    let mut all: Vec<_> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            let bytes = e
                .file_type()
                .is_file()
                .then(|| std::fs::read(e.path()).unwrap());
            (rel, bytes)
        })
        .collect();
    all.sort();
    all
}

#[test]
fn an_output_that_would_replace_the_sources_is_refused_and_nothing_is_touched() {
    let site = site(Some("valid"));
    let root = site.path();
    let sources = tree(root);
    for (out, says) in [
        ("content", "the site's source content"),
        ("content/en", "the site's source content"),
        ("themes/default", "the site's source themes"),
        ("themes/new-output", "the site's source themes"),
        ("catalog.yaml", "the site's source catalog.yaml"),
        (".", "contains the site's sources"),
        ("..", "contains the site's sources"),
    ] {
        let (code, err) = build_to(root, &root.join(out));
        assert_eq!(code, Some(1), "--out {out}: {err}");
        assert!(err.contains(says), "--out {out}: {err}");
        assert!(err.contains("help: give --out another folder"), "{err}");
        assert!(tree(root) == sources, "--out {out} changed the sources");
    }
}

#[test]
fn an_output_that_is_a_file_or_a_foreign_folder_is_refused() {
    let site = site(Some("valid"));
    let elsewhere = tempfile::tempdir().unwrap();
    let file = elsewhere.path().join("notes.txt");
    std::fs::write(&file, "mine").unwrap();
    let (code, err) = build_to(site.path(), &file);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("is a file, not a folder"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");

    let foreign = elsewhere.path().join("photos");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("holiday.jpg"), "jpeg").unwrap();
    let (code, err) = build_to(site.path(), &foreign);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("holds files that ccu build did not write"),
        "{err}"
    );
    assert!(
        err.contains("help: give --out a new or empty folder"),
        "{err}"
    );
    assert_eq!(
        tree(&foreign),
        vec![
            (String::new(), None),
            ("holiday.jpg".into(), Some(b"jpeg".to_vec()))
        ]
    );
    assert_eq!(std::fs::read_dir(elsewhere.path()).unwrap().count(), 2);

    // An empty folder and a folder an earlier build wrote are replaced.
    let fresh = elsewhere.path().join("site");
    std::fs::create_dir(&fresh).unwrap();
    assert_eq!(build_to(site.path(), &fresh).0, Some(0));
    assert!(
        fresh.join(".ccu-build").is_file(),
        "the build marks its output"
    );
    assert_eq!(build_to(site.path(), &fresh).0, Some(0));
}

#[test]
fn stale_staging_folders_of_killed_builds_are_removed_at_the_next_build() {
    let site = site(Some("valid"));
    let root = site.path();
    assert!(build(root).status.success());
    // What a build killed while writing, or between two renames, leaves.
    for stale in [".dist.new-Ab12Cd", ".dist.old-Xy34Zw"] {
        std::fs::create_dir_all(root.join(stale).join("en")).unwrap();
        std::fs::write(root.join(stale).join(".ccu-build"), "").unwrap();
    }
    std::fs::create_dir(root.join(".dist.new-empty1")).unwrap();
    // Not ours: a folder without the marker stays.
    std::fs::create_dir(root.join(".dist.new-keepme")).unwrap();
    std::fs::write(root.join(".dist.new-keepme/notes.txt"), "mine").unwrap();
    assert!(build(root).status.success());
    let mut left: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".dist."))
        .collect();
    left.sort();
    // Not ours: kept. The output before the last is kept for the next build.
    assert_eq!(left, [".dist.new-keepme", ".dist.prev"]);
}

#[cfg(unix)]
#[test]
fn a_rebuild_links_unchanged_files_and_never_writes_into_the_previous_output() {
    use std::os::unix::fs::MetadataExt;
    let site = site(Some("valid"));
    let root = site.path();
    let out = root.join("dist");
    let precompressed = |root: &Path| {
        ccu(&[
            "build",
            "--quiet",
            "--precompress",
            "--root",
            root.to_str().unwrap(),
        ])
    };
    assert!(precompressed(root).status.success());
    let ino = |rel: &str| std::fs::metadata(out.join(rel)).unwrap().ino();
    let (same, changed) = ("az/services/1-4/index.html", "en/services/1-4/index.html");
    let watched = [
        same.to_string(),
        format!("{same}.gz"),
        format!("{same}.br"),
        changed.to_string(),
    ];
    let before = watched.clone().map(|rel| ino(&rel));
    // Another name for the page that will change: it must keep its old bytes.
    let held = root.join("held.html");
    std::fs::hard_link(out.join(changed), &held).unwrap();
    let old_bytes = std::fs::read(&held).unwrap();

    let catalog = std::fs::read_to_string(root.join("catalog.yaml")).unwrap();
    let catalog = catalog.replace("en: Apply for a pension", "en: Apply for a labour pension");
    std::fs::write(root.join("catalog.yaml"), catalog).unwrap();
    assert!(precompressed(root).status.success());

    let after = watched.map(|rel| ino(&rel));
    assert_eq!(
        before[..3],
        after[..3],
        "the unchanged page and its .gz and .br are the previous files, linked"
    );
    assert_ne!(before[3], after[3], "the changed page is a new file");
    assert!(read(root, changed).contains("Apply for a labour pension"));
    assert_eq!(
        std::fs::read(&held).unwrap(),
        old_bytes,
        "the previous output's file was not written to"
    );
    let gz = std::fs::read(out.join(format!("{changed}.gz"))).unwrap();
    let mut unzipped = String::new();
    std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(&gz[..]), &mut unzipped)
        .unwrap();
    assert!(
        unzipped.contains("Apply for a labour pension"),
        "its .gz is new too"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_says_no_space_left_and_names_the_folder_given() {
    // A 256 KiB file system (the fixture site needs about 1 MiB) in a private mount namespace (needs root, as in CI).
    let site = site(Some("valid"));
    let disk = tempfile::tempdir().unwrap();
    let out = disk.path().join("site");
    let script = format!(
        "mount -t tmpfs -o size=256k tmpfs {d} && {ccu} build --quiet --root {r} --out {o}",
        d = disk.path().display(),
        ccu = env!("CARGO_BIN_EXE_ccu"),
        r = site.path().display(),
        o = out.display()
    );
    let o = std::process::Command::new("unshare")
        .args(["-m", "sh", "-c", &script])
        .output()
        .unwrap();
    let err = stderr(&o);
    if err.contains("mount:") || err.contains("unshare:") {
        eprintln!("skipped: cannot mount a small file system here: {err}");
        return;
    }
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("no space left on the disk that holds"),
        "{err}"
    );
    assert!(err.contains(&out.display().to_string()), "{err}");
    assert!(
        !err.contains(".site.new-"),
        "names the staging folder: {err}"
    );
    assert!(err.contains("help: free some space"), "{err}");
}

fn set_base_url(root: &Path, to: &str) {
    let path = root.join("catalog.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("base_url:"))
        .unwrap();
    let indent = &line[..line.len() - line.trim_start().len()];
    let quoted = serde_json::to_string(to).unwrap();
    std::fs::write(
        &path,
        text.replacen(line, &format!("{indent}base_url: {quoted}"), 1),
    )
    .unwrap();
}

#[test]
fn check_refuses_a_base_url_that_is_not_a_plain_web_address() {
    let site = site(Some("valid"));
    let line = std::fs::read_to_string(site.path().join("catalog.yaml"))
        .unwrap()
        .lines()
        .position(|l| l.trim_start().starts_with("base_url:"))
        .unwrap()
        + 1;
    for bad in [
        "https://example.org/\"><script>alert(1)</script>",
        "https://example.org/<x>",
        "https://example.org/a b",
        "https://example.org/it's",
        "https://example.org/?q=1",
        "https://example.org/#top",
        "javascript://example.org/%0aalert(1)",
        "ftp://example.org",
        "https://",
        "https://example.org/",
    ] {
        set_base_url(site.path(), bad);
        let o = ccu(&["check", "--root", site.path().to_str().unwrap()]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{bad}: {err}");
        assert!(
            err.contains(&format!("catalog.yaml:{line}:")) && err.contains("site.base_url"),
            "{bad}: {err}"
        );
    }
    set_base_url(site.path(), "https://ccu.example.org/portal");
    let o = ccu(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn the_feeds_and_sitemap_escape_the_base_url() {
    // `&` is allowed in an address, and must be written as `&amp;` in XML.
    let site = site(Some("valid"));
    let base = "https://example.org/a&b";
    set_base_url(site.path(), base);
    let o = build(site.path());
    assert!(o.status.success(), "{}", stderr(&o));
    for rel in ["sitemap.xml", "en/atom.xml", "az/atom.xml"] {
        let xml = read(site.path(), rel);
        let doc =
            roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel} is not XML: {e}"));
        let urls: Vec<&str> = doc
            .descendants()
            .filter_map(|n| match n.tag_name().name() {
                "loc" | "id" => n.text(),
                "link" => n.attribute("href"),
                _ => None,
            })
            .collect();
        assert!(!urls.is_empty(), "{rel}");
        assert!(urls.iter().all(|u| u.starts_with(base)), "{rel}: {urls:?}");
    }
}

/// Moves `rel` of the site out to `outside`, adds a secret there, and links it back.
#[cfg(unix)]
fn link_out(root: &Path, rel: &str, outside: &Path) {
    let target = outside.join("linked");
    std::fs::rename(root.join(rel), &target).unwrap();
    std::fs::write(target.join("private.key"), "-----BEGIN PRIVATE KEY-----").unwrap();
    std::os::unix::fs::symlink(&target, root.join(rel)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_linked_theme_folder_publishes_nothing_from_outside_the_root() {
    for rel in ["themes", "themes/default/static", "themes/default"] {
        let site = site(Some("valid"));
        let outside = tempfile::tempdir().unwrap();
        link_out(site.path(), rel, outside.path());
        let o = build(site.path());
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{rel}: {err}");
        assert!(
            err.contains(&format!("{rel} is a symbolic link, which is not followed")),
            "{rel}: {err}"
        );
        assert!(
            !site.path().join("dist").exists(),
            "{rel}: a site was written"
        );
    }
}

#[cfg(unix)]
#[test]
fn new_guide_never_writes_through_a_dangling_link() {
    let site = site(Some("valid"));
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("planted.md");
    std::os::unix::fs::symlink(&target, site.path().join("content/en/fresh.md")).unwrap();
    let o = ccu(&[
        "new",
        "guide",
        "fresh",
        "--root",
        site.path().to_str().unwrap(),
    ]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("fresh.md already exists"), "{err}");
    assert!(!target.exists(), "wrote through the link");
    assert!(!site.path().join("content/az/fresh.md").exists());
}

/// Runs `ccu check` on `root`, killing it after `limit`; returns (exit code, stderr, time).
fn check_within(root: &Path, limit: Duration) -> (Option<i32>, String, Duration) {
    use std::io::Read;
    let start = Instant::now();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ccu"))
        .args(["check", "--root", root.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code(), err, start.elapsed());
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("ccu check did not finish within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn a_pipe_or_device_named_like_a_source_is_refused_not_read() {
    for rel in ["catalog.yaml", "themes/default/i18n/en.yaml"] {
        let site = site(Some("valid"));
        let path = site.path().join(rel);
        std::fs::remove_file(&path).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(&path)
            .status()
            .unwrap();
        assert!(made.success());
        let (code, err, _) = check_within(site.path(), Duration::from_secs(10));
        assert_eq!(code, Some(1), "{rel}: {err}");
        assert!(
            err.contains(&format!("{rel}: this is not a regular file")),
            "{rel}: {err}"
        );
    }
    // A character device (as /dev/zero, which never ends), where we may make one.
    let site = site(Some("valid"));
    let path = site.path().join("catalog.yaml");
    std::fs::remove_file(&path).unwrap();
    let made = std::process::Command::new("mknod")
        .arg(&path)
        .args(["c", "1", "5"])
        .status();
    if made.is_ok_and(|s| s.success()) {
        let (code, err, _) = check_within(site.path(), Duration::from_secs(10));
        assert_eq!(code, Some(1), "{err}");
        assert!(
            err.contains("catalog.yaml: this is not a regular file"),
            "{err}"
        );
    }
}

#[test]
fn yaml_nested_very_deep_is_refused_at_once_with_its_line() {
    let site = site(Some("valid"));
    let catalog = site.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&catalog).unwrap();
    // 40,000 brackets took libyaml 11 s; 100,000 dashes on one line nest as deep.
    for (deep, line) in [
        (format!("extra: {}\n", "[".repeat(40_000)), 1),
        (format!("\n\n{}x\n", "- ".repeat(100_000)), 3),
    ] {
        std::fs::write(&catalog, format!("{deep}{text}")).unwrap();
        let (code, err, took) = check_within(site.path(), Duration::from_secs(30));
        assert_eq!(code, Some(1), "{err}");
        assert!(err.contains(&format!("catalog.yaml:{line}:")), "{err}");
        assert!(err.contains("nested more than 64 levels deep"), "{err}");
        assert!(took < Duration::from_secs(2), "took {took:?}");
    }
    std::fs::write(&catalog, &text).unwrap();
    let guide = site.path().join("content/en/apply.md");
    let body = std::fs::read_to_string(&guide).unwrap();
    let deep = body.replacen("---\n", &format!("---\nx: {}\n", "{a: ".repeat(20_000)), 1);
    std::fs::write(&guide, deep).unwrap();
    let (code, err, took) = check_within(site.path(), Duration::from_secs(30));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("content/en/apply.md:2:"), "{err}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

/// The ids the page script looks up: `getElementById('x')` and `querySelector('#x')`.
/// (tag name, id) of every start tag with an id, in the order of the page.
fn ids_by_tag(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for part in html.split('<').skip(1) {
        let tag = part.split('>').next().unwrap_or("");
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if name.is_empty() {
            continue;
        }
        if let Some(id) = attr_values(&format!(" {tag}"), "id").into_iter().next() {
            out.push((name.to_lowercase(), id));
        }
    }
    out
}

fn script_ids() -> Vec<String> {
    let js = std::fs::read_to_string(repo().join("themes/default/static/assets/app.mjs")).unwrap();
    let mut ids = Vec::new();
    for pat in ["getElementById('", "querySelector('#"] {
        for part in js.split(pat).skip(1) {
            ids.push(part.split('\'').next().unwrap().to_string());
        }
    }
    assert!(ids.contains(&"search-app".to_string()), "{ids:?}");
    ids
}

#[test]
fn a_heading_id_never_equals_an_id_the_page_script_uses() {
    let site = site(Some("valid"));
    let guide = site.path().join("content/en/apply.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(
        &guide,
        format!("{text}\n## Search here {{#search-app}}\n\n## Words {{#locator-words}}\n\n## Main\n\n## Kept {{#kept}}\n\n<h2 id=\"search-app\">Raw</h2>\n\n<h3 id=\"main\">Raw main</h3>\n\n<h2 id=\"kept\">Raw kept</h2>\n\n<h2 id=\"raw-kept\">Raw kept</h2>\n"),
    )
    .unwrap();
    let o = build(site.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(site.path(), "en/guides/apply/index.html");
    let tags = ids_by_tag(&html);
    let ids: Vec<&str> = tags.iter().map(|(_, id)| id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "an id is used twice: {ids:?}");
    let heading_ids: Vec<&str> = tags
        .iter()
        .filter(|(tag, _)| tag == "h2" || tag == "h3")
        .map(|(_, id)| id.as_str())
        .collect();
    for id in script_ids() {
        assert!(!heading_ids.contains(&id.as_str()), "a heading took #{id}");
    }
    assert!(heading_ids.contains(&"search-app-2"), "{heading_ids:?}");
    assert!(heading_ids.contains(&"kept"), "other ids stay as written");
    // Raw HTML headings follow the same rule (they passed the sanitizer as written).
    assert_eq!(ids.iter().filter(|id| **id == "main").count(), 1, "{ids:?}");
    assert!(heading_ids.contains(&"search-app-3"), "{heading_ids:?}");
    assert!(heading_ids.contains(&"kept-2"), "{heading_ids:?}");
    assert!(heading_ids.contains(&"raw-kept"), "{heading_ids:?}");
}

#[test]
fn every_id_of_the_templates_and_scripts_is_reserved_from_headings() {
    let reserved = ccu_portal::content::RESERVED_IDS;
    let mut found = script_ids();
    for entry in std::fs::read_dir(repo().join("themes/default/templates")).unwrap() {
        let html = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        for part in html.split(" id=\"").skip(1) {
            found.push(part.split('"').next().unwrap().to_string());
        }
    }
    let serve = std::fs::read_to_string(repo().join("src/serve/live.rs")).unwrap();
    for part in serve.split(".id = '").skip(1) {
        found.push(part.split('\'').next().unwrap().to_string());
    }
    for id in &found {
        assert!(
            reserved.contains(&id.as_str()),
            "#{id} is not in RESERVED_IDS"
        );
    }
}

#[test]
fn nginx_sends_the_security_headers_of_the_preview_server_everywhere() {
    let conf = std::fs::read_to_string(repo().join("docs/nginx.conf")).unwrap();
    let headers = ccu_portal::serve::SECURITY_HEADERS;
    let csp = headers[0].1;
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    // nginx drops inherited add_header lines in a block with its own: each
    // block that adds a header must add all of them, also on errors (`always`).
    let blocks: Vec<&str> = conf.split("\n    location ").skip(1).collect();
    let with_headers = blocks.iter().filter(|b| b.contains("add_header")).count();
    assert!(with_headers >= 4, "{with_headers}");
    for block in blocks.iter().filter(|b| b.contains("add_header")) {
        let block = block.split("\n    }").next().unwrap();
        for (name, value) in headers {
            let line = format!("add_header {name} \"{value}\" always;");
            assert!(block.contains(&line), "a location lacks `{line}`:\n{block}");
        }
    }
}

/// A guide `content/az/deep.md` whose line 7 starts `body`.
fn write_deep_guide(root: &Path, body: &str) {
    std::fs::write(
        root.join("content/az/deep.md"),
        format!("---\ntitle: Deep\ndescription: Nested.\n---\nIntro.\n\n{body}\n"),
    )
    .unwrap();
}

#[test]
fn a_guide_nested_too_deep_is_refused_by_check_and_build_with_its_line() {
    // Each of these aborted `ccu build` and `ccu serve` (a page thread's stack
    // overflowed) while `ccu check` said "no problems".
    let cases = [
        ("<div>".repeat(3_000), 7),
        ("<span>".repeat(3_000), 7),
        ("<ul><li>".repeat(3_000), 7),
        (">".repeat(4_000) + " x", 7),
        ("- ".repeat(3_000) + "x", 7),
        // Spread over lines: the line where it goes past the limit.
        ("<div>\n".repeat(3_000), 7 + ccu_portal::content::MAX_DEPTH),
    ];
    let site = site(Some("valid"));
    let out = site.path().join("out");
    let (code, err) = build_to(site.path(), &out);
    assert_eq!(code, Some(0), "{err}");
    let before = tree(&out);
    for (body, line) in cases {
        write_deep_guide(site.path(), &body);
        let (code, err, _) = check_within(site.path(), Duration::from_secs(20));
        let start = body.chars().take(12).collect::<String>();
        assert_eq!(code, Some(1), "{start}: {err}");
        assert!(
            err.contains(&format!("content/az/deep.md:{line}:"))
                && err.contains("nests more than 100 levels deep"),
            "{start}: {err}"
        );
        let (code, err) = build_to(site.path(), &out);
        assert_eq!(code, Some(1), "{start}: {err}");
        assert!(
            err.contains(&format!("content/az/deep.md:{line}:")),
            "{err}"
        );
        assert!(tree(&out) == before, "{start}: the output was touched");
    }
}

#[test]
fn a_guide_nested_as_deep_as_allowed_builds() {
    let max = ccu_portal::content::MAX_DEPTH;
    let site = site(Some("valid"));
    let nested = |n: usize| format!("{}deepest{}", "<div>".repeat(n), "</div>".repeat(n));
    write_deep_guide(site.path(), &nested(max));
    let o = build(site.path());
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(site.path(), "az/guides/deep/index.html");
    assert!(html.contains(&format!("{}deepest", "<div>".repeat(max))));
    write_deep_guide(site.path(), &nested(max + 1));
    let (code, err, _) = check_within(site.path(), Duration::from_secs(20));
    assert_eq!(code, Some(1), "{err}");
}

#[test]
fn very_deep_html_is_refused_at_once_not_sanitized_for_seconds() {
    // 40,000 nested `<div>` took the sanitizer 8.3 s.
    let site = site(Some("valid"));
    write_deep_guide(site.path(), &"<div>".repeat(40_000));
    let (code, err, took) = check_within(site.path(), Duration::from_secs(30));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("content/az/deep.md:7:"), "{err}");
    assert!(took < Duration::from_secs(2), "took {took:?}");
}

#[test]
fn serve_removes_temporary_files_a_killed_save_left_and_nothing_else() {
    let site = site(Some("valid"));
    let root = site.path();
    let ours = [".ccu-edit-Ab12Cd", "content/az/.ccu-edit-x9Y8z7"];
    let others = [
        ".ccu-editor-notes",
        "content/az/notes.ccu-edit-1",
        "content/.ccu-edit-folder/keep.md",
    ];
    for f in ours.iter().chain(&others) {
        let p = root.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "half a save").unwrap();
    }
    let server = start(root);
    for f in ours {
        assert!(!root.join(f).exists(), "{f} was left");
    }
    for f in others {
        assert!(root.join(f).exists(), "{f} is not ours and was removed");
    }
    assert!(
        server
            .printed()
            .contains("removed content/az/.ccu-edit-x9Y8z7"),
        "{}",
        server.printed()
    );
}

#[test]
fn a_save_past_its_deadline_writes_nothing_and_the_next_save_is_written() {
    use ccu_portal::edit::{self, Outcome, yaml::Value};
    let site = site(None);
    let root = site.path();
    let before = std::fs::read(root.join("catalog.yaml")).unwrap();
    let page = "/ru/services/1-4/";
    let (form, hash) = edit::open(root, page).unwrap_or_else(|_| panic!("{page} opens"));
    let mut sent: Vec<(String, String)> = Vec::new();
    for f in form.fields.iter().filter(|f| f.fixed.is_none()) {
        match &f.value {
            Some(Value::Scalar(s)) => sent.push((f.path.clone(), s.clone())),
            Some(Value::List(l)) => sent.extend(l.iter().map(|i| (f.path.clone(), i.clone()))),
            None => sent.push((f.path.clone(), String::new())),
        }
    }
    for (k, v) in sent.iter_mut() {
        if k == "services[3].description.ru" {
            *v = "Новое описание.".into();
        }
    }
    // Out of time: given up, nothing written.
    match edit::save(root, page, &sent, &hash, Instant::now()) {
        Outcome::TooSlow(msg) => assert!(msg.contains("nothing was written"), "{msg}"),
        _ => panic!("a save past its deadline is given up"),
    }
    assert_eq!(std::fs::read(root.join("catalog.yaml")).unwrap(), before);
    // The lock is free: the same save, in time, is written.
    let deadline = Instant::now() + Duration::from_secs(60);
    assert!(matches!(
        edit::save(root, page, &sent, &hash, deadline),
        Outcome::Saved { .. }
    ));
    let after = std::fs::read_to_string(root.join("catalog.yaml")).unwrap();
    assert!(after.contains("ru: Новое описание.\n"));
}
