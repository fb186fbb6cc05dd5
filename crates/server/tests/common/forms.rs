//! Browser form posts (the upload form of `/ingest`, sign-in), shared by the test binaries
//! that send them (http, g_s6_ingest_page); the others include `common` without them.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{Request, header};

/// A `multipart/form-data` body with `fields` in order: the content type (with its
/// boundary) and the body. A field named `file` is an uploaded file (`evil.txt`,
/// `text/plain`); the others are plain form fields.
pub fn multipart(fields: &[(&str, &str)]) -> (String, String) {
    let boundary = "XcordonBoundary7";
    let mut body = String::new();
    for (k, v) in fields {
        if *k == "file" {
            body.push_str(&format!("--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"evil.txt\"\r\nContent-Type: text/plain\r\n\r\n{v}\r\n"));
        } else {
            body.push_str(&format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
            ));
        }
    }
    body.push_str(&format!("--{boundary}--\r\n"));
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// A form POST to `uri` with its content type, and a session cookie when given.
pub fn form_post(
    uri: &str,
    content_type: &str,
    cookie: Option<&str>,
    body: String,
) -> Request<Body> {
    let mut r = Request::post(uri).header(header::CONTENT_TYPE, content_type);
    if let Some(c) = cookie {
        r = r.header(header::COOKIE, c);
    }
    r.body(Body::from(body)).unwrap()
}
