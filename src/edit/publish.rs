//! Publishing from the editor: the checks, then the site built exactly as `ccu build`
//! builds it into the output folder `ccu serve` was given (`--out`), never into the
//! sources; what changes (pages added, changed, removed) is said before, from the
//! preview's pages against the folder, and after, from the folder itself. When a check
//! fails nothing is written and the errors are shown.

use super::ops_words as words;
use crate::lang::Lang;
use crate::output::Site;
use crate::text::escape;
use std::collections::BTreeMap;
use std::path::Path;

/// The pages that differ between two outputs, by address (`/en/services/1-4/`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Plan {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

/// `en/services/1-4/index.html` → `/en/services/1-4/`.
fn address(rel: &str) -> String {
    format!("/{}", rel.strip_suffix("index.html").unwrap_or(rel))
}

/// Every page of an output folder with a hash of its bytes (none when there is no folder).
fn on_disk(out: &Path) -> BTreeMap<String, u64> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let rel = e
                .path()
                .strip_prefix(out)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((rel, crate::text::digest(&std::fs::read(e.path()).ok()?)))
        })
        .collect()
}

/// Every page of a site built in memory with a hash of its bytes.
fn in_memory(site: &Site) -> BTreeMap<String, u64> {
    site.paths()
        .filter(|p| p.ends_with(".html"))
        .filter_map(|p| Some((p.clone(), crate::text::digest(site.get(p)?))))
        .collect()
}

fn diff(before: &BTreeMap<String, u64>, after: &BTreeMap<String, u64>) -> Plan {
    let mut plan = Plan::default();
    for (rel, h) in after {
        match before.get(rel) {
            None => plan.added.push(address(rel)),
            Some(b) if b != h => plan.changed.push(address(rel)),
            Some(_) => {}
        }
    }
    plan.removed = before
        .keys()
        .filter(|rel| !after.contains_key(*rel))
        .map(|rel| address(rel))
        .collect();
    plan
}

/// What publishing would change: the preview's pages (`site`, built from the sources as
/// they are) against the output folder; or the errors of the checks (`checked`, worked out
/// by the caller: this layer does not build), which stop it.
pub fn dry_run(
    checked: Result<(), Vec<String>>,
    out: &Path,
    site: &Site,
) -> Result<Plan, Vec<String>> {
    checked?;
    Ok(diff(&on_disk(out), &in_memory(site)))
}

/// Runs `build` (the caller's `ccu build --root ROOT --out OUT`) and says what changed in
/// `out`; or the errors, with nothing written.
pub fn publish(
    out: &Path,
    build: impl FnOnce() -> Result<(), Vec<String>>,
) -> Result<Plan, Vec<String>> {
    let before = on_disk(out);
    build()?;
    Ok(diff(&before, &on_disk(out)))
}

/// The lists of a plan, each with its count.
fn lists(lang: Lang, plan: &Plan) -> String {
    let mut s = String::new();
    for (what, pages) in [
        ("added", &plan.added),
        ("changed", &plan.changed),
        ("removed", &plan.removed),
    ] {
        s.push_str(&format!(
            "<h3>{}: {}</h3>",
            words::publish(lang, what),
            pages.len()
        ));
        if pages.is_empty() {
            continue;
        }
        s.push_str("<ul>");
        for p in pages.iter().take(100) {
            s.push_str(&format!("<li><code>{}</code></li>", escape(p)));
        }
        if pages.len() > 100 {
            s.push_str(&format!("<li>… {}</li>", pages.len() - 100));
        }
        s.push_str("</ul>");
    }
    s
}

/// The publish page: before (`done` false) the changes publishing would make and its
/// button; after, what it changed. Errors instead, where a check failed.
pub fn page(
    lang: Lang,
    result: &Result<Plan, Vec<String>>,
    done: bool,
    out: &Path,
    action: &str,
    token: &str,
) -> String {
    let title = words::publish(lang, "title");
    let mut body = format!(
        "<h1>{title}</h1><p>{} <code>{}</code></p>",
        words::publish(lang, "where"),
        escape(&out.display().to_string())
    );
    match result {
        Err(errors) => {
            body.push_str(&format!(
                "<div class=summary role=alert aria-labelledby=error-summary-title><h2 id=error-summary-title>{}</h2><ul>",
                words::publish(lang, "refused")
            ));
            for e in errors {
                body.push_str(&format!("<li><pre>{}</pre></li>", escape(e)));
            }
            body.push_str("</ul></div>");
        }
        Ok(plan) if done => {
            body.push_str(&format!(
                "<div class=notice role=status><h2>{}</h2></div>{}",
                words::publish(lang, "done"),
                lists(lang, plan)
            ));
        }
        Ok(plan) => {
            body.push_str(&format!(
                "<h2>{}</h2>{}<form method=post action=\"{}\"><input type=hidden name=_token value=\"{}\"><button type=submit>{}</button></form>",
                words::publish(lang, "before"),
                lists(lang, plan),
                escape(action),
                escape(token),
                words::publish(lang, "button")
            ));
        }
    }
    super::html::page(lang, "/publish", title, &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plan_names_pages_by_address() {
        let before: BTreeMap<String, u64> = [
            ("index.html".to_string(), 1),
            ("en/services/1-4/index.html".to_string(), 2),
            ("en/old/index.html".to_string(), 3),
        ]
        .into();
        let after: BTreeMap<String, u64> = [
            ("index.html".to_string(), 1),
            ("en/services/1-4/index.html".to_string(), 5),
            ("en/new/index.html".to_string(), 4),
        ]
        .into();
        let plan = diff(&before, &after);
        assert_eq!(plan.added, ["/en/new/"]);
        assert_eq!(plan.changed, ["/en/services/1-4/"]);
        assert_eq!(plan.removed, ["/en/old/"]);
    }
}
