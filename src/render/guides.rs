//! The guides index and one page per guide, in its own language or the Azerbaijani one.

use super::items::{GuideItem, guide_text};
use super::shell::{Crumbs, Head, Kind, Renderer};
use super::{guide_in, url_guide};
use crate::catalog::Localized;
use crate::content::{Guide, Heading};
use crate::lang::Lang;
use serde::Serialize;

const INDEX: Kind = Kind {
    template: "guides.html",
    section: "guides",
    crumbs: Crumbs::Home,
};
const GUIDE: Kind = Kind {
    template: "guide.html",
    section: "guides",
    crumbs: Crumbs::Under("nav_guides", "guides"),
};

#[derive(Serialize)]
struct GuidesPage {
    guides: Vec<GuideItem>,
}

#[derive(Serialize)]
struct GuidePage<'a> {
    guide: GuideBody<'a>,
}

/// Title and description carry their language, so a fallback guide is marked as one.
#[derive(Serialize)]
struct GuideBody<'a> {
    lang: &'static str,
    title: Localized,
    description: Localized,
    html: &'a str,
    toc: &'a [Heading],
    updated: &'a Option<String>,
    /// The same date in words ("25 noyabr 2026").
    updated_text: Option<String>,
}

pub(super) fn render(r: &mut Renderer) -> Result<(), String> {
    r.index_page(
        "guides",
        &INDEX,
        ("guides_title", "home_lead"),
        |r, lang| GuidesPage {
            guides: r.guides(lang),
        },
    )?;
    for (slug, versions) in r.input.guides {
        let updated = guide_in(versions, Lang::DEFAULT).and_then(|g| g.updated.clone());
        let paths = Renderer::paths(|l| url_guide(l, slug));
        r.each_lang(paths, updated, |r, lang, paths| {
            let Some(g) = guide_in(versions, lang) else {
                return Ok(());
            };
            let head = Head {
                title: g.title.clone(),
                description: g.description.clone(),
                jsonld: None,
            };
            let page = guide_page(g, lang, &r.theme.strings[&lang]);
            r.page(lang, paths, &GUIDE, head, &page)
        })?;
    }
    Ok(())
}

fn guide_page<'a>(
    g: &'a Guide,
    lang: Lang,
    strings: &std::collections::BTreeMap<String, String>,
) -> GuidePage<'a> {
    GuidePage {
        guide: GuideBody {
            lang: g.lang.code(),
            title: guide_text(g, lang, &g.title),
            description: guide_text(g, lang, &g.description),
            html: &g.body.html,
            toc: &g.body.toc,
            updated: &g.updated,
            updated_text: g
                .updated
                .as_ref()
                .map(|d| super::facts::date_text(strings, lang, d)),
        },
    }
}
