//! The editor's routes in `ccu serve` (`/_edit/…`): the forms, the translation status,
//! and saving. A request that writes must come from a page of this server: its `Origin`
//! is this server's own, and it carries the token the server put in the form (random
//! for each start of the server), so a page from another site open in the same browser
//! cannot write.

use super::http::{App, Arrived};
use crate::edit::words::W;
use crate::edit::{self, Outcome, html};
use crate::lang::Lang;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// A fresh random token for this start of the server.
pub fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 24];
    getrandom::fill(&mut bytes).map_err(|e| format!("cannot make the editor's token: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn html_response(status: StatusCode, body: String) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
}

pub async fn css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        html::CSS,
    )
}

pub async fn preview_css() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        edit::preview::CSS,
    )
}

pub async fn js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        html::JS,
    )
}

fn redirect(status: StatusCode, to: &str) -> Response {
    let mut res = status.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        res.headers_mut().insert(header::LOCATION, v);
    }
    res
}

/// The editor's address of an address made before the editor had languages:
/// `/delete/en/services/1-4/` → `/en/delete/services/1-4/`, anything else in Azerbaijani.
fn with_language(page: &str) -> String {
    if let Some(rest) = page.strip_prefix("/delete")
        && let Some((lang, tail)) = edit::words::split(rest)
    {
        return format!("/{lang}/delete{tail}");
    }
    format!("/{}{page}", Lang::DEFAULT)
}

/// `/_edit` and an address without the editor's language: the same in Azerbaijani
/// (a 308 keeps a form's POST a POST).
fn to_language(uri: &Uri) -> Response {
    let page = page_of(uri);
    let mut to = format!(
        "/_edit{}",
        with_language(if page.is_empty() { "/" } else { &page })
    );
    if let Some(q) = uri.query() {
        to.push('?');
        to.push_str(q);
    }
    redirect(StatusCode::PERMANENT_REDIRECT, &to)
}

pub async fn root(uri: Uri) -> Response {
    to_language(&uri)
}

fn failed(lang: Lang, here: &str, e: &str) -> Response {
    html_response(
        StatusCode::INTERNAL_SERVER_ERROR,
        html::message(
            lang,
            here,
            W::failed.t(lang),
            W::cannot_work_text.t(lang),
            &[e.to_string()],
        ),
    )
}

/// The notice of the change numbered in a query's `saved`, in the words it was noted in.
fn saved_notice(query: &str) -> Option<String> {
    let id = url::form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "saved")
        .and_then(|(_, v)| v.parse().ok())?;
    edit::recent::get(id).map(|c| c.what)
}

/// "Still correct" for the translation at `path`: noted, and said in the recent changes.
fn still_correct(root: &std::path::Path, lang: Lang, path: &str) -> Result<u64, String> {
    let status = edit::translations::status(root);
    let item = status
        .stale
        .iter()
        .find(|i| i.path == path)
        .ok_or_else(|| format!("{path} is not a stale translation"))?;
    let what = format!(
        "{} ({})",
        edit::translations::said_in(item, lang),
        edit::translations::in_lang(lang, item.lang)
    );
    let href = item
        .edit
        .as_deref()
        .map(|e| edit::translations::field_link(lang, e, path))
        .unwrap_or_default();
    edit::translations::still_correct(root, path)?;
    Ok(edit::recent::note(
        W::tr_cleared.fill(lang, &[("what", &what)]),
        href,
        vec![path.to_string()],
    ))
}

/// The page an address shows (`/_edit/ru/services/1-4/` → `/ru/services/1-4/`).
fn page_of(uri: &Uri) -> String {
    uri.path().strip_prefix("/_edit").unwrap_or("/").to_string()
}

