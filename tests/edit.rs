//! The editor in `ccu serve`: a saved form changes only its values and is served at once;
//! an invalid value is shown at its field, a change made meanwhile on disk is detected, a
//! request from another site is refused — and in each of those nothing is written.

mod common;
use common::*;

const FORM: &str = "/_edit/ru/services/1-4/";
const RU: &str = "services[3].description.ru";

fn post(port: u16, fields: &[(String, String)]) -> (u16, String, String) {
    let origin = format!("http://localhost:{port}");
    request(
        port,
        "POST",
        FORM,
        &[
            ("Origin", &origin),
            ("Content-Type", "application/x-www-form-urlencoded"),
        ],
        &encode(fields),
    )
}

fn open_form(port: u16) -> Vec<(String, String)> {
    let (status, _, html) = request(port, "GET", FORM, &[], "");
    assert_eq!(status, 200, "{html}");
    form_fields(&html)
}

/// The lines of `new` that are not in `old` and the other way round.
fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let o: Vec<&str> = old.lines().collect();
    let n: Vec<&str> = new.lines().collect();
    let gone = o
        .iter()
        .filter(|l| !n.contains(l))
        .map(|l| l.to_string())
        .collect();
    let came = n
        .iter()
        .filter(|l| !o.contains(l))
        .map(|l| l.to_string())
        .collect();
    (gone, came)
}

#[test]
fn a_saved_form_changes_only_its_value_and_the_page_shows_it() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let before = std::fs::read_to_string(site.path().join("catalog.yaml")).unwrap();
    let fields = open_form(port);
    let (status, head, body) = post(
        port,
        &with(&fields, RU, "Новое описание: подайте заявление."),
    );
    assert_eq!(status, 303, "{body}");
    assert!(
        head.to_lowercase().contains("location: /ru/services/1-4/"),
        "{head}"
    );
    let after = std::fs::read_to_string(site.path().join("catalog.yaml")).unwrap();
    let (gone, came) = changed_lines(&before, &after);
    assert_eq!(
        gone,
        ["      ru: Подайте заявление о назначении трудовой пенсии или социального пособия."]
    );
    assert_eq!(came, ["      ru: \"Новое описание: подайте заявление.\""]);
    assert_eq!(before.len() - gone[0].len(), after.len() - came[0].len());
    let (_, _, page) = request(port, "GET", "/ru/services/1-4/", &[], "");
    assert!(
        page.contains("Новое описание: подайте заявление."),
        "the page shows the saved text"
    );
    // Sending the form again unchanged writes nothing.
    let fields = open_form(port);
    assert_eq!(post(port, &fields).0, 303);
    assert_eq!(
        std::fs::read_to_string(site.path().join("catalog.yaml")).unwrap(),
        after
    );
    // No temporary file is left beside the catalog.
    let left: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".ccu-edit"))
        .collect();
    assert!(left.is_empty());
}

#[test]
fn an_invalid_value_is_shown_at_its_field_and_nothing_is_written() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let before = std::fs::read(site.path().join("catalog.yaml")).unwrap();
    let fields = open_form(port);
    let (status, _, html) = post(port, &with(&fields, "services[3].description.az", ""));
    assert_eq!(status, 422, "{html}");
    assert_eq!(
        std::fs::read(site.path().join("catalog.yaml")).unwrap(),
        before
    );
    // The field says so, linked to its message; the summary links to the field; focus goes there.
    let id = "f-services-3--description-az";
    let tag_start = html
        .find(&format!("<textarea id={id} "))
        .expect("the field is there");
    let tag = &html[tag_start..tag_start + html[tag_start..].find('>').unwrap()];
    assert!(tag.contains("aria-invalid=true"), "{tag}");
    assert!(
        tag.contains(&format!("aria-describedby=\"e-{id}\"")),
        "{tag}"
    );
    assert!(tag.contains("autofocus"), "{tag}");
    let message = &html[html.find(&format!("id=e-{id}>")).unwrap()..];
    assert!(
        message.contains("the Azerbaijani text is missing"),
        "{message}"
    );
    assert!(
        html.contains(&format!("href=\"#{id}\"")),
        "the summary links to the field"
    );
    // A date that is none: at its own field.
    let (status, _, html) = post(port, &with(&fields, "services[3].updated", "2026-02-30x"));
    assert_eq!(status, 422);
    assert!(
        html.contains("id=e-f-services-3--updated>"),
        "the date's error is at the date"
    );
    assert_eq!(
        std::fs::read(site.path().join("catalog.yaml")).unwrap(),
        before
    );
}

/// What a forged request is, its headers and its body.
type Try<'a> = (&'a str, Vec<(&'a str, &'a str)>, String);

