//! A minimum upload rate for request bodies (slow-body "slowloris").
//!
//! The header-read timeout closes connections that never finish their request head; a client
//! that sends a complete head and then its body a byte at a time would otherwise hold its
//! connection for the whole request time. With a `Content-Length`, the body must arrive
//! within a grace period plus its length at the minimum rate
//! ([`crate::Config::body_grace`], [`crate::Config::body_min_rate`]); past that, reading it
//! fails, the handler answers 400 with the JSON error, and the connection closes.
//! Hand-written because tower-http's `RequestBodyTimeout` bounds the time between frames
//! only, which a byte every few seconds satisfies.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use http_body::{Frame, SizeHint};

use crate::state::App;

/// Why a body read failed: it came too slowly.
#[derive(Debug, thiserror::Error)]
#[error(
    "the request body arrived too slowly: {length} bytes were due within {secs:.1} s (at least {rate} bytes/s after {grace:.1} s)"
)]
pub struct TooSlow {
    length: u64,
    secs: f64,
    rate: u64,
    grace: f64,
}

struct Deadline {
    inner: Body,
    sleep: Pin<Box<tokio::time::Sleep>>,
    why: Option<TooSlow>,
}

impl http_body::Body for Deadline {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = self.get_mut();
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(x) => Poll::Ready(x.map(|r| r.map_err(Into::into))),
            Poll::Pending => {
                if this.sleep.as_mut().poll(cx).is_ready() {
                    let why = this.why.take().map_or_else(
                        || axum::BoxError::from("request body too slow"),
                        |w| Box::new(w) as axum::BoxError,
                    );
                    Poll::Ready(Some(Err(why)))
                } else {
                    Poll::Pending
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// Middleware: wraps a body with a `Content-Length` in the rate deadline.
pub async fn min_rate(State(app): State<App>, req: Request, next: Next) -> Response {
    let length = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok())
        .filter(|&n| n > 0);
    let Some(length) = length else {
        return next.run(req).await;
    };
    let (grace, rate) = app.body_rate();
    let secs = grace.as_secs_f64() + length as f64 / rate.max(1) as f64;
    let due = Duration::from_secs_f64(secs.min(3600.0));
    let req = req.map(|inner| {
        Body::new(Deadline {
            inner,
            sleep: Box::pin(tokio::time::sleep(due)),
            why: Some(TooSlow {
                length,
                secs,
                rate,
                grace: grace.as_secs_f64(),
            }),
        })
    });
    next.run(req).await
}
