//! The websocket open pages listen on ([`LIVE_PATH`]): one `reload` message
//! per rebuild.
//!
//! A connection lives exactly as long as its page: the socket is read as
//! well as written, so a page that closes it (or whose connection drops) is
//! let go at once, not at the next rebuild that fails to reach it. Every
//! page load opens a socket, and sockets held past their page ran the
//! preview out of file descriptors after about a thousand loads.
//!
//! The same rules as for every request apply: the Host must be the
//! preview's own, and so must the `Origin` a browser sends, so no other site
//! open in the editor's browser can listen in. At most [`MAX_CONNECTIONS`]
//! are open at once; one more is accepted and closed with code
//! [`REFUSED`], on which the page stops trying and simply works without
//! live reload.

use std::sync::Arc;

use axum::extract::ws::{CloseFrame, Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use tokio::sync::broadcast::error::RecvError;
use tokio::sync::{OwnedSemaphorePermit, broadcast};

use super::{Shared, allowed_host};

/// Where open pages listen for rebuilds.
pub const LIVE_PATH: &str = "/__faro/live";

/// Live-reload connections open at once, well below the 1,024 file
/// descriptors many systems give a process.
pub const MAX_CONNECTIONS: usize = 256;

/// The close code (RFC 6455 "Try Again Later") of a connection over
/// [`MAX_CONNECTIONS`]; the reload script does not reconnect after it.
pub const REFUSED: u16 = 1013;

/// `GET /__faro/live`: the websocket upgrade, once Host and Origin are the
/// preview's own.
pub async fn live(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade, request: Request) -> Response {
    let Some(host) = allowed_host(&shared, &request) else {
        return (StatusCode::FORBIDDEN, "faro serve answers only to its own address\n").into_response();
    };
    if !same_origin(request.headers().get(header::ORIGIN), &host) {
        return (StatusCode::FORBIDDEN, "faro serve reloads only its own pages\n").into_response();
    }
    match Arc::clone(&shared.live_slots).try_acquire_owned() {
        Ok(slot) => {
            let rebuilt = shared.reload.subscribe();
            ws.on_upgrade(move |socket| listen(socket, rebuilt, slot))
        }
        Err(_) => ws.on_upgrade(refuse),
    }
}

/// True when a request's `Origin` is the preview itself (`http://` and the
/// Host it names), or absent, as from clients other than browsers.
fn same_origin(origin: Option<&HeaderValue>, host: &str) -> bool {
    let Some(origin) = origin else { return true };
    let Ok(origin) = origin.to_str() else { return false };
    origin.strip_prefix("http://").is_some_and(|rest| rest.eq_ignore_ascii_case(host))
}

/// Tells the page of every rebuild until it goes away. `_slot` is given back
/// when this returns.
async fn listen(mut socket: WebSocket, mut rebuilt: broadcast::Receiver<()>, _slot: OwnedSemaphorePermit) {
    loop {
        tokio::select! {
            event = rebuilt.recv() => match event {
                // A page that missed rebuilds reloads once for all of them.
                Ok(()) | Err(RecvError::Lagged(_)) => {
                    if socket.send(Message::Text("reload".into())).await.is_err() {
                        return;
                    }
                }
                Err(RecvError::Closed) => return,
            },
            // Reading answers pings and a closing page's close frame; it
            // ends when the connection does.
            incoming = socket.recv() => match incoming {
                Some(Ok(_)) => {}
                Some(Err(_)) | None => return,
            },
        }
    }
}

/// A connection over the cap: closed at once, with the reason.
async fn refuse(mut socket: WebSocket) {
    let frame = CloseFrame { code: REFUSED, reason: "too many open pages: live reload is off for this one".into() };
    let _ = socket.send(Message::Close(Some(frame))).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_previews_own_origin_may_listen() {
        let host = "127.0.0.1:1111";
        let origin = |o: &str| HeaderValue::from_str(o).unwrap();
        assert!(same_origin(None, host), "clients other than browsers send none");
        assert!(same_origin(Some(&origin("http://127.0.0.1:1111")), host));
        assert!(same_origin(Some(&origin("http://LOCALHOST:1111")), "localhost:1111"));
        for other in [
            "http://attacker.example",
            "http://127.0.0.1:1112",
            "http://127.0.0.1",
            "https://127.0.0.1:1111",
            "http://127.0.0.1:1111.attacker.example",
            "null",
            "",
        ] {
            assert!(!same_origin(Some(&origin(other)), host), "{other}");
        }
        assert!(!same_origin(Some(&HeaderValue::from_bytes(b"http://\xff").unwrap()), host));
    }
}
