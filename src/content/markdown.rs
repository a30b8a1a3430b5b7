//! Markdown to safe HTML: tables, heading anchors, a table of contents, and
//! raw HTML sanitised by ammonia so that nothing an editor pastes can run.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

#[derive(Clone, Debug, Serialize, PartialEq)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub title: String,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// Level-2 and level-3 headings, for the table of contents.
    pub toc: Vec<Heading>,
    /// Plain text (text and code), for search.
    pub text: String,
    /// The text before the first level-2 heading, and then the text under each, for
    /// search: a section is an answer of its own.
    pub lead: String,
    pub sections: Vec<Section>,
}

/// A level-2 heading and the plain text up to the next one.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: String,
    /// Paragraphs and items, one a line.
    pub text: String,
}

/// Ids that the theme's templates, the page script and `ccu serve` put on a page.
/// A heading with one of them would be found by the script in their place (a
/// guide heading `{#search-app}` would start the search there), so a heading
/// that asks for one gets the next free variant (`search-app-2`). A test holds
/// this list equal to the ids the templates and scripts use.
pub const RESERVED_IDS: &[&str] = &[
    "main",
    "site-search",
    "toc-title",
    "find-title",
    "home-locate",
    "search-app",
    "search-page-q",
    "filter-agency",
    "filter-audience",
    "search-status",
    "search-results",
    "search-words",
    "locator-q",
    "locator-status",
    "locator-result",
    "locator-words",
    "az",
    "baku-districts",
    "places",
    "ccu-build-error",
    "ccu-build-notice",
    "offline-kept",
    "offline-save-help",
];

/// A guide's body nests deeper than [`MAX_DEPTH`](super::nesting::MAX_DEPTH): the
/// line (of the body, from 1) where it goes too deep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TooDeep {
    pub line: usize,
}

/// Renders markdown to sanitised HTML, unless it nests too deep to render safely
/// (see `nesting`): that is refused before the sanitizer parses it.
pub fn render_markdown(src: &str) -> Result<Rendered, TooDeep> {
    let opts =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut events: Vec<(Event, std::ops::Range<usize>)> =
        Parser::new_ext(src, opts).into_offset_iter().collect();
    let mut toc = Vec::new();
    let mut text = String::new();
    let mut lead = String::new();
    let mut sections: Vec<Section> = Vec::new();
    // The page's own ids count as taken: a heading never gets one of them.
    let mut used: HashMap<String, usize> =
        RESERVED_IDS.iter().map(|id| (id.to_string(), 1)).collect();
    // The ids given here, which the sanitizer keeps (any other heading id it renames).
    let mut given: HashMap<String, usize> = HashMap::new();

    // Give every heading an id from its text (or the one the editor set), unique on the page.
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = *level;
            let explicit = id.as_ref().map(|s| crate::text::slugify(s));
            let mut title = String::new();
            let mut j = i + 1;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    title.push_str(t);
                }
                j += 1;
            }
            let mut base = explicit
                .filter(|s| !s.is_empty())
                .unwrap_or_else(|| crate::text::slugify(&title));
            if base.is_empty() {
                base = "section".into();
            }
            let anchor = free_id(&mut used, &base);
            *given.entry(anchor.clone()).or_insert(0) += 1;
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(anchor.clone()));
            }
            // The heading is words a reader sees: search finds them too.
            text.push_str(title.trim());
            text.push(' ');
            if level == HeadingLevel::H2 {
                sections.push(Section {
                    id: anchor.clone(),
                    title: title.trim().to_string(),
                    text: String::new(),
                });
            }
            if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                toc.push(Heading {
                    level: level as u8,
                    id: anchor,
                    title: title.trim().to_string(),
                });
            }
            i = j;
        }
        // The text before the first section, or the current section's.
        let part = sections.last_mut().map_or(&mut lead, |s| &mut s.text);
        match events.get(i).map(|e| &e.0) {
            Some(Event::Text(t) | Event::Code(t)) => {
                text.push_str(t);
                text.push(' ');
                part.push_str(t);
            }
            Some(Event::SoftBreak | Event::HardBreak) => part.push(' '),
            Some(Event::End(TagEnd::Paragraph | TagEnd::Item)) => {
                text.push('\n');
                part.push('\n');
            }
            Some(Event::End(TagEnd::Heading(_))) => text.push('\n'),
            _ => {}
        }
        i += 1;
    }
    for s in &mut sections {
        s.text = tidy_lines(&s.text);
    }

    let (raw, starts) = to_html(events);
    let line_at = |out: usize| {
        let k = starts
            .partition_point(|&(o, _, _)| o <= out)
            .saturating_sub(1);
        let at = starts.get(k).map_or(0, |&(o, s, verbatim)| {
            // Raw HTML is written as it was typed: the place within it is the place in the text.
            if verbatim { s + (out - o) } else { s }
        });
        let at = at.min(src.len());
        src.get(..at).unwrap_or(src).matches('\n').count() + 1
    };
    let max = super::nesting::MAX_DEPTH;
    if let Some(at) = super::nesting::too_deep_at(&raw, max) {
        return Err(TooDeep { line: line_at(at) });
    }
    let html = sanitize_ids(&raw, used, given);
    // Measured again as the sanitizer built it (well-formed, so exactly): the parser
    // can nest what the first scan could not foresee.
    if super::nesting::too_deep_at(&html, max).is_some() {
        return Err(TooDeep { line: 1 });
    }
    Ok(Rendered {
        html,
        toc,
        text: text.split_whitespace().collect::<Vec<_>>().join(" "),
        lead: tidy_lines(&lead),
        sections,
    })
}

