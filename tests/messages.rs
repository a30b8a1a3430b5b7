//! Messages an editor can act on: each fixture under tests/fixtures/ holds one fault, and
//! the message names the file and the line the editor must open, in the editor's words.

mod common;
use common::*;
use std::path::Path;

/// `ccu check` on a fixture: (exit code, standard error).
fn check_fixture(name: &str) -> (Option<i32>, String) {
    let site = site(Some(name));
    check_root(site.path())
}

fn check_root(root: &Path) -> (Option<i32>, String) {
    let out = ccu(&["check", "--root", root.to_str().unwrap()]);
    (out.status.code(), stderr(&out))
}

/// The lines of `err` that report a problem (not help lines or the count).
fn problems(err: &str) -> Vec<&str> {
    err.lines()
        .filter(|l| l.starts_with("error: ") || l.starts_with("warning: "))
        .collect()
}

#[test]
fn an_unclosed_quote_is_reported_where_it_opens() {
    // Line 40 opens `"Apply for a pension`; libyaml reads on to the next quote mark and
    // fails further down, where nothing is wrong.
    let (code, err) = check_fixture("unclosed-quote");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("error: catalog.yaml:40:11: a quote is not closed"),
        "{err}"
    );
    assert!(
        err.contains("help: end the text with `\"` on this line"),
        "{err}"
    );
    assert_eq!(problems(&err).len(), 1, "{err}");
}

#[test]
fn a_colon_inside_a_value_says_to_put_the_text_in_quotes() {
    let (code, err) = check_fixture("colon-in-value");
    assert_eq!(code, Some(1));
    assert!(err.contains("error: catalog.yaml:48:"), "{err}");
    assert!(
        err.contains("which YAML reads as the start of a new field"),
        "{err}"
    );
    assert!(
        err.contains("help: put the text in quotes: en: \"Note: register for housing first\""),
        "{err}"
    );
}

#[test]
fn an_unquoted_id_says_to_write_it_in_quotes() {
    let (code, err) = check_fixture("unquoted-id");
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "error: catalog.yaml:41:5: service 5.1, id: `5.1` is read as a number, but this field takes text"
        ),
        "{err}"
    );
    assert!(
        err.contains("help: write it in quotes: id: \"5.1\""),
        "{err}"
    );
    assert!(!err.contains("services["), "places are named by id: {err}");
}

#[test]
fn a_duplicate_id_names_the_first_ones_line_and_nothing_else() {
    let (code, err) = check_fixture("duplicate-id");
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "error: catalog.yaml:41:5: service 1.4, id: the id `1.4` is used twice (first on line 33)"
        ),
        "{err}"
    );
    // Its address repeats with the id; saying so again would send the editor after a slug.
    assert_eq!(problems(&err).len(), 1, "{err}");
}

#[test]
fn places_are_named_as_the_editor_sees_them() {
    let site = site(Some("valid"));
    let catalog = site.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&catalog).unwrap();
    std::fs::write(
        &catalog,
        text.replacen(
            "    topic: housing\n    audiences: [martyr-families]\n    name: {az: Mənzil",
            "    topic: flats\n    audiences: [martyr-families]\n    name: {az: Mənzil",
            1,
        ),
    )
    .unwrap();
    let (code, err) = check_root(site.path());
    assert_eq!(code, Some(1));
    assert!(
        err.contains("error: catalog.yaml:43:5: service 5.1, topic: there is no topic `flats`"),
        "{err}"
    );
}

#[test]
fn an_unknown_district_suggests_the_nearest_listed_codes() {
    let (code, err) = check_fixture("unknown-district");
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "error: catalog.yaml:53:25: unit masalli, districts: there is no district `AZ-LEN`"
        ),
        "{err}"
    );
    let help = err.lines().find(|l| l.contains("help:")).unwrap();
    assert!(
        help.contains("the nearest are AZ-LER, AZ-MAS, AZ-NX"),
        "{help}"
    );
    assert!(
        !help.contains("AZ-LEN") && !help.contains("AZ-LAN"),
        "{help}"
    );
}

#[test]
fn a_guide_with_broken_front_matter_is_not_also_called_missing() {
    let (code, err) = check_fixture("broken-front-matter");
    assert_eq!(code, Some(1));
    assert!(
        err.contains("error: content/en/apply.md:2:8: in the front matter, a quote is not closed"),
        "{err}"
    );
    assert!(!err.contains("translation"), "{err}");
    assert_eq!(problems(&err).len(), 1, "{err}");
}

#[test]
fn two_services_with_one_name_warn_until_the_catalog_says_it_is_known() {
    let (code, err) = check_fixture("same-name");
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains(
            "warning: catalog.yaml:45:32: service 5.1, name.en: services 1.4 and 5.1 have the same English name"
        ),
        "{err}"
    );
    assert!(
        err.contains("add `same_name_as: \"1.4\"` to service 5.1"),
        "{err}"
    );

    let site = site(Some("same-name"));
    let catalog = site.path().join("catalog.yaml");
    let text = std::fs::read_to_string(&catalog).unwrap();
    std::fs::write(
        &catalog,
        text.replacen(
            "  - id: \"5.1\"\n",
            "  - id: \"5.1\"\n    same_name_as: \"1.4\"\n",
            1,
        ),
    )
    .unwrap();
    let (code, err) = check_root(site.path());
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(err, "", "the known shared name is not reported");
}

#[test]
fn a_clean_checkout_checks_without_a_warning() {
    let out = ccu(&["check", "--root", repo().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stderr(&out),
        "",
        "the real catalog and guides report nothing"
    );
    assert_eq!(String::from_utf8_lossy(&out.stdout), "no problems found\n");
}

#[test]
fn the_wrong_folder_gives_one_error_saying_what_to_do() {
    // tests/fixtures holds sites but is not one: the folder an editor might stand in by mistake.
    let wrong = repo().join("tests/fixtures");
    for mut args in [
        vec!["check", "--root"],
        vec![
            "build",
            "--quiet",
            "--out",
            "/nonexistent/ccu-never-written",
            "--root",
        ],
    ] {
        args.push(wrong.to_str().unwrap());
        let out = ccu(&args);
        assert_eq!(out.status.code(), Some(1));
        let err = stderr(&out);
        assert!(
            err.starts_with(&format!("error: no catalog.yaml in {}\n", wrong.display())),
            "{err}"
        );
        assert!(
            err.contains("help: run ccu from the site folder (the one holding catalog.yaml, content/ and themes/) or give --root"),
            "{err}"
        );
        assert_eq!(problems(&err).len(), 1, "{err}");
    }
}
