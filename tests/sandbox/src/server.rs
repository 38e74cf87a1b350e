//! The HTTP server: the router of every sandbox route, and our own accept loop. We serve
//! each TCP connection ourselves (rather than `axum::serve`) so a `Drop` fault can end
//! one connection abruptly — no response byte, socket closed — by dropping its task.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware;
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinSet;
use tower::ServiceExt;

use crate::errors::{ApiError, category};
use crate::state::AppState;
use crate::{intercept, oauth, pipelines, properties, records, schemas};

/// Lets a request handler end the TCP connection it arrived on. Inserted into every
/// request's extensions by the connection task.
#[derive(Clone, Debug, Default)]
pub(crate) struct ConnectionKill(Arc<Notify>);

impl ConnectionKill {
    /// Ask the connection task to drop the connection. `notify_one` keeps the signal
    /// even if the task is not waiting yet.
    pub fn kill(&self) {
        self.0.notify_one();
    }

    async fn killed(&self) {
        self.0.notified().await;
    }
}

/// Every sandbox route behind the intercepting middleware. New APIs (the records API)
/// add their `routes()` here.
pub(crate) fn router(app: AppState) -> Router {
    Router::new()
        .merge(schemas::routes())
        .merge(oauth::routes())
        .merge(records::routes())
        .merge(properties::routes())
        .merge(pipelines::routes())
        .fallback(no_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(
            app.clone(),
            intercept::intercept,
        ))
        .with_state(app)
}

async fn no_route(request: Request) -> Response {
    ApiError::new(
        StatusCode::NOT_FOUND,
        category::OBJECT_NOT_FOUND,
        format!(
            "No route for {} {}: the sandbox serves /crm-object-schemas/v3/schemas…, /crm/v3/objects…, /crm/v3/properties…, /crm/v3/pipelines…, /crm/v4/objects… and \
             /oauth/v1/token",
            request.method(),
            request.uri().path()
        ),
    )
    .into_response()
}

async fn method_not_allowed(request: Request) -> Response {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "VALIDATION_ERROR",
        format!(
            "Method {} is not allowed on {}",
            request.method(),
            request.uri().path()
        ),
    )
    .into_response()
}

/// Accept connections forever, one task per connection. Aborting this task drops the
/// `JoinSet`, which aborts every connection task with it.
pub(crate) async fn serve(listener: TcpListener, router: Router) {
    let mut connections = JoinSet::new();
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    connections.spawn(serve_connection(stream, router.clone()));
                }
                Err(error) => {
                    // Out of file descriptors and the like: back off instead of spinning.
                    tracing::warn!(%error, "sandbox accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
            },
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
}

/// Serve one connection (HTTP/1.1, or HTTP/2 with prior knowledge) until it ends or a
/// handler asks for it to be killed.
async fn serve_connection(stream: TcpStream, router: Router) {
    let _ = stream.set_nodelay(true);
    let kill = ConnectionKill::default();
    let tag = kill.clone();
    let service = router.map_request(move |mut request: Request<Incoming>| {
        request.extensions_mut().insert(tag.clone());
        request
    });
    let builder = auto::Builder::new(TokioExecutor::new());
    let connection =
        builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
    tokio::select! {
        biased;
        () = kill.killed() => {
            // Returning drops `connection` and with it the socket: the peer sees the
            // connection close with no response.
        }
        result = connection => {
            if let Err(error) = result {
                tracing::debug!(%error, "sandbox connection ended with an error");
            }
        }
    }
}
