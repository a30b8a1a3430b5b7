//! What editors rely on: the feed and sitemap parse, the scaffold, "Last updated".

mod common;
use common::*;

#[test]
fn atom_feeds_and_sitemap_are_valid_xml_with_the_required_elements() {
    let site = site(Some("valid"));
    assert!(build(site.path()).status.success());
    for lang in ["az", "en", "ru"] {
        let xml = read(site.path(), &format!("{lang}/atom.xml"));
        let doc = roxmltree::Document::parse(&xml).expect("the feed parses");
        let feed = doc.root_element();
        assert_eq!(feed.tag_name().name(), "feed");
        assert_eq!(
            feed.tag_name().namespace(),
            Some("http://www.w3.org/2005/Atom")
        );
        for required in ["title", "id", "updated"] {
            assert!(
                feed.children().any(|c| c.tag_name().name() == required),
                "feed lacks {required}"
            );
        }
        let entries: Vec<_> = feed
            .children()
            .filter(|c| c.tag_name().name() == "entry")
            .collect();
        assert_eq!(
            entries.len(),
            2,
            "the service and the guide that carry a date"
        );
        for e in entries {
            for required in ["title", "id", "updated", "link"] {
                assert!(
                    e.children().any(|c| c.tag_name().name() == required),
                    "entry lacks {required}"
                );
            }
            let updated = e
                .children()
                .find(|c| c.tag_name().name() == "updated")
                .unwrap()
                .text()
                .unwrap();
            assert!(
                updated.ends_with("T00:00:00Z") && updated.len() == 20,
                "{updated}"
            );
        }
    }
    let sitemap = std::fs::read_to_string(site.path().join("dist/sitemap.xml")).unwrap();
    roxmltree::Document::parse(&sitemap).expect("the sitemap parses");
    let html = read(site.path(), "en/services/1-4/index.html");
    assert!(
        html.contains("Last updated: <time datetime=2026-01-02>2 January 2026</time>"),
        "the service shows its date in words"
    );
    let az = read(site.path(), "az/services/1-4/index.html");
    assert!(
        az.contains("<time datetime=2026-01-02>2 yanvar 2026</time>"),
        "in its language"
    );
    let guide = read(site.path(), "ru/guides/apply/index.html");
    assert!(guide.contains("Последнее обновление"));
}

#[test]
fn new_guide_writes_three_files_that_check_asks_to_fill_in() {
    let site = site(Some("valid"));
    let root = site.path().to_str().unwrap();
    let out = ccu(&["new", "guide", "mobile-service", "--root", root]);
    assert!(out.status.success(), "{}", stderr(&out));
    for lang in ["az", "en", "ru"] {
        let text = std::fs::read_to_string(
            site.path()
                .join(format!("content/{lang}/mobile-service.md")),
        )
        .unwrap();
        assert!(
            text.starts_with("---\n")
                && text.contains("title: \"\"")
                && text.contains("updated: 20")
        );
    }
    // Unfilled, the check names each file and the empty field.
    let check = ccu(&["check", "--root", root]);
    assert_eq!(check.status.code(), Some(1));
    let err = stderr(&check);
    assert!(
        err.contains("content/en/mobile-service.md:3: title: the title is empty"),
        "{err}"
    );
    // It never overwrites, and refuses a bad slug.
    let again = ccu(&["new", "guide", "mobile-service", "--root", root]);
    assert_eq!(again.status.code(), Some(1));
    assert!(stderr(&again).contains("already exists"));
    let bad = ccu(&["new", "guide", "../evil", "--root", root]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(stderr(&bad).contains("`../evil` cannot be used in an address"));
}