#[test]
fn a_request_from_another_site_is_refused_and_nothing_is_written() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let before = std::fs::read(site.path().join("catalog.yaml")).unwrap();
    let fields = with(&open_form(port), RU, "Взлом");
    let body = encode(&fields);
    let own = format!("http://localhost:{port}");
    let forged_token = with(&fields, "_token", "0".repeat(48).as_str());
    let tries: [Try; 5] = [
        (
            "another site",
            vec![("Origin", "http://evil.example")],
            body.clone(),
        ),
        ("no Origin", vec![], body.clone()),
        (
            "the null origin of a sandboxed frame",
            vec![("Origin", "null")],
            body.clone(),
        ),
        (
            "a cross-site fetch",
            vec![("Origin", &own), ("Sec-Fetch-Site", "cross-site")],
            body.clone(),
        ),
        (
            "a wrong token",
            vec![("Origin", &own)],
            encode(&forged_token),
        ),
    ];
    for (what, headers, body) in tries {
        let (status, _, html) = request(port, "POST", FORM, &headers, &body);
        assert_eq!(status, 403, "{what}: {html}");
        assert!(html.contains("ничего не записано"), "{what}");
        assert_eq!(
            std::fs::read(site.path().join("catalog.yaml")).unwrap(),
            before,
            "{what}"
        );
    }
    // Pages other than the editor's take no POST at all.
    let (status, _, _) = request(
        port,
        "POST",
        "/ru/services/1-4/",
        &[("Origin", &own)],
        &body,
    );
    assert_eq!(status, 405);
}

#[test]
fn a_change_made_meanwhile_on_disk_is_detected_and_nothing_is_lost() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let fields = open_form(port);
    // Meanwhile, in a text editor, the same service's English title:
    let path = site.path().join("catalog.yaml");
    let edited = std::fs::read_to_string(&path).unwrap().replace(
        "en: Apply for a labour pension or social benefit\n",
        "en: Apply for a labour pension or social benefit (edited)\n",
    );
    std::fs::write(&path, &edited).unwrap();
    let (status, _, html) = post(port, &with(&fields, RU, "Моё описание"));
    assert_eq!(status, 409, "{html}");
    assert!(html.contains("поэтому ничего не сохранено"), "{html}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        edited,
        "the text editor's change stays"
    );
    assert!(
        html.contains("вы ввели: Моё описание"),
        "what the editor typed is shown"
    );
    // The form now carries the file's new state: saving again works.
    let again = with(&form_fields(&html), RU, "Моё описание");
    assert_eq!(post(port, &again).0, 303);
    let now = std::fs::read_to_string(&path).unwrap();
    assert!(
        now.contains("en: Apply for a labour pension or social benefit (edited)\n")
            && now.contains("ru: Моё описание\n")
    );
}

#[test]
fn a_guide_is_edited_in_its_own_file_and_only_there() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let slug = std::fs::read_dir(site.path().join("content/en"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter_map(|n| n.strip_suffix(".md").map(String::from))
        .min()
        .expect("a guide");
    let file = site.path().join(format!("content/en/{slug}.md"));
    let before = std::fs::read_to_string(&file).unwrap();
    let form = format!("/_edit/en/guides/{slug}/");
    let (status, _, html) = request(port, "GET", &form, &[], "");
    assert_eq!(status, 200, "{html}");
    let fields = with(&form_fields(&html), "en.title", "A new title: plain");
    let origin = format!("http://localhost:{port}");
    let (status, _, body) = request(
        port,
        "POST",
        &form,
        &[("Origin", &origin)],
        &encode(&fields),
    );
    assert_eq!(status, 303, "{body}");
    let after = std::fs::read_to_string(&file).unwrap();
    let (gone, came) = changed_lines(&before, &after);
    assert_eq!(gone.len(), 1, "{gone:?}");
    assert!(gone[0].starts_with("title:"));
    assert_eq!(came, ["title: \"A new title: plain\""]);
}

#[test]
fn only_serve_links_to_the_forms_never_a_built_site() {
    let site = site(None);
    let out = build(site.path());
    assert!(out.status.success(), "{}", stderr(&out));
    for entry in walkdir::WalkDir::new(site.path().join("dist")) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).unwrap();
            assert!(
                !bytes.windows(7).any(|w| w == b"/_edit/"),
                "{} links to the editor",
                entry.path().display()
            );
        }
    }
    let server = start(site.path());
    let (_, _, page) = request(server.port, "GET", "/az/services/1-4/", &[], "");
    assert!(page.contains("<a href=\"/_edit/az/services/1-4/\">Bu səhifəni redaktə et</a>"));
    for path in [
        "/az/agencies/labour/",
        "/en/units/ganja/",
        "/ru/topics/housing/",
        "/en/districts/az-ler/",
    ] {
        let (_, _, page) = request(server.port, "GET", path, &[], "");
        assert!(page.contains(&format!("href=\"/_edit{path}\"")), "{path}");
        let (status, _, _) = request(server.port, "GET", &format!("/_edit{path}"), &[], "");
        assert_eq!(status, 200, "{path}");
    }
    let (_, _, home) = request(server.port, "GET", "/en/", &[], "");
    assert!(
        !home.contains("/_edit/"),
        "pages without a form have no link"
    );
}

