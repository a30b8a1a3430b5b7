//! The editor's routes in `ccu serve` (`/_edit/…`): the forms, the translation status,
//! and saving. A request that writes must come from a page of this server: its `Origin`
//! is this server's own, and it carries the token the server put in the form (random
//! for each start of the server), so a page from another site open in the same browser
//! cannot write.

use super::http::{App, Arrived};
use crate::edit::{self, Outcome, html};
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

/// `/_edit/`: every form, and the translation status.
pub async fn index(State(app): State<App>) -> Response {
    let root = app.root.clone();
    let body = tokio::task::spawn_blocking(move || edit::index(&root))
        .await
        .unwrap_or_else(|e| html::message("The editor failed", &e.to_string()));
    html_response(StatusCode::OK, body)
}

/// `/_edit/translations`.
pub async fn translations(State(app): State<App>) -> Response {
    let root = app.root.clone();
    let body = tokio::task::spawn_blocking(move || {
        edit::translations::page(&edit::translations::status(&root))
    })
    .await
    .unwrap_or_else(|e| html::message("The editor failed", &e.to_string()));
    html_response(StatusCode::OK, body)
}

/// The page a form edits: `/_edit/en/services/1-4/` edits `/en/services/1-4/`.
fn page_of(uri: &Uri) -> String {
    uri.path().strip_prefix("/_edit").unwrap_or("/").to_string()
}

/// `GET /_edit/{page}`: the form.
pub async fn form(State(app): State<App>, uri: Uri) -> Response {
    let root = app.root.clone();
    let page = page_of(&uri);
    if let Some(lang) = edit::publish::address_lang(&page) {
        return publish_page(app, lang, uri.path().to_string()).await;
    }
    let (action, token) = (uri.path().to_string(), app.token.clone());
    let opened =
        tokio::task::spawn_blocking(move || edit::open_with_history(&root, &page, &action, &token))
            .await;
    match opened {
        Ok(Ok((form, hash, history))) => {
            let page = html::form(&form, uri.path(), &app.token, &hash);
            html_response(
                StatusCode::OK,
                page.replacen("</main>", &format!("{history}</main>"), 1),
            )
        }
        Ok(Err(o)) => outcome(&app, uri.path(), o),
        Err(e) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            html::message("The editor failed", &e.to_string()),
        ),
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

const REFUSED: &str = "Refused: only the forms of this preview can save, from this browser tab's own address; nothing was written. Open the form again from the page's Edit link.";

/// `POST /_edit/{page}`: checks where the request comes from, then saves.
pub async fn save(
    State(app): State<App>,
    Extension(arrived): Extension<Arrived>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    if !same_origin(&headers) {
        return html_response(StatusCode::FORBIDDEN, html::message("Not saved", REFUSED));
    }
    let sent: Vec<(String, String)> = url::form_urlencoded::parse(&body).into_owned().collect();
    let field = |name: &str| {
        sent.iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    if !same_token(&field("_token"), &app.token) {
        return html_response(StatusCode::FORBIDDEN, html::message("Not saved", REFUSED));
    }
    let hash = field("_hash");
    let page = page_of(&uri);
    if let Some(lang) = edit::publish::address_lang(&page) {
        return publish(app, lang, uri.path().to_string()).await;
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
        Ok(o) => outcome(&app, uri.path(), o),
        Err(e) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            html::message("The editor failed", &e.to_string()),
        ),
    }
}

fn outcome(app: &App, action: &str, o: Outcome) -> Response {
    match o {
        Outcome::Saved { page } => {
            let mut res = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&page) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Outcome::Invalid { form, hash } => html_response(
            StatusCode::UNPROCESSABLE_ENTITY,
            html::form(&form, action, &app.token, &hash),
        ),
        Outcome::Conflict { form, hash } => html_response(
            StatusCode::CONFLICT,
            html::form(&form, action, &app.token, &hash),
        ),
        Outcome::NotFound(msg) => {
            html_response(StatusCode::NOT_FOUND, html::message("No form here", &msg))
        }
        Outcome::Failed(msg) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            html::message("The editor cannot work on these files", &msg),
        ),
        Outcome::TooSlow(msg) => html_response(
            StatusCode::REQUEST_TIMEOUT,
            html::message("Not saved", &msg),
        ),
    }
}

/// `GET /_edit/{lang}/publish`: what publishing would change (the preview's pages
/// against the output folder), or the errors that stop it; and the button.
async fn publish_page(app: App, lang: crate::lang::Lang, action: String) -> Response {
    let (root, out, live) = (app.root.clone(), app.out.clone(), app.live.clone());
    let token = app.token.clone();
    let page = tokio::task::spawn_blocking(move || {
        let site = live.site.read().unwrap_or_else(|e| e.into_inner());
        let plan = edit::publish::dry_run(&root, &out, &site);
        edit::publish::page(lang, &plan, false, &out, &action, &token)
    })
    .await;
    match page {
        Ok(body) => html_response(StatusCode::OK, body),
        Err(e) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            html::message("The editor failed", &e.to_string()),
        ),
    }
}

/// `POST /_edit/{lang}/publish` (its `Origin` and token checked): builds into `--out`
/// as `ccu build` does and says what changed; refused, nothing written, on errors.
async fn publish(app: App, lang: crate::lang::Lang, action: String) -> Response {
    let (root, out) = (app.root.clone(), app.out.clone());
    let token = app.token.clone();
    let done = tokio::task::spawn_blocking(move || {
        let result = edit::publish::publish(&root, &out);
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
        Err(e) => html_response(
            StatusCode::INTERNAL_SERVER_ERROR,
            html::message("The editor failed", &e.to_string()),
        ),
    }
}
