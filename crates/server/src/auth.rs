//! The write token: generated at first start, shown once, stored salted and hashed.
//!
//! `DATA/server-token` holds `v1 SALT HASH` (hex), where `HASH = SHA-256(SALT ‖ TOKEN)`.
//! The token itself is never stored by the server. API writes need
//! `Authorization: Bearer TOKEN`; HTML forms that write need either the token in a `token`
//! field, or the `cordon_token` cookie (HttpOnly, SameSite=Strict, set by the sign-in page)
//! together with a `csrf` field derived from that cookie (see [`Auth::csrf_for`]).

use std::path::Path;

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};

/// File of the hashed token in the data directory.
pub const TOKEN_FILE: &str = "server-token";
/// Cookie holding the token after sign-in.
pub const COOKIE: &str = "cordon_token";

/// The verifier: salt and hash of the token.
#[derive(Clone)]
pub struct Auth {
    salt: [u8; 16],
    hash: [u8; 32],
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
        })
    }

    /// Whether `token` is the write token (constant-time comparison of hashes).
    pub fn verify(&self, token: &str) -> bool {
        !token.is_empty() && token.len() <= 256 && ct_eq(&digest(&self.salt, token), &self.hash)
    }

    /// The CSRF value forms must carry when they rely on the sign-in cookie: derived from
    /// the cookie's token, so a cross-site page can neither read nor forge it.
    pub fn csrf_for(&self, token: &str) -> String {
        let mut h = Sha256::new();
        h.update(b"cordon-csrf\0");
        h.update(self.salt);
        h.update(token.as_bytes());
        hex(&h.finalize())
    }

    /// Checks a form that writes: `token` field, or valid cookie + matching `csrf` field.
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
                if self.verify(c) && ct_eq(self.csrf_for(c).as_bytes(), f.as_bytes()) =>
            {
                Ok(())
            }
            (Some(c), _) if self.verify(c) => {
                Err(Error::Unauthorized("missing or wrong CSRF field".into()))
            }
            _ => Err(Error::Unauthorized(
                "this form needs the write token (sign in, or paste it in the form)".into(),
            )),
        }
    }
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
        let c = a.csrf_for("secret");
        assert!(a.check_form(Some("secret"), None, Some(&c)).is_ok());
        assert!(a.check_form(Some("secret"), None, Some("x")).is_err());
        assert!(a.check_form(None, Some("secret"), None).is_ok());
        assert!(a.check_form(None, None, None).is_err());
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
