//! The sitemap, the "What's new" list and the Atom feed per language.

use super::{Input, PageEntry, escape, guide_in, url_guide, url_service};
use crate::catalog::Localized;
use crate::lang::Lang;
use std::collections::BTreeMap;

pub struct Change {
    pub path: String,
    pub title: Localized,
    pub plain_title: String,
    pub summary: String,
    pub updated: String,
}

/// How many changes "What's new" and the feed list: the newest, not the whole history.
pub const RECENT: usize = 50;

/// The most recent services and guides that carry an `updated` date, newest first.
pub fn changes(input: &Input, lang: Lang) -> Vec<Change> {
    let mut out = Vec::new();
    for s in &input.catalog.services {
        if let Some(u) = &s.updated {
            out.push(Change {
                path: url_service(lang, s),
                title: s.heading().resolve(lang),
                plain_title: s.heading().plain(lang),
                summary: s.description.plain(lang),
                updated: u.clone(),
            });
        }
    }
    for (slug, versions) in input.guides {
        let Some(g) = guide_in(versions, lang) else {
            continue;
        };
        if let Some(u) = &g.updated {
            out.push(Change {
                path: url_guide(lang, slug),
                title: Localized {
                    t: g.title.clone(),
                    l: g.lang,
                    fb: g.lang != lang,
                },
                plain_title: g.title.clone(),
                summary: g.description.clone(),
                updated: u.clone(),
            });
        }
    }
    out.sort_by(|a, b| b.updated.cmp(&a.updated).then(a.path.cmp(&b.path)));
    out.truncate(RECENT);
    out
}

/// Text for the feeds and the sitemap: escaped, and without the characters XML
/// forbids (a control character would make the feed unreadable; `ccu check`
/// refuses them in the sources, so this is only a second line of defence).
fn xml_text(s: &str) -> String {
    escape(&s.replace(crate::text::is_forbidden_char, ""))
}

/// Everything written into the feeds and the sitemap is XML-escaped, the site's
/// address included: a quote or `<` in it must not make markup.
pub fn atom(input: &Input, lang: Lang, title: &str) -> String {
    let base = xml_text(&input.catalog.site.base_url);
    let changes = changes(input, lang);
    // The feed's date is its newest entry's, so that two builds of the same input are identical.
    let newest = changes
        .first()
        .map(|c| c.updated.clone())
        .unwrap_or_else(|| input.catalog.programme.decree.date.clone());
    let site_title = input.catalog.site.title.plain(lang);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{} — {}</title>\n<id>{base}/{lang}/atom.xml</id>\n<link rel=\"self\" href=\"{base}/{lang}/atom.xml\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}/{lang}/whats-new/\"/>\n<updated>{}T00:00:00Z</updated>\n<author><name>{}</name></author>\n",
        xml_text(&site_title),
        xml_text(title),
        xml_text(&newest),
        xml_text(&site_title),
    );
    for c in changes {
        xml.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{base}{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{base}{}\"/>\n<updated>{}T00:00:00Z</updated>\n<summary>{}</summary>\n</entry>\n",
            xml_text(&c.plain_title),
            xml_text(&c.path),
            xml_text(&c.path),
            xml_text(&c.updated),
            xml_text(&c.summary)
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

pub fn sitemap(base: &str, pages: &[PageEntry]) -> String {
    let base = &xml_text(base);
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    for p in pages {
        for path in p.paths.values() {
            xml.push_str(&format!("<url><loc>{base}{}</loc>", xml_text(path)));
            if let Some(u) = &p.updated {
                xml.push_str(&format!("<lastmod>{}</lastmod>", xml_text(u)));
            }
            alternates(&mut xml, base, &p.paths);
            xml.push_str("</url>\n");
        }
    }
    xml.push_str("</urlset>\n");
    xml
}

/// `base` is already escaped.
fn alternates(xml: &mut String, base: &str, paths: &BTreeMap<Lang, String>) {
    for (l, p) in paths {
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"{l}\" href=\"{base}{}\"/>",
            xml_text(p)
        ));
    }
    if let Some(p) = paths.get(&Lang::DEFAULT) {
        xml.push_str(&format!(
            "<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"{base}{}\"/>",
            xml_text(p)
        ));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn feed_text_is_well_formed_xml_whatever_it_holds() {
        let hostile = "a\0b\u{1b}c\u{b}d\u{7f}e\u{85}f\u{fffe}g<h>&\"'";
        let xml = format!("<title>{}</title>", super::xml_text(hostile));
        let doc = roxmltree::Document::parse(&xml).expect("well-formed");
        assert_eq!(doc.root_element().text(), Some("abcdefg<h>&\"'"));
        assert_eq!(super::xml_text("Tab\tand\nline"), "Tab\tand\nline");
    }
}
