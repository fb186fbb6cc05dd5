//! The write token: generated at first start, shown once, stored salted and hashed.
//!
//! `DATA/server-token` holds `v1 SALT HASH` (hex), where `HASH = SHA-256(SALT ‖ TOKEN)`.
//! The token itself is never stored by the server. API writes need
//! `Authorization: Bearer TOKEN` (scheme case-insensitive); HTML forms that write need
//! either the token in a `token` field, or a session: signing in with the token creates a
//! random session id (256 bits) kept in the `cordon_session` cookie (HttpOnly,
//! SameSite=Strict, `Secure` behind TLS). The server keeps only the SHA-256 of each live
//! session id, in memory (a restart signs everyone out), at most [`MAX_SESSIONS`], each for
//! [`SESSION_TTL`]. The cookie never holds the token, so a leaked cookie is revoked by
//! signing out and never reveals the token. Forms carry a `csrf` field derived from the
//! session id (see [`Auth::csrf_for`]).

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// File of the hashed token in the data directory.
pub const TOKEN_FILE: &str = "server-token";
/// Cookie holding the session id after sign-in.
pub const COOKIE: &str = "cordon_session";
/// The cookie earlier versions set (it held the token itself); sign-out clears it.
pub const OLD_COOKIE: &str = "cordon_token";
/// How long a session lasts (the cookie's `Max-Age` too).
pub const SESSION_TTL: Duration = Duration::from_secs(7 * 24 * 3600);
/// Live sessions kept; signing in beyond it drops the oldest.
pub const MAX_SESSIONS: usize = 1024;

/// The verifier: salt and hash of the token, and the live sessions.
#[derive(Clone)]
pub struct Auth {
    salt: [u8; 16],
    hash: [u8; 32],
    /// SHA-256 of each live session id → when it expires.
    sessions: Arc<Mutex<HashMap<[u8; 32], Instant>>>,
}

/// What [`Auth::load_or_create`] did.
pub struct TokenSetup {
    pub auth: Auth,
    /// The new token when one was generated (show it once).
    pub generated: Option<String>,
}

pub fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(D[(b >> 4) as usize] as char);
        s.push(D[(b & 15) as usize] as char);
    }
    s
}

fn unhex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let s = s.as_bytes();
    if s.len() != N * 2 {
        return None;
    }
    let v = |c: u8| (c as char).to_digit(16).map(|d| d as u8);
    let mut out = [0u8; N];
    for (i, o) in out.iter_mut().enumerate() {
        *o = (v(s[2 * i])? << 4) | v(s[2 * i + 1])?;
    }
    Some(out)
}

fn digest(salt: &[u8], token: &str) -> [u8; 32] {
    let mut h = Sha256::new();
    h.update(salt);
    h.update(token.as_bytes());
    h.finalize().into()
}

fn ct_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn io(path: &Path, e: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source: e,
    }
}

impl Auth {
    /// A verifier for `token` with a fresh salt.
    pub fn new(token: &str) -> Auth {
        let salt: [u8; 16] = rand::random();
        Auth {
            salt,
            hash: digest(&salt, token),
            sessions: Arc::default(),
        }
    }

    /// A new random token (64 hex digits).
    pub fn generate_token() -> String {
        let bytes: [u8; 32] = rand::random();
        hex(&bytes)
    }

    /// Reads `DATA/server-token`, or generates a token and stores its hash. With
    /// `token_file`, a token already written there that still verifies is kept; otherwise a
    /// new token is generated (replacing the old one) and written to `token_file` (mode 0600).
    pub fn load_or_create(data: &Path, token_file: Option<&Path>) -> Result<TokenSetup> {
        let path = data.join(TOKEN_FILE);
        let existing = match std::fs::read_to_string(&path) {
            Ok(s) => Some(Self::parse(&s).ok_or_else(|| {
                Error::Internal(format!("{}: not a cordon token file", path.display()))
            })?),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(io(&path, e)),
        };
        if let Some(auth) = existing {
            match token_file {
                None => {
                    return Ok(TokenSetup {
                        auth,
                        generated: None,
                    });
                }
                Some(f) => {
                    if let Ok(t) = std::fs::read_to_string(f)
                        && auth.verify(t.trim())
                    {
                        return Ok(TokenSetup {
                            auth,
                            generated: None,
                        });
                    }
                }
            }
        }
        let token = Self::generate_token();
        let auth = Auth::new(&token);
        std::fs::create_dir_all(data).map_err(|e| io(data, e))?;
        write_private(
            &path,
            &format!("v1 {} {}\n", hex(&auth.salt), hex(&auth.hash)),
        )?;
        if let Some(f) = token_file {
            write_private(f, &format!("{token}\n"))?;
        }
        Ok(TokenSetup {
            auth,
            generated: Some(token),
        })
    }

    fn parse(s: &str) -> Option<Auth> {
        let mut it = s.split_whitespace();
        if it.next()? != "v1" {
            return None;
        }
        Some(Auth {
            salt: unhex(it.next()?)?,
            hash: unhex(it.next()?)?,
            sessions: Arc::default(),
        })
    }

    /// Whether `token` is the write token (constant-time comparison of hashes).
    pub fn verify(&self, token: &str) -> bool {
        !token.is_empty() && token.len() <= 256 && ct_eq(&digest(&self.salt, token), &self.hash)
    }

