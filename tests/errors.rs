//! Bad input: each fault is reported with its file, line and field, exits
//! non-zero, and leaves the previous output untouched.

mod common;
use common::*;
use std::path::Path;

/// Replaces `from` with `to` in a file of the site (exactly once).
fn edit(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` must occur once in {file}"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Builds `root`, which must fail: exit 1, the output as it was (`before`), and no
/// staging folder left beside it. Returns what the build printed.
fn assert_failed_build_left_dist(root: &Path, before: &[(String, Vec<u8>)]) -> String {
    let out = build(root);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("was left as it was"), "{err}");
    assert!(
        snapshot(&root.join("dist")) == before,
        "dist changed after a failed build"
    );
    let leftovers: Vec<String> = std::fs::read_dir(root)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".dist."))
        .collect();
    assert!(leftovers.is_empty(), "staging left behind: {leftovers:?}");
    err
}

fn check(root: &Path) -> (Option<i32>, String) {
    let out = ccu(&["check", "--root", root.to_str().unwrap()]);
    (out.status.code(), stderr(&out))
}

#[test]
fn broken_yaml_on_line_5_names_the_line_and_keeps_the_previous_output() {
    let site = site(None);
    assert!(build(site.path()).status.success());
    let before = snapshot(&site.path().join("dist"));
    let catalog = site.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&catalog).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[4] = "site: [unclosed";
    std::fs::write(&catalog, lines.join("\n")).unwrap();

    let err = assert_failed_build_left_dist(site.path(), &before);
    assert!(err.contains("catalog.yaml:5:"), "{err}");
    assert!(err.contains("not valid YAML"), "{err}");
}

#[test]
fn an_unknown_agency_is_named_with_its_line_and_field_path() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "  - id: \"5.1\"\n    agency: labour",
        "  - id: \"5.1\"\n    agency: labor",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("catalog.yaml:42:5: service 5.1, agency: there is no agency `labor`"),
        "{err}"
    );
    assert!(err.contains("help: use one of: labour"), "{err}");
}

#[test]
fn every_problem_is_reported_in_one_run() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "    topic: housing\n    audiences: [martyr-families]\n    name: {az: Mənzil",
        "    topic: flats\n    audiences: [martyr-families]\n    name: {az: Mənzil",
    );
    edit(
        site.path(),
        "catalog.yaml",
        "districts: [AZ-MAS, AZ-LER]",
        "districts: [AZ-MAS, AZ-LER, AZ-XXX]",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("service 5.1, topic: there is no topic `flats`"),
        "{err}"
    );
    assert!(
        err.contains("unit masalli, districts: there is no district `AZ-XXX`"),
        "{err}"
    );
    assert!(err.contains("2 error(s)"), "{err}");
}

#[test]
fn duplicate_ids_are_refused() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "  - id: \"5.1\"",
        "  - id: \"1.4\"",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "catalog.yaml:41:5: service 1.4, id: the id `1.4` is used twice (first on line 33)"
        ),
        "{err}"
    );
}

#[test]
fn a_district_in_two_units_is_refused() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "    districts: [AZ-MAS, AZ-LER]\n",
        "    districts: [AZ-MAS, AZ-LER]\n  - id: other\n    kind: regional\n    seat: AZ-LER\n    name: {az: Digər, en: Other, ru: Другой}\n    districts: [AZ-LER]\n",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "unit other, districts: the district `AZ-LER` is already served by the unit `masalli` (line 53)"
        ),
        "{err}"
    );
}

#[test]
fn a_slug_that_would_leave_the_output_is_refused() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "  - id: \"5.1\"\n",
        "  - id: \"5.1\"\n    slug: ../../etc\n",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("service 5.1, slug: `../../etc` cannot be used in an address"),
        "{err}"
    );
}

#[test]
fn schema_errors_name_the_field() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "    name: {az: Lerik, en: Lerik, ru: Лерик}",
        "    name: {az: Lerik, en: Lerik, rus: Лерик}",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("district AZ-LER, name.rus: unknown field `rus`"),
        "{err}"
    );

    let site = site_without_field();
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("service 1.4: the field `agency` is missing"),
        "{err}"
    );
}

fn site_without_field() -> tempfile::TempDir {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "  - id: \"1.4\"\n    agency: labour\n",
        "  - id: \"1.4\"\n",
    );
    site
}

#[test]
fn broken_front_matter_names_the_guide_and_line() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "content/en/apply.md",
        "description: Ways to apply",
        "description: [Ways to apply",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(err.contains("content/en/apply.md:3:"), "{err}");
    assert!(err.contains("front matter"), "{err}");
}

#[test]
fn a_guide_file_name_that_is_not_a_slug_is_refused() {
    let site = site(Some("valid"));
    std::fs::copy(
        site.path().join("content/az/apply.md"),
        site.path().join("content/az/Müraciət.md"),
    )
    .unwrap();
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/az/Müraciət.md: `Müraciət` cannot be used in an address"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_is_reported_with_the_file() {
    let site = site(Some("valid"));
    std::fs::write(
        site.path().join("content/ru/apply.md"),
        b"---\ntitle: \xff\xfe\n---\n",
    )
    .unwrap();
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/ru/apply.md:2: the file is not valid UTF-8 text"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn symlinks_in_content_are_not_followed() {
    let site = site(Some("valid"));
    std::os::unix::fs::symlink("/etc/passwd", site.path().join("content/en/passwd.md")).unwrap();
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("content/en/passwd.md: this is a symbolic link, which is not followed"),
        "{err}"
    );
}

#[test]
fn a_missing_translation_is_a_warning_unless_strict() {
    let site = site(Some("valid"));
    std::fs::remove_file(site.path().join("content/ru/apply.md")).unwrap();
    let (code, err) = check(site.path());
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("warning: content/ru/apply.md: the guide `apply` has no ru translation"),
        "{err}"
    );
    let out = ccu(&["check", "--strict", "--root", site.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn check_speaks_json_for_tools() {
    let site = site(Some("valid"));
    edit(
        site.path(),
        "catalog.yaml",
        "  - id: \"5.1\"\n    agency: labour",
        "  - id: \"5.1\"\n    agency: labor",
    );
    let out = ccu(&[
        "check",
        "--format",
        "json",
        "--root",
        site.path().to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &v.as_array().unwrap()[0];
    assert_eq!(first["severity"], "error");
    assert_eq!(first["file"], "catalog.yaml");
    assert_eq!(first["line"], 42);
    assert_eq!(first["path"], "services[1].agency");
    assert_eq!(first["place"], "service 5.1, agency");
}

#[test]
fn usage_errors_exit_2_and_the_sources_are_never_the_output() {
    assert_eq!(ccu(&["build", "--no-such-flag"]).status.code(), Some(2));
    let site = site(Some("valid"));
    let root = site.path().to_str().unwrap();
    let out = ccu(&["build", "--root", root, "--out", root]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("contains the site's sources"),
        "{}",
        stderr(&out)
    );
    assert!(site.path().join("catalog.yaml").exists());
}

#[test]
fn the_same_name_for_4_1_and_4_2_is_a_warning_until_the_catalog_records_it() {
    let site = site(None);
    edit(
        site.path(),
        "catalog.yaml",
        "    same_name_as: \"4.1\"",
        "    # same_name_as: \"4.1\"",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("service 4.2, name.en: services 4.1 and 4.2 have the same English name"),
        "{err}"
    );
}

#[test]
fn a_template_that_fails_while_rendering_leaves_the_previous_output() {
    let site = site(Some("valid"));
    assert!(build(site.path()).status.success());
    let before = snapshot(&site.path().join("dist"));
    edit(
        site.path(),
        "themes/default/templates/service.html",
        "<h1>{{ service.title | loc }}</h1>",
        "<h1>{{ service.no_such_field }}</h1>",
    );
    let err = assert_failed_build_left_dist(site.path(), &before);
    assert!(err.contains("service.html"), "{err}");
}

#[test]
fn control_characters_in_any_text_are_refused_with_their_line() {
    // YAML's escapes write them (`\e` is ESC, `\0` NUL, `\v` VT); a guide's body can hold them as typed.
    let cases: [(&str, &str, &str, &str, &str); 5] = [
        (
            "catalog.yaml",
            "en: Labour pension,",
            "en: \"Labour\\e[31m pension\",",
            "catalog.yaml:37:",
            "U+001B",
        ),
        (
            "catalog.yaml",
            "title: {az: Test portalı,",
            "title: {az: \"Test\\x85 portalı\",",
            "catalog.yaml:4:",
            "U+0085",
        ),
        (
            "content/en/apply.md",
            "title: How to apply",
            "title: \"How\\0 to apply\"",
            "content/en/apply.md:2:",
            "U+0000",
        ),
        (
            "content/en/apply.md",
            "description: Ways to apply",
            "description: \"Ways\\v to apply\"",
            "content/en/apply.md:3:",
            "U+000B",
        ),
        (
            "content/en/apply.md",
            "Call 142.",
            "Call\u{1b} 142.",
            "content/en/apply.md:9:",
            "U+001B",
        ),
    ];
    for (file, from, to, at, what) in cases {
        let site = site(Some("valid"));
        edit(site.path(), file, from, to);
        let (code, err) = check(site.path());
        assert_eq!(code, Some(1), "{to}: {err}");
        assert!(
            err.contains(at) && err.contains(&format!("control character {what}")),
            "{to}: {err}"
        );
        let out = build(site.path());
        assert_eq!(out.status.code(), Some(1), "{to}");
        assert!(!site.path().join("dist").exists(), "{to}: dist was written");
    }
}

#[test]
fn a_quote_cut_inside_its_sentence_is_refused_with_its_line() {
    let site = site(Some("cut-quote"));
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("catalog.yaml:52:")
            && err.contains("service 1.4, facts.who.quote: the quote ends inside a sentence"),
        "{err}"
    );
    assert!(
        err.contains("quote the source's whole sentence, or mark where you cut it with `…`"),
        "{err}"
    );
    // Marking the cut is enough: the quote then says that it stops there.
    edit(
        site.path(),
        "catalog.yaml",
        "qardaşlar və bacılar\"",
        "qardaşlar və bacılar …\"",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_fact_without_its_match_is_refused_with_its_line() {
    let site = site(Some("missing-match"));
    let out = build(site.path());
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("catalog.yaml:44:")
            && err.contains("this fact does not say how closely its source matches"),
        "{err}"
    );
    assert!(err.contains("add `match: exact`"), "{err}");
    assert!(!site.path().join("dist").exists(), "nothing is written");
}

#[test]
fn a_next_step_to_a_service_that_does_not_exist_is_refused() {
    let site = site(None);
    edit(
        site.path(),
        "catalog.yaml",
        "      - service: \"4.3\"\n        why:\n          az: \"şəhid zabit",
        "      - service: \"4.9\"\n        why:\n          az: \"şəhid zabit",
    );
    let (code, err) = check(site.path());
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("service 2.1, next.service: there is no service `4.9`"),
        "{err}"
    );
}
