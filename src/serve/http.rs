//! The HTTP side of `ccu serve`: axum on tokio, with limits that keep one client
//! from stopping or freezing the server for the others.
//!
//! - a request body over [`Limits::max_body`] is refused (413) from its
//!   `Content-Length`, before anything is read or allocated;
//! - request headers over [`Limits::max_header_bytes`] are refused (431);
//! - headers must arrive within [`Limits::header_timeout`], and a handler
//!   (reading its body included) must finish within [`Limits::request_timeout`];
//! - a response the client does not read for [`Limits::write_timeout`] closes
//!   the connection (a pipelining client that never reads);
//! - at most [`Limits::max_connections`] connections at once; more get 503;
//! - at most [`Limits::max_streams`] live-reload streams, apart from that: a new
//!   one ends the oldest (a browser's `EventSource` reconnects by itself), and each
//!   ends after [`Limits::stream_lifetime`], so streams never hold every connection;
//! - 405 for methods a route does not serve, a `Host` check against DNS
//!   rebinding, and the security headers on every response.
//!
//! Each connection is its own task, so a slow client only ever holds its own.

use super::edit;
use super::live::{Live, RELOAD_JS};
use axum::Router;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use std::future::Future;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt, ReadBuf};

/// Bounds on what one client may ask of the server.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_connections: usize,
    pub max_body: usize,
    pub max_header_bytes: usize,
    pub header_timeout: Duration,
    pub request_timeout: Duration,
    pub write_timeout: Duration,
    pub max_streams: usize,
    pub stream_lifetime: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // A browser opens about six connections per tab, and one for the reload stream.
            max_connections: 64,
            // Editor forms post text; 1 MiB is a long guide.
            max_body: 1 << 20,
            max_header_bytes: 16 << 10,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(10),
            write_timeout: Duration::from_secs(10),
            // One per open tab: a dozen tabs of the preview, a quarter of the connections.
            max_streams: 16,
            stream_lifetime: Duration::from_secs(300),
        }
    }
}

/// The headers every response carries: the page's own Content-Security-Policy
/// (also sent by `docs/nginx.conf`), and no framing, no sniffing, no full referrer.
pub const SECURITY_HEADERS: [(&str, &str); 3] = [
    (
        "Content-Security-Policy",
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    ),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
];

#[derive(Clone)]
pub(super) struct App {
    pub live: Arc<Live>,
    /// The `--bind` address, also accepted as a Host name.
    pub bind: Arc<str>,
    /// The site root the editor writes in.
    pub root: Arc<std::path::Path>,
    /// The token the editor's forms carry (random for each start of the server).
    pub token: Arc<str>,
    /// The open live-reload streams.
    pub streams: Arc<Streams>,
    /// How long a handler may take before the client gets 408.
    pub request_timeout: Duration,
    /// Where the editor's Publish builds the site (`--out`).
    pub out: Arc<std::path::Path>,
}

/// The open live-reload streams, oldest first, each with what ends it.
pub(super) struct Streams {
    open: std::sync::Mutex<std::collections::VecDeque<(u64, tokio::sync::oneshot::Sender<()>)>>,
    next: std::sync::atomic::AtomicU64,
    max: usize,
    lifetime: Duration,
}

impl Streams {
    fn new(limits: &Limits) -> Self {
        Streams {
            open: Default::default(),
            next: Default::default(),
            max: limits.max_streams.max(1),
            lifetime: limits.stream_lifetime,
        }
    }

    /// A new stream's place, ending the oldest when all are taken; the receiver
    /// wakes when this one is ended so.
    fn open(self: &Arc<Self>) -> (StreamSlot, tokio::sync::oneshot::Receiver<()>) {
        let id = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (tx, rx) = tokio::sync::oneshot::channel();
        let mut open = self.open.lock().unwrap_or_else(|e| e.into_inner());
        while open.len() >= self.max {
            if let Some((_, oldest)) = open.pop_front() {
                let _ = oldest.send(());
            }
        }
        open.push_back((id, tx));
        let slot = StreamSlot {
            id,
            streams: self.clone(),
        };
        (slot, rx)
    }
}

/// A stream's place among the open ones, given up when the stream ends.
pub(super) struct StreamSlot {
    id: u64,
    streams: Arc<Streams>,
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self.streams.open.lock().unwrap_or_else(|e| e.into_inner());
        open.retain(|(id, _)| *id != self.id);
    }
}

/// When a request came in, before its time limit started: a save must be done (or
/// given up) before the limit answers 408, so that nothing is written after a 408.
#[derive(Clone, Copy, Debug)]
pub(super) struct Arrived(pub std::time::Instant);