    /// Starts a session (after the token was verified): a new random id for the cookie.
    pub fn start_session(&self) -> String {
        let id: [u8; 32] = rand::random();
        let id = hex(&id);
        let now = Instant::now();
        let mut map = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        map.retain(|_, exp| *exp > now);
        while map.len() >= MAX_SESSIONS {
            let Some(oldest) = map.iter().min_by_key(|(_, e)| **e).map(|(k, _)| *k) else {
                break;
            };
            map.remove(&oldest);
        }
        map.insert(session_key(&id), now + SESSION_TTL);
        id
    }

    /// Whether `id` is a live session.
    pub fn session_valid(&self, id: &str) -> bool {
        if id.len() != 64 {
            return false;
        }
        let map = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        map.get(&session_key(id))
            .is_some_and(|exp| *exp > Instant::now())
    }

    /// Ends a session (sign-out).
    pub fn end_session(&self, id: &str) {
        let mut map = self.sessions.lock().unwrap_or_else(|p| p.into_inner());
        map.remove(&session_key(id));
    }

    /// The CSRF value forms must carry when they rely on the session cookie: derived from
    /// the session id and the server's salt, so a cross-site page can neither read nor
    /// forge it.
    pub fn csrf_for(&self, session: &str) -> String {
        let mut h = Sha256::new();
        h.update(b"cordon-csrf\0");
        h.update(self.salt);
        h.update(session.as_bytes());
        hex(&h.finalize())
    }

    /// Checks a form that writes: `token` field, or a live session cookie + matching
    /// `csrf` field.
    pub fn check_form(
        &self,
        cookie: Option<&str>,
        token_field: Option<&str>,
        csrf_field: Option<&str>,
    ) -> Result<()> {
        if let Some(t) = token_field.map(str::trim).filter(|t| !t.is_empty()) {
            return if self.verify(t) {
                Ok(())
            } else {
                Err(Error::Unauthorized("wrong token".into()))
            };
        }
        match (cookie, csrf_field) {
            (Some(c), Some(f))
                if self.session_valid(c) && ct_eq(self.csrf_for(c).as_bytes(), f.as_bytes()) =>
            {
                Ok(())
            }
            (Some(c), _) if self.session_valid(c) => {
                Err(Error::Unauthorized("missing or wrong CSRF field".into()))
            }
            _ => Err(Error::Unauthorized(
                "this form needs the write token (sign in, or paste it in the form)".into(),
            )),
        }
    }
}

fn session_key(id: &str) -> [u8; 32] {
    Sha256::digest(id.as_bytes()).into()
}

/// The token of an `Authorization` header value: scheme `Bearer` in any letter case
/// (RFC 9110 §11.1: schemes are case-insensitive), then the token.
pub fn bearer(value: &str) -> Option<&str> {
    let (scheme, rest) = value.trim().split_once(char::is_whitespace)?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| rest.trim())
        .filter(|t| !t.is_empty())
}

fn write_private(path: &Path, text: &str) -> Result<()> {
    use std::io::Write;
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let mut f = opts.open(path).map_err(|e| io(path, e))?;
    f.write_all(text.as_bytes()).map_err(|e| io(path, e))
}

/// The value of cookie `name` in a `Cookie` header.
pub fn cookie<'a>(header: Option<&'a str>, name: &str) -> Option<&'a str> {
    header?
        .split(';')
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_only_the_token() {
        let a = Auth::new("secret");
        assert!(a.verify("secret"));
        assert!(!a.verify("Secret"));
        assert!(!a.verify(""));
        // The token itself is not a session.
        let c = a.csrf_for("secret");
        assert!(a.check_form(Some("secret"), None, Some(&c)).is_err());
        let sid = a.start_session();
        assert_ne!(sid, "secret");
        let c = a.csrf_for(&sid);
        assert!(a.check_form(Some(&sid), None, Some(&c)).is_ok());
        assert!(a.check_form(Some(&sid), None, Some("x")).is_err());
        assert!(a.check_form(None, Some("secret"), None).is_ok());
        assert!(a.check_form(None, None, None).is_err());
        a.end_session(&sid);
        assert!(a.check_form(Some(&sid), None, Some(&c)).is_err());
    }

    #[test]
    fn bearer_scheme_any_case() {
        for v in ["Bearer abc", "bearer abc", "BEARER abc", "BeArEr   abc "] {
            assert_eq!(bearer(v), Some("abc"), "{v}");
        }
        for v in ["Basic abc", "Bearer", "Bearerabc", "", "Bearer   "] {
            assert_eq!(bearer(v), None, "{v}");
        }
    }

    #[test]
    fn sessions_are_bounded() {
        let a = Auth::new("t");
        let first = a.start_session();
        for _ in 0..MAX_SESSIONS {
            a.start_session();
        }
        assert!(!a.session_valid(&first));
        assert!(a.sessions.lock().unwrap().len() <= MAX_SESSIONS);
    }

    #[test]
    fn stored_hashed_and_reloaded() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("tok");
        let s = Auth::load_or_create(d.path(), Some(&f)).unwrap();
        let t = s.generated.unwrap();
        let stored = std::fs::read_to_string(d.path().join(TOKEN_FILE)).unwrap();
        assert!(!stored.contains(&t));
        let again = Auth::load_or_create(d.path(), Some(&f)).unwrap();
        assert!(again.generated.is_none());
        assert!(again.auth.verify(&t));
        let plain = Auth::load_or_create(d.path(), None).unwrap();
        assert!(plain.auth.verify(&t));
    }
}