fn git(root: &std::path::Path, args: &[&str], date: &str) {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "user.name=Editor",
            "-c",
            "user.email=editor@example.org",
        ])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
}

#[test]
fn the_translation_status_lists_missing_and_stale_texts_per_language() {
    let site = site(None);
    let root = site.path();
    let path = root.join("catalog.yaml");
    let ru = "      ru: Подайте заявление о назначении трудовой пенсии или социального пособия.\n";
    let text = std::fs::read_to_string(&path).unwrap().replacen(ru, "", 1);
    std::fs::write(&path, text).unwrap();
    git(root, &["init", "-q"], "2026-01-01T00:00:00");
    git(root, &["add", "-A"], "2026-01-01T00:00:00");
    git(root, &["commit", "-qm", "catalog"], "2026-01-01T00:00:00");
    // Later, only the Azerbaijani text of service 1.3's description changes.
    let text = std::fs::read_to_string(&path).unwrap();
    let line = text
        .lines()
        .skip_while(|l| !l.contains("id: \"1.3\""))
        .skip_while(|l| l.trim() != "description:")
        .nth(1)
        .unwrap()
        .to_string();
    assert!(line.trim_start().starts_with("az:"), "{line}");
    std::fs::write(
        &path,
        text.replacen(&line, &format!("{line} Yenilənib."), 1),
    )
    .unwrap();
    git(
        root,
        &["commit", "-qam", "az changed"],
        "2026-06-01T00:00:00",
    );

    let out = ccu(&[
        "check",
        "--translations",
        "--format",
        "json",
        "--root",
        root.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let status: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(status["counts"]["ru"]["missing"], 1, "{status:#}");
    assert_eq!(status["counts"]["en"]["missing"], 0);
    let missing = &status["missing"][0];
    assert_eq!(missing["place"], "service 1.4, description.ru");
    assert_eq!(missing["edit"], "/_edit/az/services/1-4/");
    let stale: Vec<String> = status["stale"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["place"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        stale,
        ["service 1.3, description.en", "service 1.3, description.ru"]
    );
    assert_eq!(status["counts"]["en"]["stale"], 1);

    // The same for people, counts first.
    let out = ccu(&["check", "--translations", "--root", root.to_str().unwrap()]);
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        text.starts_with("English: 0 missing, 1 maybe stale\nRussian: 1 missing, 1 maybe stale\n"),
        "{text}"
    );
    assert!(
        text.contains("catalog.yaml:") && text.contains("service 1.4, description.ru"),
        "{text}"
    );

    // And in serve, with links to the forms.
    let server = start(root);
    let (status, head, _) = request(server.port, "GET", "/_edit/translations", &[], "");
    assert_eq!(status, 308);
    assert!(head.contains("/_edit/az/translations"), "{head}");
    let (status, _, page) = request(server.port, "GET", "/_edit/en/translations", &[], "");
    assert_eq!(status, 200);
    assert!(
        page.contains("<a href=\"/_edit/en/services/1-4/#f-services-3--description-ru\">Service 1.4 — Description (Russian)"),
        "{page}"
    );
    assert!(page.contains("Service 1.3 — Description (English)"));

    // In Azerbaijani, in words: the stale Russian text, the Azerbaijani text before and
    // after the change, and "still correct", which clears it.
    let (_, _, page) = request(server.port, "GET", "/_edit/az/translations", &[], "");
    let at = page
        .find(">Xidmət 1.3 — Təsvir (rusca)</a>")
        .unwrap_or_else(|| panic!("{page}"));
    let item = &page[at..at + page[at..].find("</li>").unwrap()];
    let old_az = line.trim_start().trim_start_matches("az:").trim();
    assert!(
        item.contains(&format!("<blockquote lang=az>{old_az}</blockquote>")),
        "{item}"
    );
    assert!(
        item.contains(&format!(
            "<blockquote lang=az>{old_az} Yenilənib.</blockquote>"
        )),
        "{item}"
    );
    assert!(item.contains("Tərcümə hələ də düzgündür"), "{item}");
    let origin = format!("http://localhost:{}", server.port);
    let token = attr(&item[item.find("name=_token").unwrap() - 20..], "value").unwrap();
    let sent = encode(&[
        ("_token".to_string(), token),
        ("path".to_string(), "services[2].description.ru".to_string()),
    ]);
    let before = std::fs::read_to_string(&path).unwrap();
    let (status, head, body) = request(
        server.port,
        "POST",
        "/_edit/az/translations",
        &[("Origin", &origin)],
        &sent,
    );
    assert_eq!(status, 303, "{body}");
    let to = head
        .lines()
        .find_map(|l| {
            l.strip_prefix("location: ")
                .or_else(|| l.strip_prefix("Location: "))
        })
        .unwrap()
        .to_string();
    let (_, _, page) = request(server.port, "GET", &to, &[], "");
    assert!(
        page.contains("Qeyd edildi: Xidmət 1.3 — Təsvir (rusca) tərcüməsi düzgündür."),
        "{page}"
    );
    assert!(
        !page.contains(">Xidmət 1.3 — Təsvir (rusca)</a>"),
        "no longer stale"
    );
    assert!(
        page.contains(">Xidmət 1.3 — Təsvir (ingiliscə)</a>"),
        "the English still is"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        before,
        "the catalog is untouched"
    );
}

#[test]
fn a_text_an_entry_has_not_got_yet_is_added_in_three_languages() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let form = "/_edit/en/agencies/labour/";
    let path = site.path().join("catalog.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    let (status, _, html) = request(port, "GET", form, &[], "");
    assert_eq!(status, 200);
    assert!(html.contains("Short name (not written yet)"), "{html}");
    let origin = format!("http://localhost:{port}");
    let send = |fields: &[(String, String)]| {
        request(port, "POST", form, &[("Origin", &origin)], &encode(fields))
    };
    // English alone: Azerbaijani is required, at its own field; nothing written.
    let fields = with(
        &form_fields(&html),
        "agencies[0].short_name.en",
        "Labour ministry",
    );
    let (status, _, html) = send(&fields);
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=e-f-agencies-0--short-name-az>"), "{html}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let fields = with(&fields, "agencies[0].short_name.az", "ƏƏSMN");
    assert_eq!(send(&fields).0, 303);
    let after = std::fs::read_to_string(&path).unwrap();
    let (gone, came) = changed_lines(&before, &after);
    assert!(gone.is_empty(), "{gone:?}");
    assert_eq!(
        came,
        [
            "    short_name:",
            "      az: ƏƏSMN",
            "      en: Labour ministry"
        ]
    );
}

#[test]
fn a_service_is_added_with_a_form_and_deleted_after_a_confirmation() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let path = site.path().join("catalog.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    let origin = format!("http://localhost:{port}");
    let send = |form: &str, fields: &[(String, String)]| {
        request(port, "POST", form, &[("Origin", &origin)], &encode(fields))
    };
    let (status, _, html) = request(port, "GET", "/_edit/az/new/service/", &[], "");
    assert_eq!(status, 200, "{html}");
    let n: usize = html
        .split("name=\"services[")
        .nth(1)
        .and_then(|r| r.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap();
    let base = format!("services[{n}]");
    let fields = form_fields(&html);
    // Without a name: said at the name, nothing written.
    let mut fields = with(&fields, &format!("{base}.id"), "7.1");
    fields.push((format!("{base}.audiences"), "martyr-families".into()));
    let fields = with(
        &fields,
        &format!("{base}.description.az"),
        "Yeni xidmətin təsviri.",
    );
    let (status, _, html) = send("/_edit/az/new/service/", &fields);
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains(&format!("id=e-f-services-{n}--name-az>")),
        "{html}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let fields = with(&fields, &format!("{base}.name.az"), "Yeni xidmət");
    let (status, head, html) = send("/_edit/az/new/service/", &fields);
    assert_eq!(status, 303, "{html}");
    assert!(
        head.to_lowercase().contains("location: /az/services/7-1/"),
        "{head}"
    );
    let added = std::fs::read_to_string(&path).unwrap();
    assert!(changed_lines(&before, &added).0.is_empty(), "no line goes");
    assert!(
        added.contains("\n  - id: \"7.1\"\n    agency: labour\n"),
        "{added}"
    );
    let (status, _, page) = request(port, "GET", "/az/services/7-1/", &[], "");
    assert_eq!(status, 200);
    assert!(page.contains("Yeni xidmət"));

    // Deleting asks first, then removes the service's lines only.
    let (status, _, html) = request(port, "GET", "/_edit/az/delete/services/7-1/", &[], "");
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("7.1 nömrəli xidmət silinsin?"), "{html}");
    let (status, head, _) = send("/_edit/az/delete/services/7-1/", &form_fields(&html));
    assert_eq!(status, 303);
    assert!(head.to_lowercase().contains("location: /az/services/"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    assert_eq!(request(port, "GET", "/az/services/7-1/", &[], "").0, 404);

    // A service others depend on (1.7 holds the facts 1.8 and 1.9 share) is not deleted.
    let (_, _, html) = request(port, "GET", "/_edit/az/delete/services/1-7/", &[], "");
    let (status, _, html) = send("/_edit/az/delete/services/1-7/", &form_fields(&html));
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("Heç nə yadda saxlanmadı"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
}

#[test]
fn a_guide_is_added_with_a_form_and_deleted_after_a_confirmation() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let origin = format!("http://localhost:{port}");
    let send = |form: &str, fields: &[(String, String)]| {
        request(port, "POST", form, &[("Origin", &origin)], &encode(fields))
    };
    let (status, _, html) = request(port, "GET", "/_edit/az/new/guide/", &[], "");
    assert_eq!(status, 200, "{html}");
    let fields = form_fields(&html);
    let fields = with(&fields, "slug", "how-to-apply");
    let fields = with(&fields, "en.title", "Contact");
    let fields = with(&fields, "en.description", "Who to call.");
    // A slug taken, and no Azerbaijani title: both said at their fields.
    let (status, _, html) = send("/_edit/az/new/guide/", &fields);
    assert_eq!(status, 422);
    assert!(html.contains("id=e-f-slug>"), "{html}");
    let fields = with(&fields, "slug", "contact");
    let (status, _, html) = send("/_edit/az/new/guide/", &fields);
    assert_eq!(status, 422);
    assert!(html.contains("id=e-f-az-title>"), "{html}");
    assert!(!site.path().join("content/en/contact.md").exists());
    let fields = with(&fields, "az.title", "Əlaqə");
    let fields = with(&fields, "az.description", "Kimə zəng etmək.");
    let fields = with(&fields, "az.body", "142-yə zəng edin.");
    let (status, head, html) = send("/_edit/az/new/guide/", &fields);
    assert_eq!(status, 303, "{html}");
    assert!(
        head.to_lowercase()
            .contains("location: /az/guides/contact/")
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("content/az/contact.md")).unwrap(),
        "---\ntitle: Əlaqə\ndescription: Kimə zəng etmək.\n---\n142-yə zəng edin.\n"
    );
    assert!(site.path().join("content/en/contact.md").exists());
    assert!(!site.path().join("content/ru/contact.md").exists());
    let (status, _, page) = request(port, "GET", "/az/guides/contact/", &[], "");
    assert_eq!(status, 200);
    assert!(page.contains("142-yə zəng edin."));

    let (status, _, html) = request(port, "GET", "/_edit/en/delete/guides/contact/", &[], "");
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("The guide “Contact” leaves the site in all three languages."));
    // The files it deletes are named for the technical person only.
    assert!(
        html.contains("<details class=tech>")
            && html.contains("<code>content/az/contact.md</code>")
    );
    let (status, head, _) = send("/_edit/en/delete/guides/contact/", &form_fields(&html));
    assert_eq!(status, 303);
    assert!(head.to_lowercase().contains("location: /en/guides/"));
    assert!(!site.path().join("content/az/contact.md").exists());
    assert!(!site.path().join("content/en/contact.md").exists());
    assert_eq!(request(port, "GET", "/az/guides/contact/", &[], "").0, 404);
}

/// The new-guide form sent with `values`; returns the status, headers and page.
fn new_guide(port: u16, values: &[(&str, &str)]) -> (u16, String, String) {
    let (status, _, html) = request(port, "GET", "/_edit/az/new/guide/", &[], "");
    assert_eq!(status, 200, "{html}");
    let mut fields = form_fields(&html);
    for (name, value) in values {
        fields = with(&fields, name, value);
    }
    let origin = format!("http://localhost:{port}");
    request(
        port,
        "POST",
        "/_edit/az/new/guide/",
        &[("Origin", &origin)],
        &encode(&fields),
    )
}

#[test]
fn a_guide_the_build_could_not_take_is_refused_at_its_field_and_never_written() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let deep = "<div>".repeat(3_000);
    let cases = [
        ("az.body", deep.as_str(), "nests more than 100 levels deep"),
        ("az.title", "Əlaqə\u{1b}[31m", "(U+001B)"),
        ("az.body", "Zəng\u{b} edin.", "U+000B"),
    ];
    for (field, value, says) in cases {
        let mut values = vec![
            ("slug", "contact"),
            ("az.title", "Əlaqə"),
            ("az.description", "Kimə zəng etmək."),
            ("az.body", "142-yə zəng edin."),
        ];
        values.retain(|(k, _)| *k != field);
        values.push((field, value));
        let (status, _, html) = new_guide(port, &values);
        assert_eq!(status, 422, "{field}: {html}");
        let id = format!("id=e-f-{}>", field.replace('.', "-"));
        let at = html.find(&id).unwrap_or_else(|| panic!("{field}: {html}"));
        assert!(html[at..].contains(says), "{field}: {html}");
        assert!(!site.path().join("content/az/contact.md").exists());
    }
    // The server lives on and serves.
    assert_eq!(request(port, "GET", "/az/", &[], "").0, 200);
}

#[test]
fn a_control_character_typed_into_a_catalog_field_is_refused_at_it() {
    let site = site(None);
    let server = start(site.path());
    let before = std::fs::read(site.path().join("catalog.yaml")).unwrap();
    let fields = open_form(server.port);
    let field = "services[3].description.en";
    let (status, _, html) = post(server.port, &with(&fields, field, "Apply\u{1b}[31m here."));
    assert_eq!(status, 422, "{html}");
    let at = html
        .find("id=e-f-services-3--description-en>")
        .unwrap_or_else(|| panic!("{html}"));
    assert!(html[at..].contains("(U+001B)"), "{html}");
    assert_eq!(
        std::fs::read(site.path().join("catalog.yaml")).unwrap(),
        before
    );
}

#[test]
fn a_new_guide_cannot_take_a_slug_another_guide_sets_in_its_front_matter() {
    let site = site(None);
    std::fs::write(
        site.path().join("content/az/elaqe.md"),
        "---\ntitle: Əlaqə\ndescription: Kimə zəng etmək.\nslug: contact\n---\nZəng edin.\n",
    )
    .unwrap();
    let server = start(site.path());
    let (status, _, html) = new_guide(
        server.port,
        &[
            ("slug", "contact"),
            ("az.title", "Başqa"),
            ("az.description", "Başqa bələdçi."),
        ],
    );
    assert_eq!(status, 422, "{html}");
    let at = html
        .find("id=e-f-slug>")
        .unwrap_or_else(|| panic!("{html}"));
    assert!(
        html[at..].contains("Bu ünvanda artıq bələdçi var"),
        "{html}"
    );
    assert!(!site.path().join("content/az/contact.md").exists());
}

#[test]
fn a_new_guide_is_written_whole_or_not_at_all_and_says_so_without_absolute_paths() {
    let site = site(None);
    let values = [
        ("slug", "contact"),
        ("az.title", "Əlaqə"),
        ("az.description", "Kimə zəng etmək."),
        ("ru.title", "Контакты"),
        ("ru.description", "Куда звонить."),
    ];
    // No content/ru: it is made, and every file written.
    std::fs::remove_dir_all(site.path().join("content/ru")).unwrap();
    let server = start(site.path());
    let (status, _, html) = new_guide(server.port, &values);
    assert_eq!(status, 303, "{html}");
    for lang in ["az", "ru"] {
        assert!(
            site.path()
                .join(format!("content/{lang}/contact.md"))
                .exists()
        );
    }
    drop(server);
    // content/ru a link (to a folder outside): refused before anything is written.
    #[cfg(unix)]
    {
        let linked = common::site(None);
        let site = &linked;
        let outside = tempfile::tempdir().unwrap();
        std::fs::remove_dir_all(site.path().join("content/ru")).unwrap();
        std::os::unix::fs::symlink(outside.path(), site.path().join("content/ru")).unwrap();
        let server = start(site.path());
        let (status, _, html) = new_guide(server.port, &values);
        assert_eq!(status, 500, "{html}");
        assert!(html.contains("content/ru"), "{html}");
        assert!(html.contains("nothing was written"), "{html}");
        let root = site.path().to_string_lossy().to_string();
        assert!(!html.contains(&root), "an absolute path is shown: {html}");
        assert!(!site.path().join("content/az/contact.md").exists());
        assert_eq!(std::fs::read_dir(outside.path()).unwrap().count(), 0);
    }
}

#[test]
fn every_form_sent_back_unchanged_writes_nothing() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let origin = format!("http://localhost:{port}");
    let snapshot = || {
        walkdir::WalkDir::new(site.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| (e.path().to_path_buf(), std::fs::read(e.path()).unwrap()))
            .collect::<Vec<_>>()
    };
    let before = snapshot();
    let (_, _, index) = request(port, "GET", "/_edit/az/", &[], "");
    let mut forms: Vec<String> = index
        .split("<a href=\"/_edit/")
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .filter(|s| s.matches('/').count() == 3)
        .map(|s| format!("/_edit/{s}"))
        .collect();
    forms.extend([
        "/_edit/en/topics/housing/".into(),
        "/_edit/ru/districts/az-ba/".into(),
    ]);
    assert!(forms.len() > 40, "{forms:?}");
    for form in &forms {
        let (status, _, html) = request(port, "GET", form, &[], "");
        assert_eq!(status, 200, "{form}");
        let (status, _, body) = request(
            port,
            "POST",
            form,
            &[("Origin", &origin)],
            &encode(&form_fields(&html)),
        );
        assert_eq!(status, 303, "{form}: {body}");
        for ((path, old), (_, new)) in before.iter().zip(snapshot()) {
            let (old, new) = (String::from_utf8_lossy(old), String::from_utf8_lossy(&new));
            assert!(
                old == new,
                "{form} changed {}: {:?}",
                path.display(),
                changed_lines(&old, &new)
            );
        }
    }
}

