//! The `needs` expression of a service: `all(ehr-db, lab, any(pacs, film))`,
//! `atleast(2, a, b, c)`, or a single name. Names are components, other
//! services, or selectors (`any(kind:workstation)`).

use std::fmt;

/// A parsed `needs` expression, names not yet resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum NeedsExpr {
    /// A component, a service or a selector.
    Ref {
        /// The name as written.
        name: String,
        /// Byte offset in the expression text, for error columns.
        offset: usize,
    },
    /// Every operand needed.
    All(Vec<NeedsExpr>),
    /// One operand is enough.
    Any(Vec<NeedsExpr>),
    /// At least `k` operands needed.
    AtLeast(usize, Vec<NeedsExpr>),
}

/// A syntax error in a `needs` expression.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct NeedsError {
    /// What is wrong.
    pub message: String,
    /// Byte offset of the problem in the expression.
    pub offset: usize,
}

impl NeedsExpr {
    /// Parses an expression.
    pub fn parse(text: &str) -> Result<NeedsExpr, NeedsError> {
        let mut p = Parser { text, pos: 0 };
        let expr = p.expr()?;
        p.skip_ws();
        if p.pos < text.len() {
            return Err(p.error(format!(
                "unexpected `{}` after the expression",
                p.rest_token()
            )));
        }
        Ok(expr)
    }

    /// Every name referenced, with its offset.
    pub fn refs(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::new();
        self.collect_refs(&mut out);
        out
    }

    fn collect_refs<'a>(&'a self, out: &mut Vec<(&'a str, usize)>) {
        match self {
            NeedsExpr::Ref { name, offset } => out.push((name, *offset)),
            NeedsExpr::All(v) | NeedsExpr::Any(v) | NeedsExpr::AtLeast(_, v) => {
                v.iter().for_each(|e| e.collect_refs(out))
            }
        }
    }
}

impl fmt::Display for NeedsExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |f: &mut fmt::Formatter<'_>, v: &[NeedsExpr]| -> fmt::Result {
            for (i, e) in v.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                write!(f, "{e}")?;
            }
            Ok(())
        };
        match self {
            NeedsExpr::Ref { name, .. } => f.write_str(name),
            NeedsExpr::All(v) => {
                f.write_str("all(")?;
                list(f, v)?;
                f.write_str(")")
            }
            NeedsExpr::Any(v) => {
                f.write_str("any(")?;
                list(f, v)?;
                f.write_str(")")
            }
            NeedsExpr::AtLeast(k, v) => {
                write!(f, "atleast({k}, ")?;
                list(f, v)?;
                f.write_str(")")
            }
        }
    }
}

struct Parser<'a> {
    text: &'a str,
    pos: usize,
}

impl Parser<'_> {
    fn error(&self, message: String) -> NeedsError {
        NeedsError {
            message,
            offset: self.pos,
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.text[self.pos..].chars().next() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    fn rest_token(&self) -> &str {
        let rest = &self.text[self.pos..];
        let end = rest
            .find(|c: char| c.is_whitespace() || c == ',' || c == ')')
            .unwrap_or(rest.len());
        if end == 0 {
            &rest[..rest.chars().next().map_or(0, char::len_utf8)]
        } else {
            &rest[..end]
        }
    }

    fn word(&mut self) -> (String, usize) {
        self.skip_ws();
        let start = self.pos;
        while let Some(c) = self.text[self.pos..].chars().next() {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '@' | ':') {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
        (self.text[start..self.pos].to_string(), start)
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.text[self.pos..].starts_with(c) {
            self.pos += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn expr(&mut self) -> Result<NeedsExpr, NeedsError> {
        let (word, start) = self.word();
        if word.is_empty() {
            return Err(if self.pos >= self.text.len() {
                self.error(
                    "expected a name or all(…), any(…), atleast(k, …) but the expression ended"
                        .into(),
                )
            } else {
                self.error(format!(
                    "expected a name or all(…), any(…), atleast(k, …), found `{}`",
                    self.rest_token()
                ))
            });
        }
        if !self.eat('(') {
            return Ok(NeedsExpr::Ref {
                name: word,
                offset: start,
            });
        }
        match word.as_str() {
            "all" => Ok(NeedsExpr::All(self.operands(&word)?)),
            "any" => Ok(NeedsExpr::Any(self.operands(&word)?)),
            "atleast" => {
                let (k_text, k_at) = self.word();
                let k: usize = k_text.parse().map_err(|_| NeedsError {
                    message: format!(
                        "atleast needs a count first, as in atleast(2, a, b, c); found `{k_text}`"
                    ),
                    offset: k_at,
                })?;
                if !self.eat(',') {
                    return Err(self.error("expected `,` after the count of atleast".into()));
                }
                let ops = self.operands(&word)?;
                if k == 0 || k > ops.len() {
                    return Err(NeedsError {
                        message: format!(
                            "atleast({k}, …) has {} operands: the count must be between 1 and {}",
                            ops.len(),
                            ops.len()
                        ),
                        offset: k_at,
                    });
                }
                Ok(NeedsExpr::AtLeast(k, ops))
            }
            other => Err(NeedsError {
                message: format!(
                    "unknown operator `{other}(`: use all(…), any(…) or atleast(k, …){}",
                    suggest_op(other)
                ),
                offset: start,
            }),
        }
    }

    fn operands(&mut self, op: &str) -> Result<Vec<NeedsExpr>, NeedsError> {
        let mut ops = Vec::new();
        loop {
            ops.push(self.expr()?);
            if self.eat(',') {
                continue;
            }
            if self.eat(')') {
                return Ok(ops);
            }
            return Err(if self.pos >= self.text.len() {
                self.error(format!("`{op}(` is never closed: add `)`"))
            } else {
                self.error(format!(
                    "expected `,` or `)` in {op}(…), found `{}`",
                    self.rest_token()
                ))
            });
        }
    }
}

fn suggest_op(op: &str) -> String {
    ["all", "any", "atleast"]
        .iter()
        .find(|c| strsim::levenshtein(op, c) <= 2)
        .map(|c| format!(" — did you mean `{c}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_expressions() {
        let e = NeedsExpr::parse("all(ehr-db, lab-system, any(pacs, radiology-film))").unwrap();
        assert_eq!(
            e.to_string(),
            "all(ehr-db, lab-system, any(pacs, radiology-film))"
        );
        let refs: Vec<_> = e.refs().into_iter().map(|r| r.0).collect();
        assert_eq!(refs, ["ehr-db", "lab-system", "pacs", "radiology-film"]);
        assert_eq!(
            NeedsExpr::parse("atleast(2, a, b, c)").unwrap().to_string(),
            "atleast(2, a, b, c)"
        );
        assert_eq!(NeedsExpr::parse("ehr").unwrap().to_string(), "ehr");
        assert_eq!(
            NeedsExpr::parse("any(kind:workstation)").unwrap().refs()[0].0,
            "kind:workstation"
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = NeedsExpr::parse("all(a, b").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
        let e = NeedsExpr::parse("alll(a)").unwrap_err();
        assert!(e.message.contains("did you mean `all`"), "{e}");
        assert_eq!(e.offset, 0);
        let e = NeedsExpr::parse("atleast(4, a, b)").unwrap_err();
        assert!(e.message.contains("between 1 and 2"), "{e}");
        let e = NeedsExpr::parse("all(a, , b)").unwrap_err();
        assert_eq!(e.offset, 7);
        assert!(NeedsExpr::parse("a b").is_err());
        assert!(NeedsExpr::parse("").is_err());
    }
}