/// `GET /_edit/{lang}/…`: the entry page, the translation status, or a form.
pub async fn get_page(State(app): State<App>, uri: Uri) -> Response {
    let page = page_of(&uri);
    let Some((lang, tail)) = edit::words::split(&page) else {
        return to_language(&uri);
    };
    let tail = tail.to_string();
    let root = app.root.clone();
    let query = uri.query().unwrap_or_default().to_string();
    let here = tail.clone();
    let made = match tail.as_str() {
        "/" => tokio::task::spawn_blocking(move || Ok(edit::index(&root, lang, &query))).await,
        "/publish" => return publish_page(app, lang, uri.path().to_string()).await,
        "/translations" => {
            let token = app.token.clone();
            tokio::task::spawn_blocking(move || {
                let notice = saved_notice(&query);
                Ok(edit::translations::page(
                    lang,
                    &edit::translations::status(&root),
                    &token,
                    notice.as_deref(),
                ))
            })
            .await
        }
        "/synonyms" => {
            let token = app.token.clone();
            tokio::task::spawn_blocking(move || {
                let notice = saved_notice(&query);
                Ok(edit::synonyms::page(
                    &root,
                    lang,
                    &token,
                    &query,
                    notice.as_deref(),
                    None,
                ))
            })
            .await
        }
        "/synonyms/finds" => {
            let found = tokio::task::spawn_blocking(move || {
                let q = |key: &str| {
                    url::form_urlencoded::parse(query.as_bytes())
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.to_string())
                        .unwrap_or_default()
                };
                let in_lang = Lang::parse(&q("lang")).unwrap_or(lang);
                let phrase = q("phrase");
                match phrase.trim().is_empty() {
                    true => String::new(),
                    false => edit::synonyms::finds_words(
                        lang,
                        &edit::synonyms::finds(&root, in_lang, &phrase, &q("means")),
                    ),
                }
            })
            .await
            .unwrap_or_default();
            return ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], found).into_response();
        }
        _ => {
            let (action, token) = (uri.path().to_string(), app.token.clone());
            let opened = tokio::task::spawn_blocking(move || {
                edit::open_with_history(&root, &page, &action, &token)
            })
            .await;
            match opened {
                Ok(Ok((form, hash, history))) => {
                    // The entry's recent changes, with their undo buttons, below the form.
                    let page = html::form(&form, uri.path(), &app.token, &hash);
                    Ok(Ok(page.replacen(
                        "</main>",
                        &format!("{history}</main>"),
                        1,
                    )))
                }
                Ok(Err(o)) => return outcome(&app, lang, uri.path(), o),
                Err(e) => Err(e),
            }
        }
    };
    match made {
        Ok(Ok(body)) => html_response(StatusCode::OK, body),
        Ok(Err::<_, String>(e)) => failed(lang, &here, &e),
        Err(e) => failed(lang, &here, &e.to_string()),
    }
}

/// Whether the request comes from a page this server sent: `Origin` is this server's
/// own address (browsers send it with every POST), and `Sec-Fetch-Site`, where sent,
/// says same-origin.
fn same_origin(headers: &HeaderMap) -> bool {
    let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let (Some(host), Some(origin)) = (value("host"), value("origin")) else {
        return false;
    };
    origin == format!("http://{host}") && value("sec-fetch-site").is_none_or(|s| s == "same-origin")
}

/// Compares in time independent of where the first difference is.
fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// How long before the time limit a save is given up: time to write the files and answer.
const SAVE_MARGIN: std::time::Duration = std::time::Duration::from_secs(2);

/// `POST /_edit/{page}`: checks where the request comes from, then saves.
pub async fn save(
    State(app): State<App>,
    Extension(arrived): Extension<Arrived>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let page = page_of(&uri);
    let Some((lang, tail)) = edit::words::split(&page) else {
        return to_language(&uri);
    };
    let here = tail.to_string();
    let refused = || {
        html_response(
            StatusCode::FORBIDDEN,
            html::message(lang, &here, W::not_saved.t(lang), W::refused.t(lang), &[]),
        )
    };
    if !same_origin(&headers) {
        return refused();
    }
    let sent: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        sent.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !same_token(&field("_token"), &app.token) {
        return refused();
    }
    if here == "/synonyms" {
        let root = app.root.clone();
        let token = app.token.clone();
        let (in_lang, phrase, means) = (field("lang"), field("phrase"), field("means"));
        let done = tokio::task::spawn_blocking(move || {
            let in_lang = Lang::parse(&in_lang).unwrap_or(lang);
            match edit::synonyms::add(&root, lang, in_lang, &phrase, &means) {
                Ok(()) => Ok(edit::recent::note(
                    W::syn_added.fill(lang, &[("phrase", phrase.trim()), ("means", means.trim())]),
                    format!("/_edit/{lang}/synonyms"),
                    Vec::new(),
                )),
                Err(e) => {
                    let query = url::form_urlencoded::Serializer::new(String::new())
                        .append_pair("lang", in_lang.code())
                        .append_pair("phrase", &phrase)
                        .append_pair("means", &means)
                        .finish();
                    Err(edit::synonyms::page(
                        &root,
                        lang,
                        &token,
                        &query,
                        None,
                        Some(&e),
                    ))
                }
            }
        })
        .await;
        return match done {
            Ok(Ok(id)) => redirect(
                StatusCode::SEE_OTHER,
                &format!("/_edit/{lang}/synonyms?saved={id}"),
            ),
            Ok(Err(page)) => html_response(StatusCode::UNPROCESSABLE_ENTITY, page),
            Err(e) => failed(lang, &here, &e.to_string()),
        };
    }
    if here == "/translations" {
        let root = app.root.clone();
        let path = field("path");
        let done = tokio::task::spawn_blocking(move || still_correct(&root, lang, &path)).await;
        return match done {
            Ok(Ok(id)) => redirect(
                StatusCode::SEE_OTHER,
                &format!("/_edit/{lang}/translations?saved={id}"),
            ),
            Ok(Err(e)) => failed(lang, &here, &e),
            Err(e) => failed(lang, &here, &e.to_string()),
        };
    }
    let hash = field("_hash");
    if here == "/publish" {
        return publish(app, lang, here, uri.path().to_string()).await;
    }
    let root = app.root.clone();
    // Done, or given up with nothing written, a margin before the time limit answers 408.
    let limit = arrived.0 + app.request_timeout;
    let deadline = limit - SAVE_MARGIN.min(app.request_timeout / 2);
    let catalog_only = edit::writes_catalog_only(&page);
    let undo = uri
        .query()
        .and_then(|q| url::form_urlencoded::parse(q.as_bytes()).find(|(k, _)| k == "undo"))
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default();
    let saved = tokio::task::spawn_blocking(move || match undo.is_empty() {
        true => edit::save(&root, &page, &sent, &hash, deadline),
        false => edit::undo(&root, &page, &undo, deadline),
    })
    .await;
    if let Ok(Outcome::Saved { .. }) = &saved {
        // Served at once where it can be: the page the editor is sent back to shows the
        // change. A rebuild that takes longer goes on; the page reloads when it is done.
        let (root, live) = (app.root.clone(), app.live.clone());
        let rebuild = tokio::task::spawn_blocking(move || live.rebuild(&root, catalog_only));
        let _ = tokio::time::timeout_at(deadline.into(), rebuild).await;
    }
    match saved {
        Ok(o) => outcome(&app, lang, uri.path(), o),
        Err(e) => failed(lang, &here, &e.to_string()),
    }
}