#[test]
fn a_sourced_fact_is_added_under_its_heading_and_refused_without_its_source() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let path = site.path().join("catalog.yaml");
    let before = std::fs::read_to_string(&path).unwrap();
    let fields = open_form(port);
    let fields = with(&fields, "new_fact.kind", "time");
    let fields = with(&fields, "new_fact.text.az", "Ərizə 10 gün ərzində baxılır.");
    let fields = with(
        &fields,
        "new_fact.text.en",
        "An application is looked at within 10 days.",
    );
    let fields = with(
        &fields,
        "new_fact.text.ru",
        "Заявление рассматривается в течение 10 дней.",
    );
    let fields = with(&fields, "new_fact.checked", "2026-11");
    let fields = with(&fields, "new_fact.match", "close");
    // Without its source: refused at the source's field.
    let (status, _, html) = post(port, &fields);
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=e-f-new-fact-source>"), "{html}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), before);
    let fields = with(
        &fields,
        "new_fact.source",
        "https://dost.gov.az/en/services/x/?kt=1",
    );
    let (status, _, html) = post(port, &fields);
    assert_eq!(status, 303, "{html}");
    let after = std::fs::read_to_string(&path).unwrap();
    let (gone, came) = changed_lines(&before, &after);
    assert!(gone.is_empty(), "{gone:?}");
    assert!(
        came.contains(&"          source: https://dost.gov.az/en/services/x/?kt=1".to_string()),
        "{came:?}"
    );
    let (_, _, page) = request(port, "GET", "/en/services/1-4/", &[], "");
    assert!(page.contains("An application is looked at within 10 days."));
}

