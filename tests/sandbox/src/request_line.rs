//! The request-line limit of HubSpot's front proxy: a request whose request line
//! (`METHOD SP request-target SP HTTP-version`, without the CRLF) is longer than
//! `SandboxConfig::max_request_line` bytes (8192 by default) is refused before it
//! reaches the API, with `414 URI Too Long` and a short HTML page — not HubSpot's JSON
//! error body, because the API never sees the request — the way a front proxy answers.

use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

/// The length in bytes of the request line `parts` arrived with (HTTP/2 requests are
/// measured as their HTTP/1.1 equivalent).
pub(crate) fn request_line_len(parts: &Parts) -> usize {
    let target = parts
        .uri
        .path_and_query()
        .map_or(parts.uri.path().len(), |pq| pq.as_str().len());
    let version = format!("{:?}", parts.version);
    parts.method.as_str().len() + 1 + target + 1 + version.len()
}

/// The front proxy's 414 page for a `len`-byte request line over `limit`.
pub(crate) fn too_long(len: usize, limit: usize) -> Response {
    let body = format!(
        "<html>\r\n<head><title>414 Request-URI Too Large</title></head>\r\n<body>\r\n\
         <center><h1>414 Request-URI Too Large</h1></center>\r\n\
         <center>request line of {len} bytes; at most {limit} allowed</center>\r\n\
         </body>\r\n</html>\r\n"
    );
    (
        StatusCode::URI_TOO_LONG,
        [(header::CONTENT_TYPE, "text/html")],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;

    #[test]
    fn measures_method_target_and_version() {
        let (parts, ()) = Request::get("/crm/v3/objects/contacts?limit=5")
            .body(())
            .unwrap()
            .into_parts();
        assert_eq!(
            request_line_len(&parts),
            "GET /crm/v3/objects/contacts?limit=5 HTTP/1.1".len()
        );
        assert_eq!(too_long(9000, 8192).status(), StatusCode::URI_TOO_LONG);
    }
}