fn outcome(app: &App, lang: Lang, action: &str, o: Outcome) -> Response {
    let here = html::here(action);
    let message = |status, title: W, text: W, tech: String| {
        html_response(
            status,
            html::message(lang, &here, title.t(lang), text.t(lang), &[tech]),
        )
    };
    match o {
        Outcome::Saved { page } => redirect(StatusCode::SEE_OTHER, &page),
        Outcome::Invalid { form, hash } => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            html::form(&form, action, &app.token, &hash),
        ),
        Outcome::Conflict { form, hash } => html_response(
            StatusCode::CONFLICT,
            html::form(&form, action, &app.token, &hash),
        ),
        Outcome::NotFound(msg) => message(StatusCode::NOT_FOUND, W::no_form, W::no_form_text, msg),
        Outcome::Failed(msg) => message(
            StatusCode::INTERNAL_SERVER_ERROR,
            W::cannot_work,
            W::cannot_work_text,
            msg,
        ),
        Outcome::TooSlow(msg) => {
            message(StatusCode::REQUEST_TIMEOUT, W::not_saved, W::too_slow, msg)
        }
    }
}

/// The errors of `ccu check`, one a line, where there are any.
fn checked(root: &std::path::Path) -> Result<(), Vec<String>> {
    let (loaded, diags) = crate::site::check(root, false);
    match loaded {
        Some(_) => Ok(()),
        None => Err(errors(&diags)),
    }
}

/// `ccu build --root ROOT --out OUT`, its errors one a line.
fn build(root: &std::path::Path, out: &std::path::Path) -> Result<(), Vec<String>> {
    match crate::site::build(root, out, crate::site::Options::default()) {
        Ok(_) => Ok(()),
        Err(crate::site::BuildError::Content(diags)) => Err(errors(&diags)),
        Err(crate::site::BuildError::Output(e)) => Err(vec![e]),
    }
}

fn errors(diags: &[crate::diag::Diagnostic]) -> Vec<String> {
    diags
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

/// `GET /_edit/{lang}/publish`: what publishing would change (the preview's pages
/// against the output folder), or the errors that stop it; and the button.
async fn publish_page(app: App, lang: Lang, action: String) -> Response {
    let (root, out, live) = (app.root.clone(), app.out.clone(), app.live.clone());
    let token = app.token.clone();
    let page = tokio::task::spawn_blocking(move || {
        let site = live.site.read().unwrap_or_else(|e| e.into_inner());
        let plan = edit::publish::dry_run(checked(&root), &out, &site);
        edit::publish::page(lang, &plan, false, &out, &action, &token)
    })
    .await;
    match page {
        Ok(body) => html_response(StatusCode::OK, body),
        Err(e) => failed(lang, "/publish", &e.to_string()),
    }
}

/// `POST /_edit/{lang}/publish` (its `Origin` and token checked): builds into `--out`
/// as `ccu build` does and says what changed; refused, nothing written, on errors.
async fn publish(app: App, lang: Lang, here: String, action: String) -> Response {
    let (root, out) = (app.root.clone(), app.out.clone());
    let token = app.token.clone();
    let done = tokio::task::spawn_blocking(move || {
        let result = edit::publish::publish(&out, || build(&root, &out));
        let status = match result {
            Ok(_) => StatusCode::OK,
            Err(_) => StatusCode::UNPROCESSABLE_ENTITY,
        };
        (
            status,
            edit::publish::page(lang, &result, true, &out, &action, &token),
        )
    })
    .await;
    match done {
        Ok((status, body)) => html_response(status, body),
        Err(e) => failed(lang, &here, &e.to_string()),
    }
}
