//! Budgets of the model reader, so that a hostile or careless model file
//! gives a located error instead of exhausting memory or the stack.
//!
//! Every limit has a default generous enough for real estates (the generated
//! 2,000,000-component estate loads within them) and an environment variable
//! that raises it; the error for an exceeded limit names both. They are read
//! from the environment rather than from the model, so a model file (uploaded
//! to the server, say) cannot raise its own limits. docs/limits.md lists them.

/// Budgets for reading model files. [`Limits::default`] holds the defaults;
/// [`Limits::from_env`] applies the `CORDON_MODEL_*` environment variables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Deepest nesting of YAML lists and mappings (the model needs 5; free
    /// `properties` may nest further). `CORDON_MODEL_MAX_DEPTH`.
    pub max_depth: usize,
    /// YAML nodes (scalars, lists, mappings) that aliases (`*name`) may copy
    /// in one file, in total — the "billion laughs" budget.
    /// `CORDON_MODEL_MAX_ALIAS_NODES`.
    pub max_alias_nodes: usize,
    /// Bytes in one scalar (an id, a description…).
    /// `CORDON_MODEL_MAX_SCALAR_BYTES`.
    pub max_scalar_bytes: usize,
    /// YAML nodes in one record (one zone, component, interaction or
    /// service, aliases expanded). `CORDON_MODEL_MAX_RECORD_NODES`.
    pub max_record_nodes: usize,
    /// Bytes in one model file. `CORDON_MODEL_MAX_FILE_BYTES`.
    pub max_file_bytes: u64,
    /// Whether `include:` may name files outside the model's directory (the
    /// directory loaded, or the directory of the file loaded); symbolic
    /// links are resolved before the check. `CORDON_MODEL_INCLUDE_ANYWHERE=1`.
    pub include_anywhere: bool,
    /// Interactions that the rules may expand to, in total, counted before
    /// any is built (16 bytes each): `from: all, to: all` over 200,000
    /// components would be 4 × 10^10. `CORDON_MODEL_MAX_INTERACTIONS`.
    pub max_interactions: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_alias_nodes: 100_000,
            max_scalar_bytes: 1 << 20,
            max_record_nodes: 100_000,
            max_file_bytes: 1 << 30,
            include_anywhere: false,
            // 2.6 times the 2,000,000-component generated estate's 37.7 M.
            max_interactions: 100_000_000,
        }
    }
}

/// The environment variable behind each limit, with a description of what
/// it bounds, in the order of [`Limits`]' fields.
pub(crate) const VARS: [(&str, &str); 7] = [
    ("CORDON_MODEL_MAX_DEPTH", "nesting depth"),
    ("CORDON_MODEL_MAX_ALIAS_NODES", "nodes copied by aliases"),
    ("CORDON_MODEL_MAX_SCALAR_BYTES", "bytes per scalar"),
    ("CORDON_MODEL_MAX_RECORD_NODES", "nodes per record"),
    ("CORDON_MODEL_MAX_FILE_BYTES", "bytes per file"),
    (
        "CORDON_MODEL_INCLUDE_ANYWHERE",
        "includes outside the model directory",
    ),
    ("CORDON_MODEL_MAX_INTERACTIONS", "expanded interactions"),
];

impl Limits {
    /// The defaults, with each `CORDON_MODEL_*` variable that is set applied.
    ///
    /// # Errors
    /// A variable that is set but not a number (or, for
    /// `CORDON_MODEL_INCLUDE_ANYWHERE`, not `0`/`1`/`true`/`false`) is an
    /// error naming it, never silently ignored.
    pub fn from_env() -> Result<Limits, String> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// [`Limits::from_env`] over any lookup (tests).
    pub(crate) fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Limits, String> {
        let mut l = Limits::default();
        let num = |name: &str, into: &mut u64| -> Result<(), String> {
            if let Some(v) = get(name) {
                *into = v.trim().replace('_', "").parse::<u64>().map_err(|_| {
                    format!("{name}={v}: expected a whole number (a limit, see docs/limits.md)")
                })?;
            }
            Ok(())
        };
        let mut vals = [
            l.max_depth as u64,
            l.max_alias_nodes as u64,
            l.max_scalar_bytes as u64,
            l.max_record_nodes as u64,
            l.max_file_bytes,
        ];
        for (i, v) in vals.iter_mut().enumerate() {
            num(VARS[i].0, v)?;
        }
        let size = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        l.max_depth = size(vals[0]);
        l.max_alias_nodes = size(vals[1]);
        l.max_scalar_bytes = size(vals[2]);
        l.max_record_nodes = size(vals[3]);
        l.max_file_bytes = vals[4];
        num(VARS[6].0, &mut l.max_interactions)?;
        if let Some(v) = get(VARS[5].0) {
            l.include_anywhere = match v.trim() {
                "1" | "true" | "yes" => true,
                "0" | "false" | "no" | "" => false,
                _ => {
                    return Err(format!(
                        "{}={v}: expected 1 or 0 (see docs/limits.md)",
                        VARS[5].0
                    ));
                }
            };
        }
        Ok(l)
    }
}

/// "over the limit of N <what> (CORDON_… raises it)": the shared wording of
/// an exceeded budget. `field` indexes [`VARS`].
pub(crate) fn exceeded(field: usize, limit: u64) -> (String, Option<String>) {
    let (var, what) = VARS[field];
    (
        format!("over the limit of {limit} {what}"),
        Some(format!(
            "if the file is meant to be this large, raise the limit: {var}={} (docs/limits.md)",
            limit.saturating_mul(4)
        )),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn environment_raises_limits_and_rejects_garbage() {
        let l = Limits::from_lookup(|k| match k {
            "CORDON_MODEL_MAX_DEPTH" => Some("128".into()),
            "CORDON_MODEL_MAX_FILE_BYTES" => Some("4_000_000_000".into()),
            "CORDON_MODEL_INCLUDE_ANYWHERE" => Some("1".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(l.max_depth, 128);
        assert_eq!(l.max_file_bytes, 4_000_000_000);
        assert!(l.include_anywhere);
        assert_eq!(l.max_alias_nodes, Limits::default().max_alias_nodes);
        let l = Limits::from_lookup(|k| (k == VARS[6].0).then(|| "1_000".into())).unwrap();
        assert_eq!(l.max_interactions, 1_000);
        let e =
            Limits::from_lookup(|k| (k == "CORDON_MODEL_MAX_ALIAS_NODES").then(|| "lots".into()))
                .unwrap_err();
        assert!(e.contains("CORDON_MODEL_MAX_ALIAS_NODES"), "{e}");
        assert!(Limits::from_lookup(|k| (k == VARS[5].0).then(|| "maybe".into())).is_err());
    }
}