/// `base`, or its next variant not yet `used` (`base-2`), now marked used.
fn free_id(used: &mut HashMap<String, usize>, base: &str) -> String {
    let n = used.entry(base.to_string()).or_insert(0);
    *n += 1;
    if *n == 1 {
        return base.to_string();
    }
    let mut k = *n;
    // `a-2` may itself be taken (by a heading called "A 2").
    while used.contains_key(&format!("{base}-{k}")) {
        k += 1;
    }
    used.insert(base.to_string(), k);
    let anchor = format!("{base}-{k}");
    used.insert(anchor.clone(), 1);
    anchor
}

/// Where an event's HTML starts: its offset in the HTML, its offset in the markdown,
/// and whether the HTML is the markdown's own text (raw HTML).
type Start = (usize, usize, bool);

/// The HTML of `events`, and where each event's HTML starts, to tell a problem in the
/// HTML by its line.
fn to_html(events: Vec<(Event, std::ops::Range<usize>)>) -> (String, Vec<Start>) {
    struct Shared<'s>(&'s std::cell::RefCell<String>);
    impl std::fmt::Write for Shared<'_> {
        fn write_str(&mut self, s: &str) -> std::fmt::Result {
            self.0.borrow_mut().push_str(s);
            Ok(())
        }
    }
    let out = std::cell::RefCell::new(String::new());
    let mut starts = Vec::with_capacity(events.len());
    let iter = events.into_iter().map(|(e, r)| {
        let verbatim = matches!(e, Event::Html(_) | Event::InlineHtml(_));
        starts.push((out.borrow().len(), r.start, verbatim));
        e
    });
    // Writing to a String cannot fail.
    let _ = html::write_html_fmt(Shared(&out), iter);
    (out.into_inner(), starts)
}

/// Sanitizes (see [`sanitize_with`]); a heading id written in raw HTML (`<h2 id="search-app">`) follows
/// the markdown headings' rule: one of the page's ids or one already used becomes its
/// next free variant. `given` are the ids markdown headings got, kept as they are.
fn sanitize_ids(raw: &str, used: HashMap<String, usize>, given: HashMap<String, usize>) -> String {
    let ids = std::sync::Mutex::new((used, given));
    sanitize_with(raw, move |value| {
        let mut ids = ids.lock().unwrap_or_else(|e| e.into_inner());
        let (used, given) = &mut *ids;
        if let Some(n) = given.get_mut(value).filter(|n| **n > 0) {
            *n -= 1;
            return value.to_string();
        }
        let mut base = crate::text::slugify(value);
        if base.is_empty() {
            base = "section".into();
        }
        free_id(used, &base)
    })
}

/// Lines with single spaces, the empty ones left out.
fn tidy_lines(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// ammonia's defaults (no scripts, no event handlers, no `javascript:` links)
/// plus heading anchors, which it would otherwise strip, each as `id` makes it.
fn sanitize_with(html: &str, id: impl Fn(&str) -> String + Send + Sync + 'static) -> String {
    let mut b = ammonia::Builder::default();
    for h in ["h1", "h2", "h3", "h4", "h5", "h6"] {
        b.add_tag_attributes(h, &["id"]);
    }
    b.add_tag_attributes("th", &["style"])
        .add_tag_attributes("td", &["style"])
        .add_tag_attributes("a", &["hreflang"]);
    b.attribute_filter(move |el, attr, value| {
        // Tables align columns with `style="text-align: …"`; allow that and nothing else.
        if attr == "style" && (el == "th" || el == "td") {
            let ok = [
                "text-align: left",
                "text-align: center",
                "text-align: right",
            ]
            .contains(&value.trim());
            return if ok { Some(value.into()) } else { None };
        }
        if attr == "id" {
            return Some(id(value).into());
        }
        Some(value.into())
    });
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
    b.link_rel(None);
    b.clean(html).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_get_unique_ascii_anchors_and_a_toc() {
        let r = render_markdown(
            "## Necə müraciət etmək\n\ntext\n\n## Necə müraciət etmək\n\n### Zəng 142\n",
        )
        .unwrap();
        assert!(
            r.html.contains("<h2 id=\"nece-muraciet-etmek\">"),
            "{}",
            r.html
        );
        assert!(r.html.contains("<h2 id=\"nece-muraciet-etmek-2\">"));
        assert_eq!(r.toc.len(), 3);
        assert_eq!(r.toc[2].id, "zeng-142");
    }

    #[test]
    fn a_heading_never_takes_an_id_of_the_page() {
        let r =
            render_markdown("## Search {#search-app}\n\n## Main\n\n## Az\n\n## Other {#mine}\n")
                .unwrap();
        assert!(r.html.contains("<h2 id=\"search-app-2\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"main-2\">"), "{}", r.html);
        assert!(r.html.contains("<h2 id=\"az-2\">"), "{}", r.html);
        assert!(
            r.html.contains("<h2 id=\"mine\">"),
            "only colliding ids change"
        );
        assert_eq!(r.toc[0].id, "search-app-2", "the table of contents follows");
    }

    #[test]
    fn scripts_handlers_and_javascript_links_never_survive() {
        let r = render_markdown(
            "<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1))\n\n<a href=\"JaVaScRiPt:alert(1)\">y</a>",
        )
        .unwrap();
        let h = r.html.to_lowercase();
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("onerror"), "{h}");
        assert!(!h.contains("javascript:"), "{h}");
    }

    #[test]
    fn tables_render() {
        let r = render_markdown("| a | b |\n|---|:-:|\n| 1 | 2 |\n").unwrap();
        assert!(r.html.contains("<table>"));
        assert!(
            r.html.contains("<td style=\"text-align: center\">2</td>"),
            "{}",
            r.html
        );
    }
}