/// The routes: GET (and HEAD) everywhere; POST only on the editor's forms
/// (`/_edit/…`), under the same body limit, timeouts, Host check and headers.
fn router(app: App, limits: Limits) -> Router {
    Router::new()
        .route("/__ccu/edit.css", get(edit::css))
        .route("/__ccu/edit.js", get(edit::js))
        .route("/__ccu/preview.css", get(edit::preview_css))
        .route("/_edit", get(edit::root).post(edit::root))
        .route("/_edit/", get(edit::root).post(edit::root))
        .route("/_edit/{*page}", get(edit::get_page).post(edit::save))
        .route("/__ccu/events", get(events))
        .route("/__ccu/reload.js", get(reload_js))
        .route("/__ccu/status", get(status))
        .route("/", get(page))
        .route("/{*path}", get(page))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            limits.max_body,
        ))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        .layer(middleware::from_fn_with_state(app.clone(), guard))
        .with_state(app)
}

/// Refuses a Host this server is not (DNS rebinding: a web page on another name
/// that resolves to 127.0.0.1 must not read the preview), then adds the headers.
async fn guard(State(app): State<App>, mut req: Request, next: Next) -> Response {
    req.extensions_mut()
        .insert(Arrived(std::time::Instant::now()));
    let allowed = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .is_some_and(|host| host_allowed(host, &app.bind));
    let mut res = if allowed {
        next.run(req).await
    } else {
        (
            StatusCode::FORBIDDEN,
            "ccu serve answers only requests addressed to localhost, an IP address, or the --bind address\n",
        )
            .into_response()
    };
    let headers = res.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

/// `localhost` (and `*.localhost`), any IP address, or the name given to `--bind`,
/// with or without a port. A rebinding attack needs a DNS name, never an address.
pub fn host_allowed(host: &str, bind: &str) -> bool {
    let name = match host.strip_prefix('[') {
        Some(v6) => {
            return v6
                .split(']')
                .next()
                .is_some_and(|a| a.parse::<IpAddr>().is_ok());
        }
        None => host.rsplit_once(':').map_or(host, |(n, _)| n),
    };
    let name = name.to_ascii_lowercase();
    !name.is_empty()
        && (name == "localhost"
            || name.ends_with(".localhost")
            || name.parse::<IpAddr>().is_ok()
            || name == bind.to_ascii_lowercase())
}

/// Whether `--bind` lets other machines reach the server.
pub fn leaves_loopback(bind: &str) -> bool {
    match bind.trim_matches(['[', ']']).parse::<IpAddr>() {
        Ok(ip) => !ip.is_loopback(),
        Err(_) => !bind.eq_ignore_ascii_case("localhost"),
    }
}

async fn reload_js() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        RELOAD_JS,
    )
}

async fn status(State(app): State<App>) -> impl IntoResponse {
    let body = serde_json::to_vec(&app.live.status()).unwrap_or_default();
    ([(header::CONTENT_TYPE, "application/json")], body)
}

/// The reload stream: one server-sent event per rebuild, its id the build's
/// generation. A stream ends when a newer one takes its place or after its lifetime
/// (see [`Streams`]), closing its connection; the browser reconnects with the last
/// id it saw, and hears at once of a rebuild it missed meanwhile.
async fn events(State(app): State<App>, headers: axum::http::HeaderMap) -> Response {
    use futures_util::future::{Either, select};
    let mut rx = app.live.subscribe();
    let now = *rx.borrow_and_update();
    let seen = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let missed = seen.is_some_and(|g| g < now);
    let (slot, stop) = app.streams.open();
    let lifetime = app.streams.lifetime;
    let end: Pin<Box<dyn Future<Output = ()> + Send>> = Box::pin(async move {
        let _ = select(stop, Box::pin(tokio::time::sleep(lifetime))).await;
    });
    let state = (rx, app.live, end, slot, missed);
    let stream =
        futures_util::stream::unfold(state, |(mut rx, live, mut end, slot, missed)| async move {
            if !missed {
                match select(Box::pin(rx.changed()), &mut end).await {
                    Either::Left((changed, _)) => changed.ok()?,
                    Either::Right(_) => return None,
                }
            }
            let generation = *rx.borrow_and_update();
            let data = serde_json::to_string(&live.status()).unwrap_or_default();
            let event = Event::default().id(generation.to_string()).data(data);
            Some((
                Ok::<_, std::convert::Infallible>(event),
                (rx, live, end, slot, false),
            ))
        });
    let sse = Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)));
    // The connection closes with its stream, so an ended stream frees its connection.
    ([(header::CONNECTION, "close")], sse).into_response()
}

