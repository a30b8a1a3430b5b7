//! The editor's pages as HTML: plain forms that work without JavaScript, with labels,
//! errors linked to their fields and focus on the first error.

use super::form::{Action, Field, Form, Kind};
use super::words::W;
use super::yaml::Value;
use crate::lang::Lang;
use crate::text::escape;

/// The stylesheet of the editor's pages (served by `ccu serve` only).
pub const CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#0b0c0c;background:#f3f2f1}
header{background:#fff;border-bottom:4px solid #1d70b8;padding:.5rem 1rem}
header p{margin:.25rem 0}
main{max-width:80rem;margin:0 auto;padding:0 1rem 2rem}
main:focus{outline:0}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fd0;padding:.5rem;z-index:2}
.nav,.switch,.actions-list{list-style:none;padding:0;margin:.25rem 0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.switch a[aria-current]{font-weight:700;color:#0b0c0c}
a{color:#1d4f91}a:focus,input:focus,textarea:focus,select:focus,button:focus,summary:focus,.card:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
h2.section{margin:2rem 0 .5rem;border-bottom:2px solid #1d70b8}
.card{background:#fff;border:1px solid #b1b4b6;border-left:6px solid #1d70b8;margin:0 0 1rem;padding:.25rem 1rem 1rem}
.card h3{margin:.5rem 0}
.card.changed,.card:target{border-left-color:#00703c;background:#f0fff4}
.changed-note{color:#005a30;font-weight:700;margin:0}
fieldset{border:1px solid #b1b4b6;margin:0 0 1rem;padding:.5rem 1rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.langs{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.field{margin:.5rem 0}
label{display:block;font-weight:600}
input[type=text],input[type=url],input[type=date],input[type=search],input[type=number],textarea,select{width:100%;box-sizing:border-box;font:inherit;padding:.3rem;border:2px solid #0b0c0c;background:#fff}
textarea{min-height:4.5rem}
.check label{display:inline;font-weight:400}
.error{color:#b10e1e;font-weight:700;margin:.25rem 0}
.hint,.muted{color:#505a5f;margin:.1rem 0 .25rem}
[aria-invalid=true]{border-color:#b10e1e;border-width:3px}
.summary{border:4px solid #b10e1e;background:#fff;padding:.5rem 1rem;margin:1rem 0}
.notice{border:4px solid #b35c00;background:#fff8e1;padding:.5rem 1rem;margin:1rem 0}
.saved{border:4px solid #00703c;background:#f0fff4;padding:.25rem 1rem;margin:1rem 0;font-weight:700}
.note{color:#505a5f;margin:.25rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button,.button{display:inline-block;font:inherit;font-weight:700;padding:.5rem 1.25rem;background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;margin:.5rem 0;text-decoration:none;cursor:pointer}
button.danger,a.danger{background:#b10e1e;color:#fff;box-shadow:0 2px 0 #55070e;padding:.5rem 1.25rem;font-weight:700;text-decoration:none;display:inline-block}
button.secondary{background:#f3f2f1;color:#0b0c0c;box-shadow:0 2px 0 #929191}
.savebar{position:sticky;bottom:0;background:#fff;border-top:4px solid #1d70b8;padding:0 1rem;margin:1rem -1rem 0;display:flex;flex-wrap:wrap;align-items:center;gap:0 1rem;z-index:1}
.search .row{display:flex;gap:.5rem;align-items:center}.search .row button{margin:0}
details.tech{margin:1rem 0;color:#505a5f}details.tech code{font-size:.85rem;word-break:break-all}
table{border-collapse:collapse;background:#fff}td,th{border-bottom:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top}
.tr-item{background:#fff;border:1px solid #b1b4b6;padding:.5rem 1rem;margin:0 0 1rem}
.tr-item blockquote{margin:.25rem 0 .5rem;padding-left:.75rem;border-left:4px solid #b1b4b6}
.finds{font-weight:700;color:#005a30}
@media (max-width:40rem){.langs{grid-template-columns:1fr}}
";

/// The page around any of the editor's contents, in the editor's language `lang`;
/// `here` is the address after the language (`/services/1-4/`), for the language switch.
/// It has no live-reload script: a rebuild must not reload a form over what the editor
/// is typing (or over its own save).
pub fn page(lang: Lang, here: &str, title: &str, body: &str) -> String {
    let mut switch = String::new();
    for l in Lang::ALL {
        if l == lang {
            switch.push_str(&format!(
                "<li><a href=\"/_edit/{l}{}\" lang={l} hreflang={l} aria-current=page>{}</a></li>",
                escape(here),
                l.endonym()
            ));
        } else {
            switch.push_str(&format!(
                "<li><a href=\"/_edit/{l}{}\" lang={l} hreflang={l}>{}</a></li>",
                escape(here),
                l.endonym()
            ));
        }
    }
    format!(
        "<!DOCTYPE html><html lang={lang}><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\"><title>{} — {}</title><link rel=stylesheet href=/__ccu/edit.css><script src=/__ccu/edit.js defer></script></head><body><a class=skip href=#main>{}</a><header><p class=brand><strong>{}</strong> · {}</p><nav aria-label=\"{}\"><ul class=nav><li><a href=/_edit/{lang}/>{}</a></li><li><a href=/_edit/{lang}/translations>{}</a></li><li><a href=/_edit/{lang}/synonyms>{}</a></li><li><a href=/_edit/{lang}/publish>{}</a></li></ul></nav><nav aria-label=\"{}\"><ul class=switch>{switch}</ul></nav></header><main id=main tabindex=-1>{body}</main></body></html>",
        escape(title),
        W::editor.t(lang),
        W::skip.t(lang),
        W::editor.t(lang),
        W::editor_note.t(lang),
        W::editor.t(lang),
        W::nav_home.t(lang),
        W::nav_translations.t(lang),
        W::nav_synonyms.t(lang),
        super::ops_words::publish(lang, "title"),
        W::editor_lang.t(lang),
    )
}

/// A disclosure for the technical person: what an editor need not read.
pub fn details(lang: Lang, lines: &[String]) -> String {
    if lines.is_empty() {
        return String::new();
    }
    let items: String = lines
        .iter()
        .map(|l| format!("<li><code>{}</code></li>", escape(l)))
        .collect();
    format!(
        "<details class=tech><summary>{}</summary><ul>{items}</ul></details>",
        W::details.t(lang)
    )
}

/// The address after the language of an editor's address (`/_edit/ru/services/1-4/` →
/// `/services/1-4/`).
pub fn here(address: &str) -> String {
    let rest = address.strip_prefix("/_edit").unwrap_or(address);
    super::words::split(rest)
        .map(|(_, tail)| tail.to_string())
        .unwrap_or_else(|| "/".into())
}

/// The id of the input for a path.
pub fn input_id(path: &str) -> String {
    let mut id = String::from("f-");
    for c in path.chars() {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

fn shown(f: &Field) -> Value {
    f.sent
        .clone()
        .or_else(|| f.value.clone())
        .unwrap_or_else(|| match f.kind {
            Kind::Lines | Kind::Choices(_) => Value::List(Vec::new()),
            _ => Value::Scalar(String::new()),
        })
}

/// The id of a card (`card-f-services-3--facts-how-0-`), the target of an edit link.
pub fn card_id(card: &str) -> String {
    format!("card-{}", input_id(card))
}

/// The form page: error summary, one card per part under the public page's headings,
/// the languages side by side, the save bar, and the hidden token and file hash.
pub fn form(form: &Form, action: &str, token: &str, hash: &str) -> String {
    let lang = form.lang;
    let heading = match (&form.confirm, form.action) {
        (Some((q, _)), _) => q.clone(),
        (None, Action::Edit) => W::heading_edit.fill(lang, &[("title", &form.title)]),
        (None, _) => form.title.clone(),
    };
    let here = here(action);
    let mut body = format!("<h1>{}</h1>", escape(&heading));
    body.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p>",
        escape(&form.page),
        W::back_to_page.t(lang)
    ));
    if let Some(n) = &form.saved {
        body.push_str(&format!(
            "<div class=saved role=status id=saved-notice tabindex=-1><p>{}</p></div>",
            escape(n)
        ));
    }
    if let Some(n) = &form.notice {
        body.push_str(&format!(
            "<div class=notice role=alert><h2>{}</h2><p>{}</p></div>",
            W::not_saved.t(lang),
            escape(n)
        ));
    }
    let first_error = form
        .fields
        .iter()
        .find(|f| f.error.is_some())
        .map(|f| f.path.clone());
    if form.has_errors() {
        body.push_str(&format!("<div class=summary role=alert aria-labelledby=error-summary-title><h2 id=error-summary-title>{}</h2><ul>", W::summary_title.t(lang)));
        for e in &form.errors {
            body.push_str(&format!("<li>{}</li>", escape(e)));
        }
        for f in form.fields.iter().filter(|f| f.error.is_some()) {
            body.push_str(&format!(
                "<li><a href=\"#{}\">{} — {}: {}</a></li>",
                input_id(&f.path),
                escape(&f.group),
                escape(&f.label),
                escape(f.error.as_deref().unwrap_or_default())
            ));
        }
        body.push_str("</ul></div>");
    }
    body.push_str(&format!(
        "<form method=post action=\"{}\" novalidate><input type=hidden name=_token value=\"{}\"><input type=hidden name=_hash value=\"{}\">",
        escape(action),
        escape(token),
        escape(hash)
    ));
    if form.action == Action::Delete {
        let (_, button) = form.confirm.clone().unwrap_or_default();
        body.push_str(&format!(
            "<p>{}</p><p class=actions><button type=submit class=danger>{}</button> <a href=\"{}\">{}</a></p></form>",
            escape(form.explain.as_deref().unwrap_or_default()),
            escape(&button),
            escape(&form.page),
            W::cancel_keep.t(lang)
        ));
        body.push_str(&details(lang, &form.files));
        return page(lang, &here, &heading, &body);
    }
    let mut section: Option<&str> = None;
    let mut i = 0;
    while i < form.fields.len() {
        let card = &form.fields[i].card;
        let end = form.fields[i..]
            .iter()
            .position(|f| f.card != *card)
            .map_or(form.fields.len(), |n| i + n);
        let fields = &form.fields[i..end];
        if fields[0].section.as_deref() != section {
            section = fields[0].section.as_deref();
            if let Some(s) = section {
                body.push_str(&format!("<h2 class=section>{}</h2>", escape(s)));
            }
        }
        let highlight = fields.iter().any(|f| form.changed.contains(&f.path));
        body.push_str(&card_html(fields, &first_error, highlight, lang));
        i = end;
    }
    let submit = match form.action {
        Action::Add => form.title.clone(),
        _ => W::save.t(lang).to_string(),
    };
    body.push_str(&format!(
        "<div class=savebar><button type=submit>{}</button> <span>{}</span></div></form>",
        escape(&submit),
        W::save_bar.t(lang)
    ));
    if let Some(delete) = &form.delete {
        body.push_str(&format!(
            "<p class=delete><a class=danger href=\"{}\">{}…</a></p>",
            escape(&delete.href),
            escape(&delete.label)
        ));
    }
    let mut tech: Vec<String> = form.files.clone();
    tech.extend(form.fields.iter().map(|f| f.path.clone()));
    body.push_str(&details(lang, &tech));
    page(lang, &here, &heading, &body)
}

/// One card: the fields of one part (a fact: its text in three languages, its source,
/// date and match), the languages of a text side by side.
fn card_html(
    fields: &[Field],
    first_error: &Option<String>,
    highlight: bool,
    lang: Lang,
) -> String {
    let id = card_id(&fields[0].card);
    let mut out = format!(
        "<section class=\"card{}\" id={id} aria-labelledby={id}-h tabindex=-1><h3 id={id}-h>{}</h3>",
        if highlight { " changed" } else { "" },
        escape(&fields[0].card_title)
    );
    if highlight {
        out.push_str(&format!(
            "<p class=changed-note>{}</p>",
            W::changed_here.t(lang)
        ));
    }
    let mut i = 0;
    while i < fields.len() {
        let group = &fields[i].group;
        let end = fields[i..]
            .iter()
            .position(|f| f.group != *group)
            .map_or(fields.len(), |n| i + n);
        let langs = fields[i..end].iter().all(|f| f.lang.is_some()) && end - i > 1;
        // The card's heading names a text that is all the card holds.
        let named = *group == fields[0].card_title;
        if langs && named {
            out.push_str("<div class=langs>");
        } else if langs {
            // Inside its card a text is named by its own part alone (`Mətn`).
            let own = group.rsplit(" › ").next().unwrap_or(group);
            out.push_str(&format!(
                "<fieldset><legend>{}</legend><div class=langs>",
                escape(own)
            ));
        }
        for f in &fields[i..end] {
            let focus = first_error.as_deref() == Some(f.path.as_str());
            out.push_str(&input(f, focus, lang));
        }
        if langs && named {
            out.push_str("</div>");
        } else if langs {
            out.push_str("</div></fieldset>");
        }
        i = end;
    }
    out.push_str("</section>");
    out
}

fn input(f: &Field, focus: bool, lang: Lang) -> String {
    let id = input_id(&f.path);
    let name = escape(&f.path);
    let mut described = Vec::new();
    let mut out = String::from("<div class=field>");
    let error = f.error.as_ref().map(|e| {
        described.push(format!("e-{id}"));
        format!(
            "<p class=error id=e-{id}><span class=visually-hidden>{}</span>{}</p>",
            W::error_prefix.t(lang),
            escape(e)
        )
    });
    let hint = f.hint.as_ref().map(|h| {
        described.push(format!("h-{id}"));
        format!("<p class=hint id=h-{id}>{}</p>", escape(h))
    });
    let note = f.note.as_ref().or(f.fixed.as_ref()).map(|n| {
        described.push(format!("n-{id}"));
        format!("<p class=note id=n-{id}>{}</p>", escape(n))
    });
    let mut attrs = String::new();
    if !described.is_empty() {
        attrs.push_str(&format!(" aria-describedby=\"{}\"", described.join(" ")));
    }
    if f.error.is_some() {
        attrs.push_str(" aria-invalid=true");
    }
    if focus {
        attrs.push_str(" autofocus");
    }
    if let Some(lang) = f.lang {
        attrs.push_str(&format!(" lang={lang}"));
    }
    if f.fixed.is_some() {
        attrs.push_str(" readonly");
    }
    let value = shown(f);
    let scalar = match &value {
        Value::Scalar(s) => escape(s),
        Value::List(l) => escape(&l.join("\n")),
    };
    let label = format!("<label for={id}>{}</label>", escape(&f.label));
    let control = match &f.kind {
        Kind::Choices(options) => {
            let chosen: Vec<String> = match &value {
                Value::List(l) => l.clone(),
                Value::Scalar(s) => vec![s.clone()],
            };
            let mut s = format!(
                "<fieldset id={id}{attrs}><legend>{}</legend>",
                escape(&f.label)
            );
            for (n, (v, text)) in options.iter().enumerate() {
                let checked = if chosen.contains(v) { " checked" } else { "" };
                s.push_str(&format!(
                    "<div class=check><input type=checkbox id={id}-{n} name=\"{name}\" value=\"{}\"{checked}> <label for={id}-{n}>{}</label></div>",
                    escape(v),
                    escape(text)
                ));
            }
            s.push_str("</fieldset>");
            out.push_str(error.as_deref().unwrap_or_default());
            out.push_str(hint.as_deref().unwrap_or_default());
            out.push_str(&s);
            out.push_str(note.as_deref().unwrap_or_default());
            out.push_str("</div>");
            return out;
        }
        Kind::Choice(options) => {
            let current = match &value {
                Value::Scalar(s) => s.clone(),
                Value::List(_) => String::new(),
            };
            let mut s = format!("<select id={id} name=\"{name}\"{attrs}>");
            if !options.iter().any(|(v, _)| *v == current) {
                s.push_str(&format!(
                    "<option value=\"{0}\" selected>{0}</option>",
                    escape(&current)
                ));
            }
            for (v, text) in options {
                let sel = if *v == current { " selected" } else { "" };
                s.push_str(&format!(
                    "<option value=\"{}\"{sel}>{}</option>",
                    escape(v),
                    escape(text)
                ));
            }
            s.push_str("</select>");
            s
        }
        Kind::Text | Kind::Lines => {
            let rows = match &value {
                Value::Scalar(s) => (s.chars().count() / 60 + 2).clamp(2, 20),
                Value::List(l) => (l.len() + 1).clamp(2, 20),
            };
            format!("<textarea id={id} name=\"{name}\" rows={rows}{attrs}>\n{scalar}</textarea>")
        }
        // Text, not a date picker: a picker reads what is typed in the browser's locale
        // (03.12.2026 became 12 March); the editor reads day first and says the date in words.
        Kind::Date => format!(
            "<input type=text inputmode=numeric autocomplete=off id={id} name=\"{name}\" value=\"{scalar}\"{attrs}>"
        ),
        Kind::Url => format!("<input type=url id={id} name=\"{name}\" value=\"{scalar}\"{attrs}>"),
        Kind::Checked | Kind::Line => {
            format!("<input type=text id={id} name=\"{name}\" value=\"{scalar}\"{attrs}>")
        }
    };
    out.push_str(&label);
    out.push_str(hint.as_deref().unwrap_or_default());
    out.push_str(error.as_deref().unwrap_or_default());
    out.push_str(&control);
    out.push_str(note.as_deref().unwrap_or_default());
    out.push_str("</div>");
    out
}

/// A page with a message only (a refusal, a form that cannot be opened), in the
/// editor's language; `tech` is what only the technical person needs.
pub fn message(lang: Lang, here: &str, title: &str, text: &str, tech: &[String]) -> String {
    page(
        lang,
        here,
        title,
        &format!(
            "<h1>{}</h1><p>{}</p>{}",
            escape(title),
            escape(text),
            details(lang, tech)
        ),
    )
}

/// The editor's script: it focuses the card an edit link names (`#card-…`), the notice
/// after a save, and says what a synonym finds as it is typed. The pages work without it.
pub const JS: &str = include_str!("edit.js");
