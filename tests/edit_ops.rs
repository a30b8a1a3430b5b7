//! The editor's operations against a real `ccu serve`: conflicts per entry, input an
//! editor cannot get wrong silently, history and undo, publishing.

mod common;
use common::*;

/// What a browser would send for the first form on `html` (the one with a token),
/// unchanged.
fn first_form_fields(html: &str) -> Vec<(String, String)> {
    let start = html.find("<form ").unwrap_or(0);
    let end = html[start..]
        .find("</form>")
        .map_or(html.len(), |i| start + i);
    form_fields(&html[start..end])
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
    first_form_fields(&html)
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

const AZ14: &str = "/_edit/az/services/1-4/";

/// The name of the first field of `fields` whose name ends with `suffix`.
fn field_ending(fields: &[(String, String)], suffix: &str) -> String {
    fields
        .iter()
        .map(|(k, _)| k.clone())
        .find(|k| k.ends_with(suffix))
        .unwrap_or_else(|| panic!("the form has a field …{suffix}"))
}

/// The field's error, as the form shows it next to the input.
fn error_at(html: &str, name: &str) -> String {
    let id: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let at = html
        .find(&format!("<p class=error id=e-f-{id}>"))
        .unwrap_or_else(|| panic!("no error at {name}"));
    let text = &html[at..];
    unescape(&text[..text.find("</p>").unwrap()])
}

#[test]
fn a_three_line_paste_into_a_title_is_refused_at_the_field() {
    let site = site(None);
    let server = start(site.path());
    let before = catalog(site.path());
    let fields = open(server.port, AZ14);
    let title = "services[3].title.az";
    let pasted = "Əmək pensiyası\r\nvə ya sosial müavinət\r\nüçün müraciət";
    let (status, _, html) = post(server.port, AZ14, &with(&fields, title, pasted));
    assert_eq!(status, 422, "{html}");
    assert!(
        error_at(&html, title).contains("Bu sahə bir sətirdir: sətir keçidlərini silin"),
        "{}",
        error_at(&html, title)
    );
    assert_eq!(catalog(site.path()), before, "nothing was written");
}

#[test]
fn a_source_with_spaces_is_refused_at_the_field() {
    let site = site(None);
    let server = start(site.path());
    let before = catalog(site.path());
    let fields = open(server.port, F14);
    let source = field_ending(&fields, ".source");
    for bad in [
        "https://dost.gov.az/en/services/labor pensions/",
        "dost.gov.az/en/services/",
        "https://dost.gov.az/a https://dost.gov.az/b",
    ] {
        let (status, _, html) = post(server.port, F14, &with(&fields, &source, bad));
        assert_eq!(status, 422, "{bad}: {html}");
        assert!(
            error_at(&html, &source).contains("Источник — один веб-адрес"),
            "{bad}: {}",
            error_at(&html, &source)
        );
        assert_eq!(catalog(site.path()), before, "nothing was written");
    }
}

#[test]
fn a_date_typed_day_first_is_written_as_that_day_and_said_in_words() {
    let site = site(None);
    let server = start(site.path());
    let fields = open(server.port, AZ14);
    let updated = "services[3].updated";
    let (status, _, html) = post(server.port, AZ14, &with(&fields, updated, "03.12.2026"));
    assert_eq!(status, 303, "{html}");
    let after = catalog(site.path());
    assert!(after.contains("2026-12-03"), "the 3rd of December");
    assert!(!after.contains("2026-03-12"), "never the 12th of March");
    let (_, _, html) = request(server.port, "GET", AZ14, &[], "");
    assert!(
        html.contains("Tarix: 3 dekabr 2026."),
        "in words, in Azerbaijani"
    );
    let (_, _, html) = request(server.port, "GET", F14, &[], "");
    assert!(
        html.contains("Дата: 3 декабря 2026 г."),
        "in words, in Russian"
    );
    // Typed again day first, it is the same date: not a byte changes.
    let fields = open(server.port, AZ14);
    assert_eq!(
        post(server.port, AZ14, &with(&fields, updated, "3.12.2026")).0,
        303
    );
    assert_eq!(catalog(site.path()), after);
    // Not a day of the calendar, or month first: refused at the field.
    for bad in ["31.02.2026", "12/31/2026", "dekabr 2026"] {
        let (status, _, html) = post(server.port, AZ14, &with(&fields, updated, bad));
        assert_eq!(status, 422, "{bad}");
        assert!(
            error_at(&html, updated).contains("gün.ay.il"),
            "{bad}: {}",
            error_at(&html, updated)
        );
    }
    assert_eq!(catalog(site.path()), after);
}

#[test]
fn a_value_retyped_as_it_was_changes_no_byte() {
    let site = site(None);
    let server = start(site.path());
    let before = catalog(site.path());
    let fields = open(server.port, F14);
    // Retyped in the browser: line breaks come as CR LF, a space may trail.
    let retyped: Vec<(String, String)> = fields
        .iter()
        .map(|(k, v)| (k.clone(), format!("{} ", v.replace('\n', "\r\n"))))
        .map(|(k, v)| {
            if k.starts_with('_') {
                (k, v.trim().to_string())
            } else {
                (k, v)
            }
        })
        .collect();
    assert_eq!(post(server.port, F14, &retyped).0, 303);
    assert_eq!(catalog(site.path()).as_bytes(), before.as_bytes());
}

#[test]
fn check_holds_the_same_rules_for_hand_edits() {
    for (fixture, place, said) in [
        (
            "multiline-title",
            "catalog.yaml:40:7: service 1.4, title.az:",
            "the title holds a line break",
        ),
        (
            "spaced-source",
            "catalog.yaml:45:11: service 1.4, facts.documents.source:",
            "is not one web address",
        ),
        (
            "dotted-date",
            "catalog.yaml:41:5: service 1.4, updated:",
            "write dates as YYYY-MM-DD: 2026-12-03",
        ),
        (
            "multiline-guide-title",
            "content/az/apply.md:3: title:",
            "the title holds a line break",
        ),
    ] {
        let site = site(Some(fixture));
        let out = ccu(&["check", "--root", site.path().to_str().unwrap()]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{fixture}: {err}");
        let line = err
            .lines()
            .find(|l| l.starts_with("error: "))
            .unwrap_or_default();
        assert!(line.contains(place), "{fixture}: {err}");
        assert!(err.contains(said), "{fixture}: {err}");
        assert_eq!(
            err.lines().filter(|l| l.starts_with("error: ")).count(),
            1,
            "{fixture} has one fault: {err}"
        );
    }
}

/// The change id the undo button of the history row for `label_part` posts (`?undo=ID`).
fn undo_id(html: &str, label_part: &str) -> String {
    let row = history_of(html)
        .split("<tr>")
        .find(|r| r.contains(label_part) && r.contains("?undo="))
        .unwrap_or_else(|| panic!("no undo for {label_part}: {html}"));
    let at = row.find("?undo=").unwrap() + "?undo=".len();
    row[at..at + row[at..].find('"').unwrap()].to_string()
}

/// The history section of a form page.
fn history_of(html: &str) -> &str {
    let at = html
        .find("id=history-title")
        .expect("the form shows the history");
    &html[at..]
}

fn token_of(html: &str) -> String {
    let at = html.find("name=_token value=\"").unwrap() + "name=_token value=\"".len();
    html[at..at + html[at..].find('"').unwrap()].to_string()
}

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

const EN14_OLD: &str = "Apply for a labour pension or social benefit";

/// Changes 1.4's English title (plain in the file) to one that needs quotes, shows it in
/// the history, and undoes it: the file is byte for byte as before.
fn change_and_undo(root: &std::path::Path, port: u16) {
    let before = catalog(root);
    let fields = open(port, F14);
    let (status, _, html) = post(port, F14, &with(&fields, EN14, "Apply: pension"));
    assert_eq!(status, 303, "{html}");
    assert!(catalog(root).contains("      en: \"Apply: pension\"\n"));
    let (_, _, form) = request(port, "GET", F14, &[], "");
    assert!(form.contains("Последние изменения"), "{form}");
    let row = history_of(&form)
        .split("<tr>")
        .find(|r| r.contains("Apply: pension"))
        .expect("the history lists the change");
    assert!(row.contains(EN14_OLD), "old → new: {row}");
    assert!(row.contains(" UTC"), "when: {row}");
    let id = undo_id(&form, "Apply: pension");
    let undo = format!("{F14}?undo={id}");
    let (status, _, html) = post(port, &undo, &pairs(&[("_token", &token_of(&form))]));
    assert_eq!(status, 303, "{html}");
    assert_eq!(
        catalog(root).as_bytes(),
        before.as_bytes(),
        "undo puts the value back byte for byte"
    );
    // The undo is a change of its own, and the field's latest: the old row has no button.
    let (_, _, form) = request(port, "GET", F14, &[], "");
    assert_eq!(
        history_of(&form).matches("?undo=").count(),
        1,
        "only the field's latest change can be undone"
    );
    let (status, _, _) = post(port, &undo, &pairs(&[("_token", &token_of(&form))]));
    assert_eq!(status, 409, "an undone change is not undone again");
    assert_eq!(catalog(root).as_bytes(), before.as_bytes());
}

#[test]
fn undo_restores_a_value_byte_for_byte_from_the_journal() {
    let site = site(None);
    let server = start(site.path());
    change_and_undo(site.path(), server.port);
    let journal = std::fs::read_to_string(site.path().join(".ccu-history.jsonl")).unwrap();
    assert_eq!(journal.lines().count(), 2, "{journal}");
    assert!(
        journal.contains("\"entry\":\"services/1.4\"")
            && journal.contains("\"field\":\"title.en\"")
    );
    // A value retyped as it was, in two saves, is its old bytes again too.
    let before = catalog(site.path());
    let ru = "services[3].title.ru";
    let old = open(server.port, F14)
        .into_iter()
        .find(|(k, _)| k == ru)
        .unwrap()
        .1;
    for v in ["Пенсия: оформить", old.as_str()] {
        let fields = open(server.port, F14);
        assert_eq!(post(server.port, F14, &with(&fields, ru, v)).0, 303);
    }
    assert_eq!(catalog(site.path()).as_bytes(), before.as_bytes());
}

fn git(root: &std::path::Path, args: &[&str]) -> String {
    let out = std::process::Command::new("git")
        .arg("-C")
        .arg(root)
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn undo_restores_a_value_byte_for_byte_in_a_git_checkout() {
    let site = site(None);
    let root = site.path();
    git(root, &["init", "-q"]);
    git(root, &["config", "user.name", "Ayşə Editor"]);
    git(root, &["config", "user.email", "ayse@example.org"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "start"]);
    let server = start(root);
    change_and_undo(root, server.port);
    let log = git(root, &["log", "--format=%an|%s", "-n", "3"]);
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(
        lines,
        [
            "Ayşə Editor|Edit service 1.4: title.en",
            "Ayşə Editor|Edit service 1.4: title.en",
            "Ayşə Editor|start"
        ],
        "each save a commit, by git config's author"
    );
    assert!(
        !root.join(".ccu-history.jsonl").exists(),
        "no journal beside git"
    );
    assert_eq!(
        git(root, &["status", "--porcelain"]),
        "",
        "everything is committed"
    );
}

/// Starts `ccu serve` with `--out`.
fn start_out(root: &std::path::Path, out: &std::path::Path) -> (Stop, u16) {
    let log = root.join("..").join(format!(
        "serve-{}.log",
        root.file_name().unwrap().to_string_lossy()
    ));
    // Stopped (killed and waited for) when dropped, on every path.
    let stop = Stop(
        std::process::Command::new(env!("CARGO_BIN_EXE_ccu"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .arg("--out")
            .arg(out)
            .stdout(std::fs::File::create(&log).unwrap())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let printed = std::fs::read_to_string(&log).unwrap_or_default();
        if let Some(rest) = printed.split("http://127.0.0.1:").nth(1) {
            let port = rest.split('/').next().unwrap().parse().unwrap();
            let _ = std::fs::remove_file(&log);
            return (stop, port);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the server did not start"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

struct Stop(std::process::Child);
impl Drop for Stop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn count(html: &str, what: &str) -> usize {
    let at = html
        .find(&format!("<h3>{what}: "))
        .unwrap_or_else(|| panic!("{what}: {html}"));
    let rest = &html[at + what.len() + 6..];
    rest[..rest.find('<').unwrap()].parse().unwrap()
}

#[test]
fn publish_builds_as_ccu_build_does_and_says_what_changed() {
    let site = site(None);
    let root = site.path();
    let outs = tempfile::tempdir().unwrap();
    let out = outs.path().join("public");
    let (_stop, port) = start_out(root, &out);
    let sources = snapshot(root);
    // Before: every page would be added; nothing is written by looking.
    let (status, _, html) = request(port, "GET", "/_edit/en/publish", &[], "");
    assert_eq!(status, 200, "{html}");
    let pages = count(&html, "Pages added");
    assert!(pages > 100, "{pages}");
    assert!(!out.exists());
    // Without the token, or from another site: refused.
    let origin = format!("http://localhost:{port}");
    let (status, _, _) = request(
        port,
        "POST",
        "/_edit/en/publish",
        &[("Origin", &origin)],
        "_token=x",
    );
    assert_eq!(status, 403);
    let token = token_of(&html);
    let publish = |t: &str| post(port, "/_edit/en/publish", &pairs(&[("_token", t)]));
    let (status, _, html) = publish(&token);
    assert_eq!(status, 200, "{html}");
    assert!(
        html.contains("Published: the site was built again."),
        "{html}"
    );
    assert_eq!(
        count(&html, "Pages added"),
        pages,
        "the report agrees with the plan"
    );
    // Exactly what `ccu build` writes.
    let built = outs.path().join("built");
    let o = ccu(&[
        "build",
        "--quiet",
        "--root",
        root.to_str().unwrap(),
        "--out",
        built.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        snapshot(&out),
        snapshot(&built),
        "publish builds as ccu build does"
    );
    assert_eq!(snapshot(root), sources, "the sources are untouched");
    // An edit: the plan names the pages it changes, and publishing them says so.
    let fields = open(port, F14);
    assert_eq!(
        post(port, F14, &with(&fields, EN14, "Apply for a pension")).0,
        303
    );
    let (_, _, html) = request(port, "GET", "/_edit/en/publish", &[], "");
    assert_eq!(count(&html, "Pages added"), 0, "{html}");
    assert!(html.contains("<code>/en/services/1-4/</code>"), "{html}");
    let (status, _, html) = publish(&token);
    assert_eq!(status, 200);
    assert!(html.contains("<code>/en/services/1-4/</code>"), "{html}");
    let (_, _, html) = request(port, "GET", "/_edit/ru/publish", &[], "");
    assert_eq!(
        count(&html, "Изменённые страницы"),
        0,
        "published: nothing left to change"
    );
    // A broken catalog: refused with the errors, the output byte for byte as it was.
    let published = snapshot(&out);
    let text = catalog(root).replacen("    agency: labour\n", "    agency: nowhere\n", 1);
    std::fs::write(root.join("catalog.yaml"), &text).unwrap();
    let (status, _, html) = publish(&token);
    assert_eq!(status, 422, "{html}");
    assert!(
        html.contains("Not published: the checks found errors"),
        "{html}"
    );
    assert!(html.contains("there is no agency `nowhere`"), "{html}");
    assert_eq!(snapshot(&out), published, "nothing was written");
    let (_, _, html) = request(port, "GET", "/_edit/az/publish", &[], "");
    assert!(
        html.contains("Dərc edilmədi"),
        "the plan says so too, in Azerbaijani"
    );
}