async fn page(State(app): State<App>, uri: axum::http::Uri) -> Response {
    let url = uri.path_and_query().map_or("/", |p| p.as_str());
    let (status, ctype, body) = super::page_response(&app.live, &app.root, url);
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (status, [(header::CONTENT_TYPE, ctype)], body).into_response()
}

/// Where the server is and what it serves.
pub struct Serving<'a> {
    pub live: Arc<Live>,
    pub bind: &'a str,
    pub root: &'a std::path::Path,
    pub token: String,
    pub out: &'a std::path::Path,
}

/// Serves the site on `listener` until the process ends.
pub async fn serve(listener: tokio::net::TcpListener, s: Serving<'_>, limits: Limits) {
    let app = App {
        live: s.live,
        bind: Arc::from(s.bind),
        root: Arc::from(s.root),
        token: Arc::from(s.token),
        streams: Arc::new(Streams::new(&limits)),
        request_timeout: limits.request_timeout,
        out: Arc::from(s.out),
    };
    let service = router(app, limits);
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections));
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            // Out of file descriptors, say: wait instead of spinning.
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        match slots.clone().try_acquire_owned() {
            Ok(slot) => {
                let service = service.clone();
                tokio::spawn(async move {
                    connection(stream, service, limits).await;
                    drop(slot);
                });
            }
            Err(_) => {
                tokio::spawn(busy(stream, limits));
            }
        }
    }
}

/// One connection, HTTP/1.1 with keep-alive, within the limits.
async fn connection(stream: tokio::net::TcpStream, service: Router, limits: Limits) {
    let io = hyper_util::rt::TokioIo::new(WriteTimeout::new(stream, limits.write_timeout));
    let service = hyper_util::service::TowerToHyperService::new(service);
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .max_buf_size(limits.max_header_bytes.max(8192))
        .serve_connection(io, service)
        .await;
}

/// Over the connection cap: say so and close.
async fn busy(mut stream: tokio::net::TcpStream, limits: Limits) {
    let body = "ccu serve has too many open connections; try again in a moment\n";
    let reply = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = tokio::time::timeout(limits.write_timeout, stream.write_all(reply.as_bytes())).await;
}

/// A stream whose writes fail once they have waited `timeout` for the client to
/// read: a client that never reads cannot hold its connection forever.
struct WriteTimeout {
    inner: tokio::net::TcpStream,
    timeout: Duration,
    waiting: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl WriteTimeout {
    fn new(inner: tokio::net::TcpStream, timeout: Duration) -> Self {
        WriteTimeout {
            inner,
            timeout,
            waiting: None,
        }
    }

    /// Passes `result` on, or an error once the write has been pending too long.
    fn bound<T>(
        &mut self,
        cx: &mut Context<'_>,
        result: Poll<std::io::Result<T>>,
    ) -> Poll<std::io::Result<T>> {
        if result.is_ready() {
            self.waiting = None;
            return result;
        }
        let timeout = self.timeout;
        let waiting = self
            .waiting
            .get_or_insert_with(|| Box::pin(tokio::time::sleep(timeout)));
        match waiting.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(std::io::ErrorKind::TimedOut.into())),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl AsyncRead for WriteTimeout {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for WriteTimeout {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        self.bound(cx, result)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        let result = Pin::new(&mut self.inner).poll_flush(cx);
        self.bound(cx, result)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_names_addresses_and_the_bind_address_are_hosts() {
        for ok in [
            "localhost",
            "localhost:8000",
            "LOCALHOST:1",
            "app.localhost:8000",
            "127.0.0.1:8000",
            "[::1]:8000",
            "192.168.1.5:8000",
            "preview.lan:8000",
        ] {
            assert!(host_allowed(ok, "preview.lan"), "{ok}");
        }
        for bad in [
            "evil.example",
            "evil.example:8000",
            "localhost.evil.example",
            "",
            ":8000",
            "[nope]",
        ] {
            assert!(!host_allowed(bad, "127.0.0.1"), "{bad}");
        }
    }

    #[test]
    fn binding_beyond_loopback_is_noticed() {
        for quiet in ["127.0.0.1", "127.0.0.2", "::1", "[::1]", "localhost"] {
            assert!(!leaves_loopback(quiet), "{quiet}");
        }
        for loud in ["0.0.0.0", "::", "192.168.1.5", "myhost.lan"] {
            assert!(leaves_loopback(loud), "{loud}");
        }
    }
}
