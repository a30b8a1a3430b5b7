//! `ccu serve` after an edit re-renders only the pages the edit changed, and what it
//! then serves is byte-identical to a full build of the same sources: for a service's
//! name, a name two services now share, an agency, a date, the keywords, an agency's
//! name, a guide; a template's edit renders everything. `ccu build` over its previous
//! output likewise equals a build into an empty folder.

mod common;
use ccu_portal::serve::Live;
use common::*;
use std::path::Path;

/// Replaces the one occurrence of `from` in the root's `catalog.yaml` with `to`.
fn edit(root: &Path, from: &str, to: &str) {
    let path = root.join("catalog.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(
        text.matches(from).count(),
        1,
        "`{from}` is in the catalog once"
    );
    std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Gives service 1.3 a second `agency` line, which the catalog's check refuses.
fn break_catalog(root: &Path) {
    edit(
        root,
        "  - id: \"1.3\"\n",
        "  - id: \"1.3\"\n    agency: labour\n",
    );
}

/// Takes back [`break_catalog`]'s line.
fn fix_catalog(root: &Path) {
    edit(
        root,
        "  - id: \"1.3\"\n    agency: labour\n",
        "  - id: \"1.3\"\n",
    );
}

/// The served site holds exactly the files of a full build, byte for byte.
fn assert_same_as_a_full_build(live: &Live, root: &Path, what: &str) {
    let full = ccu_portal::serve::build(root).unwrap().site;
    let served = live.site.read().unwrap();
    let paths: Vec<&String> = served.paths().collect();
    assert_eq!(
        paths,
        full.paths().collect::<Vec<_>>(),
        "{what}: the same files"
    );
    for p in paths {
        assert!(
            served.get(p) == full.get(p),
            "{what}: {p} differs from a full build"
        );
    }
}

fn page(live: &Live, rel: &str) -> String {
    let site = live.site.read().unwrap();
    String::from_utf8(site.get(rel).unwrap().to_vec()).unwrap()
}

#[test]
fn an_edit_of_services_re_renders_what_it_changes_and_equals_a_full_build() {
    let site = site(None);
    let root = site.path();
    let live = Live::new(root);
    assert!(live.status().error.is_none());
    let services = 3 * 26;

    edit(
        root,
        "en: Employment services\n",
        "en: Employment services and more\n",
    );
    live.rebuild(root, true);
    let status = live.status();
    assert!(status.error.is_none(), "{:?}", status.error);
    assert!(
        status.kept >= services - 3,
        "the other services' pages are kept: {}",
        status.kept
    );
    assert!(page(&live, "en/services/1-3/index.html").contains("Employment services and more"));
    assert_same_as_a_full_build(&live, root, "a name");

    // Two services now share a name: the other one's page says so too.
    edit(
        root,
        "en: Employment services and more\n",
        "en: Receipt of applications for labour pensions and social benefits\n",
    );
    live.rebuild(root, true);
    assert!(live.status().kept > 0);
    assert_same_as_a_full_build(&live, root, "a shared name");

    for (what, from, to) in [
        (
            "an agency",
            "  - id: \"1.3\"\n    agency: labour\n",
            "  - id: \"1.3\"\n    agency: defence\n",
        ),
        (
            "a date",
            "  - id: \"1.3\"\n",
            "  - id: \"1.3\"\n    updated: \"2026-11-30\"\n",
        ),
        (
            "keywords",
            "en: [employment, job, jobs,",
            "en: [employment, job, jobs, labour exchange,",
        ),
    ] {
        edit(root, from, to);
        live.rebuild(root, true);
        assert!(live.status().kept > 0, "{what}: pages are kept");
        assert_same_as_a_full_build(&live, root, what);
    }

    // A broken edit keeps the last good site; fixing it goes on from there.
    break_catalog(root);
    live.rebuild(root, true);
    assert!(live.status().error.is_some());
    fix_catalog(root);
    live.rebuild(root, true);
    assert!(live.status().error.is_none());
    assert_same_as_a_full_build(&live, root, "after a broken edit");

    // An agency's name is on many pages, but not on the districts' and places'
    // pages: those are kept.
    edit(
        root,
        "en: Ministry of Labour and Social Protection of Population\n",
        "en: Ministry of Labour\n",
    );
    live.rebuild(root, true);
    assert!(live.status().kept > 0, "some pages kept");
    assert!(page(&live, "en/agencies/labour/index.html").contains("Ministry of Labour"));
    assert!(!page(&live, "en/services/1-4/index.html").contains("Social Protection of Population"));
    assert_same_as_a_full_build(&live, root, "an agency's name");

    // A guide is no part of the catalog: the pages that do not list it are kept.
    let guide = root.join("content/en/how-to-apply.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, format!("{text}\nOne more line.\n")).unwrap();
    live.rebuild(root, false);
    assert!(live.status().kept >= services, "{}", live.status().kept);
    assert!(page(&live, "en/guides/how-to-apply/index.html").contains("One more line."));
    assert_same_as_a_full_build(&live, root, "a guide");

    // A template changed with the catalog: everything again.
    let template = root.join("themes/default/templates/service.html");
    let text = std::fs::read_to_string(&template).unwrap();
    std::fs::write(
        &template,
        text.replacen("<p class=\"lead\">", "<p class=\"lead intro\">", 1),
    )
    .unwrap();
    edit(
        root,
        "en: Ministry of Labour\n",
        "en: Ministry of Labour!\n",
    );
    live.rebuild(root, false);
    assert_eq!(live.status().kept, 0);
    assert!(page(&live, "en/services/1-4/index.html").contains("lead intro"));
    assert_same_as_a_full_build(&live, root, "a template");
}

#[test]
fn a_guide_saved_while_the_catalog_was_broken_is_served_once_the_catalog_is_fixed() {
    let site = site(None);
    let root = site.path();
    let live = Live::new(root);
    break_catalog(root);
    live.rebuild(root, true);
    assert!(live.status().error.is_some(), "the catalog is broken");
    let guide = root.join("content/en/how-to-apply.md");
    let text = std::fs::read_to_string(&guide).unwrap();
    std::fs::write(&guide, format!("{text}\nSaved meanwhile.\n")).unwrap();
    live.rebuild(root, false);
    assert!(live.status().error.is_some(), "the catalog is still broken");
    // Only the catalog changes now, but the guide changed since the last good site.
    fix_catalog(root);
    live.rebuild(root, true);
    assert!(live.status().error.is_none());
    assert!(page(&live, "en/guides/how-to-apply/index.html").contains("Saved meanwhile."));
    assert_same_as_a_full_build(&live, root, "a guide saved while the catalog was broken");
}

/// Every file under `dir` with its bytes, by path.
fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().display().to_string();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `ccu build` of `root` into `out`; returns how many pages it kept unrendered
/// (and, with `search`, how many languages' search indexes).
fn build_kept(root: &Path, out: &Path) -> usize {
    build_kept_all(root, out).0
}

fn build_kept_all(root: &Path, out: &Path) -> (usize, usize) {
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_ccu"))
        .args(["build", "--quiet", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .env("CCU_TIMINGS", "1")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let number = |after: &str| -> usize {
        let rest = err.split(after).nth(1).unwrap();
        let digits = rest.split(|c: char| !c.is_ascii_digit()).next().unwrap();
        digits.parse().unwrap()
    };
    (
        number("pages kept unrendered "),
        number("search indexes kept "),
    )
}

#[test]
fn a_build_over_its_previous_output_equals_a_build_into_an_empty_folder() {
    let site = site(None);
    let root = site.path();
    let out = root.join("dist");
    assert_eq!(build_kept(root, &out), 0, "nothing to keep at first");
    let guide = root.join("content/en/how-to-apply.md");
    let steps: [(&str, &dyn Fn()); 6] = [
        ("nothing changed", &|| {}),
        ("a service's name", &|| {
            edit(root, "en: Employment services\n", "en: Employment help\n")
        }),
        ("a guide", &|| {
            let text = std::fs::read_to_string(&guide).unwrap();
            std::fs::write(&guide, format!("{text}\nOne more line.\n")).unwrap();
        }),
        ("a page changed by hand in the output", &|| {
            std::fs::write(out.join("en/services/1-4/index.html"), "mine").unwrap()
        }),
        ("a template", &|| {
            let template = root.join("themes/default/templates/service.html");
            let text = std::fs::read_to_string(&template).unwrap();
            std::fs::write(
                &template,
                text.replacen("class=\"lead\"", "class=\"lead x\"", 1),
            )
            .unwrap();
        }),
        ("an agency's name", &|| {
            edit(
                root,
                "en: Ministry of Labour and Social Protection of Population\n",
                "en: Ministry of Labour\n",
            )
        }),
    ];
    for (i, (what, change)) in steps.iter().enumerate() {
        change();
        let (kept, indexes) = build_kept_all(root, &out);
        // An English text changes the English index only; the theme, all.
        let want = match *what {
            "nothing changed" | "a page changed by hand in the output" => 3,
            "a service's name" | "a guide" | "an agency's name" => 2,
            _ => 0,
        };
        assert_eq!(indexes, want, "{what}: search indexes kept");
        let fresh = root.join(format!("fresh-{i}"));
        assert_eq!(build_kept(root, &fresh), 0);
        let (a, b) = (files(&out), files(&fresh));
        assert_eq!(
            a.keys().collect::<Vec<_>>(),
            b.keys().collect::<Vec<_>>(),
            "{what}: the same files"
        );
        for (rel, bytes) in &a {
            assert!(*bytes == b[rel], "{what}: {rel} differs from a fresh build");
        }
        match *what {
            "a template" => assert_eq!(kept, 0, "{what}: all rendered"),
            // Not the service pages, which all name their agency; the districts' are kept.
            "an agency's name" => assert!(kept >= 75, "{what}: district pages kept ({kept})"),
            _ => assert!(kept >= 75 + 78, "{what}: unchanged pages kept ({kept})"),
        }
    }
    assert!(read(root, "en/services/1-3/index.html").contains("Employment help"));
}
