//! The editor's pages as HTML: plain forms that work without JavaScript, with labels,
//! errors linked to their fields and focus on the first error.

use super::form::{Action, Field, Form, Kind};
use super::yaml::Value;
use crate::text::escape;

/// The stylesheet of the editor's pages (served by `ccu serve` only).
pub const CSS: &str = "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#0b0c0c;background:#fff}
header,main{max-width:80rem;margin:0 auto;padding:0 1rem}
header{border-bottom:4px solid #1d70b8}
a{color:#1d4f91}a:focus,input:focus,textarea:focus,select:focus,button:focus,summary:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 5px #0b0c0c}
fieldset{border:1px solid #b1b4b6;margin:0 0 1rem;padding:.5rem 1rem 1rem}
legend{font-weight:700;padding:0 .25rem}
.langs{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}
.field{margin:.5rem 0}
label{display:block;font-weight:600}
input[type=text],input[type=url],input[type=date],textarea,select{width:100%;box-sizing:border-box;font:inherit;padding:.3rem;border:2px solid #0b0c0c}
textarea{min-height:4.5rem}
.check label{display:inline;font-weight:400}
.error{color:#b10e1e;font-weight:700;margin:.25rem 0}
[aria-invalid=true]{border-color:#b10e1e;border-width:3px}
.summary{border:4px solid #b10e1e;padding:.5rem 1rem;margin:1rem 0}
.notice{border:4px solid #b35c00;background:#fff8e1;padding:.5rem 1rem;margin:1rem 0}
.note{color:#505a5f;margin:.25rem 0}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button{font:inherit;font-weight:700;padding:.5rem 1.25rem;background:#00703c;color:#fff;border:0;box-shadow:0 2px 0 #002d18;margin:1rem 0}
table{border-collapse:collapse}td,th{border-bottom:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top}
";

/// The page around any of the editor's contents. It has no live-reload script: a rebuild
/// must not reload a form over what the editor is typing (or over its own save).
pub fn page(title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><meta name=viewport content=\"width=device-width,initial-scale=1\"><title>{} — ccu serve editor</title><link rel=stylesheet href=/__ccu/edit.css></head><body><header><p>ccu serve — editor. Saving writes the site's files on this machine. <a href=/_edit/>All forms</a> · <a href=/_edit/translations>Translation status</a></p></header><main id=main>{body}</main></body></html>",
        escape(title)
    )
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

/// The form page: error summary, fields in fieldsets, the hidden token and file hash.
pub fn form(form: &Form, action: &str, token: &str, hash: &str) -> String {
    let heading = match form.action {
        Action::Edit => format!("Edit: {}", form.title),
        Action::Add => format!("Add {}", form.title),
        Action::Delete => format!("Delete {}?", form.title),
    };
    let mut body = format!("<h1>{}</h1>", escape(&heading));
    body.push_str(&format!(
        "<p>Writes {}. <a href=\"{}\">Back to the page</a></p>",
        form.files
            .iter()
            .map(|f| format!("<code>{}</code>", escape(f)))
            .collect::<Vec<_>>()
            .join(", "),
        escape(&form.page)
    ));
    if let Some(n) = &form.notice {
        body.push_str(&format!(
            "<div class=notice role=alert><h2>Not saved</h2><p>{}</p></div>",
            escape(n)
        ));
    }
    let first_error = form
        .fields
        .iter()
        .find(|f| f.error.is_some())
        .map(|f| f.path.clone());
    if form.has_errors() {
        body.push_str("<div class=summary role=alert aria-labelledby=error-summary-title><h2 id=error-summary-title>Nothing was saved: fix the problems below</h2><ul>");
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
        let explain = form.explain.clone().unwrap_or_else(|| format!(
            "This removes {} with all its texts and facts from {}; its pages leave the site. Nothing else in the file changes. To have it back, restore the file from your copy or version control.",
            form.title,
            form.files.join(", ")
        ));
        body.push_str(&format!(
            "<p>{}</p><button type=submit>Delete {}</button> <a href=\"{}\">Cancel: keep it</a></form>",
            escape(&explain),
            escape(&form.title),
            escape(&form.page)
        ));
        return page(&heading, &body);
    }
    let mut i = 0;
    while i < form.fields.len() {
        let group = &form.fields[i].group;
        let end = form.fields[i..]
            .iter()
            .position(|f| f.group != *group)
            .map_or(form.fields.len(), |n| i + n);
        body.push_str(&format!("<fieldset><legend>{}</legend>", escape(group)));
        let langs = form.fields[i..end].iter().all(|f| f.lang.is_some());
        if langs {
            body.push_str("<div class=langs>");
        }
        for f in &form.fields[i..end] {
            let focus = first_error.as_deref() == Some(f.path.as_str());
            body.push_str(&input(f, focus));
        }
        if langs {
            body.push_str("</div>");
        }
        body.push_str("</fieldset>");
        i = end;
    }
    body.push_str(
        match form.action {
            Action::Add => format!(
                "<button type=submit>Add {}</button></form>",
                escape(&form.title)
            ),
            _ => "<button type=submit>Save</button></form>".to_string(),
        }
        .as_str(),
    );
    if let Some(delete) = &form.delete {
        body.push_str(&format!(
            "<p><a href=\"{}\">Delete {}…</a></p>",
            escape(delete),
            escape(&form.title)
        ));
    }
    page(&heading, &body)
}

fn input(f: &Field, focus: bool) -> String {
    let id = input_id(&f.path);
    let name = escape(&f.path);
    let mut described = Vec::new();
    let mut out = String::from("<div class=field>");
    let error = f.error.as_ref().map(|e| {
        described.push(format!("e-{id}"));
        format!(
            "<p class=error id=e-{id}><span class=visually-hidden>Error: </span>{}</p>",
            escape(e)
        )
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
    out.push_str(error.as_deref().unwrap_or_default());
    out.push_str(&control);
    out.push_str(note.as_deref().unwrap_or_default());
    out.push_str("</div>");
    out
}

/// A page with a message only (a refusal, a form that cannot be opened).
pub fn message(title: &str, text: &str) -> String {
    page(
        title,
        &format!("<h1>{}</h1><p>{}</p>", escape(title), escape(text)),
    )
}