/// The catalog with `services[3].description.ru` written as a literal block.
fn with_block_description(root: &std::path::Path) {
    let path = root.join("catalog.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "      ru: Подайте заявление о назначении трудовой пенсии или социального пособия.\n",
        "      ru: |-\n        Подайте заявление о назначении трудовой пенсии или социального пособия.\n",
    );
    assert!(text.contains("ru: |-\n"));
    std::fs::write(path, text).unwrap();
}

#[test]
fn a_character_yaml_readers_disagree_about_is_refused_at_its_field() {
    let site = site(None);
    with_block_description(site.path());
    let server = start(site.path());
    let port = server.port;
    let path = site.path().join("catalog.yaml");
    let before = std::fs::read(&path).unwrap();
    let fields = open_form(port);
    // The audit's reproduction: YAML 1.1 (the loader) reads U+2028 as a line break, so
    // the rest would become the service's `updated:`.
    for (value, named) in [
        ("Первая строка.\u{2028}    updated: 2026-01-01", "U+2028"),
        ("Первая строка.\u{2029}    updated: 2026-01-01", "U+2029"),
        ("Первая строка.\u{85}    updated: 2026-01-01", "U+0085"),
        ("Первая\u{feff} строка.", "U+FEFF"),
        ("Первая\u{1b} строка.", "U+001B"),
    ] {
        let (status, _, html) = post(port, &with(&fields, RU, value));
        assert_eq!(status, 422, "{named}: {html}");
        let id = "f-services-3--description-ru";
        let message = &html[html.find(&format!("id=e-{id}>")).expect("at the field")..];
        let message = &message[..message.find("</p>").unwrap_or(message.len()).min(600)];
        assert!(message.contains(named), "{named}: {message}");
        assert_eq!(
            std::fs::read(&path).unwrap(),
            before,
            "{named}: nothing written"
        );
    }
    // A source address on two lines: at its field.
    let fact = with(&fields, "new_fact.kind", "time");
    let fact = with(&fact, "new_fact.text.az", "Ərizə 10 gün ərzində baxılır.");
    let fact = with(&fact, "new_fact.checked", "2026-11");
    let fact = with(&fact, "new_fact.match", "close");
    let fact = with(
        &fact,
        "new_fact.source",
        "https://dost.gov.az/en/services/x/\nupdated: 2026-01-01",
    );
    let (status, _, html) = post(port, &fact);
    assert_eq!(status, 422, "{html}");
    let message = &html[html.find("id=e-f-new-fact-source>").expect("at the field")..];
    assert!(message.contains("в одну строку"), "{message}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_guide_front_matter_cannot_be_given_a_key_through_a_separator() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let file = site.path().join("content/en/about.md");
    let before = std::fs::read(&file).unwrap();
    let form = "/_edit/en/guides/about/";
    let (status, _, html) = request(port, "GET", form, &[], "");
    assert_eq!(status, 200, "{html}");
    let origin = format!("http://localhost:{port}");
    for field in ["en.title", "en.description"] {
        let fields = with(
            &form_fields(&html),
            field,
            "About\u{2028}slug: where\u{2028}weight: 1",
        );
        let (status, _, body) =
            request(port, "POST", form, &[("Origin", &origin)], &encode(&fields));
        assert_eq!(status, 422, "{field}: {body}");
        let id = format!("e-f-{}>", field.replace('.', "-"));
        let message = &body[body.find(&format!("id={id}")).expect("at the field")..];
        assert!(message.contains("U+2028"), "{message}");
        assert_eq!(std::fs::read(&file).unwrap(), before, "nothing written");
    }
}

#[test]
fn a_long_keyword_list_saves_quickly_and_never_holds_up_another_editor() {
    use std::time::{Duration, Instant};
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let origin = format!("http://localhost:{port}");
    let fields = open_form(port);
    let list: String = (0..30_000).map(|i| format!("keyword {i}\n")).collect();
    let guide_form = "/_edit/en/guides/about/";
    let (_, _, html) = request(port, "GET", guide_form, &[], "");
    let guide = with(
        &form_fields(&html),
        "en.title",
        "About the programme, edited",
    );
    let started = Instant::now();
    let big = std::thread::spawn(move || {
        let (status, _, body) = post(port, &with(&fields, "services[3].keywords.az", &list));
        (status, body, started.elapsed())
    });
    // Another editor saves a guide meanwhile: written, not kept waiting.
    std::thread::sleep(Duration::from_millis(200));
    let (status, _, body) = request(
        port,
        "POST",
        guide_form,
        &[("Origin", &origin)],
        &encode(&guide),
    );
    assert_eq!(status, 303, "the other editor's save: {body}");
    let (status, body, took) = big.join().unwrap();
    assert_eq!(status, 303, "{}", &body[..body.len().min(2000)]);
    assert!(took < Duration::from_secs(8), "the long list took {took:?}");
    let catalog = std::fs::read_to_string(site.path().join("catalog.yaml")).unwrap();
    assert!(catalog.contains("keyword 29999"));
    let about = std::fs::read_to_string(site.path().join("content/en/about.md")).unwrap();
    assert!(about.contains("About the programme, edited"), "{about}");
    // The form opens quickly with the long list in it.
    let opened = Instant::now();
    open_form(port);
    assert!(
        opened.elapsed() < Duration::from_secs(3),
        "{:?}",
        opened.elapsed()
    );
    eprintln!(
        "30,000 keywords saved in {took:?}; the form opened in {:?}",
        opened.elapsed()
    );
}

#[test]
fn a_search_synonym_is_added_in_the_editor_said_what_it_finds_and_found() {
    let site = site(None);
    let server = start(site.path());
    let port = server.port;
    let file = site.path().join("content/synonyms.yaml");
    let before = std::fs::read_to_string(&file).unwrap();
    let finds = |means: &str| {
        let q = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("lang", "az")
            .append_pair("phrase", "zqpensiyaq")
            .append_pair("means", means)
            .finish();
        request(
            port,
            "GET",
            &format!("/_edit/az/synonyms/finds?{q}"),
            &[],
            "",
        )
        .2
    };
    // As the editor types: nothing without a meaning, the pension service with one.
    assert_eq!(finds(""), "Heç bir xidmət tapılmır.");
    let now = finds("əmək pensiyası");
    assert!(now.starts_with("İndi tapılır: 1.4 "), "{now}");
    // Saved, the line goes at the end of the Azerbaijani block; nothing else changes.
    let (status, _, html) = request(port, "GET", "/_edit/az/synonyms", &[], "");
    assert_eq!(status, 200);
    assert!(
        html.contains("<label for=syn-phrase>İnsanların yazdığı söz</label>"),
        "{html}"
    );
    let token = attr(&html[html.find("name=_token").unwrap() - 20..], "value").unwrap();
    let origin = format!("http://localhost:{port}");
    let sent = |means: &str| {
        encode(&[
            ("_token".to_string(), token.clone()),
            ("lang".to_string(), "az".to_string()),
            ("phrase".to_string(), "zqpensiyaq".to_string()),
            ("means".to_string(), means.to_string()),
        ])
    };
    let (status, _, html) = request(
        port,
        "POST",
        "/_edit/az/synonyms",
        &[("Origin", &origin)],
        &sent(""),
    );
    assert_eq!(status, 422, "{html}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), before);
    let (status, head, body) = request(
        port,
        "POST",
        "/_edit/az/synonyms",
        &[("Origin", &origin)],
        &sent("əmək pensiyası"),
    );
    assert_eq!(status, 303, "{body}");
    assert!(head.contains("/_edit/az/synonyms?saved="), "{head}");
    let after = std::fs::read_to_string(&file).unwrap();
    let (gone, came) = changed_lines(&before, &after);
    assert!(gone.is_empty(), "{gone:?}");
    assert_eq!(came, ["  zqpensiyaq: [əmək pensiyası]"]);
    let out = ccu(&[
        "search",
        "--json",
        "--lang",
        "az",
        "zqpensiyaq",
        "--root",
        site.path().to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        text.starts_with("[{\"id\":\"service:1.4\""),
        "the site's search finds it: {text}"
    );
}
