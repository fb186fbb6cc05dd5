//! The attacker's access lattice and what each interaction kind means.
//!
//! This table is the heart of cordon's semantics; `docs/semantics.md` is its
//! prose twin and must stay in step with [`InteractionKind::grants`].

use serde::Serialize;
use std::fmt;

/// Access an attacker holds on a component, ordered `None < Reach < Read <
/// Write < Control`. Holding a level implies every level below it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[repr(u8)]
pub enum AccessLevel {
    /// Nothing.
    None = 0,
    /// Network reach: packets arrive at one of its services.
    Reach = 1,
    /// Its data can be read.
    Read = 2,
    /// Its data or configuration can be changed.
    Write = 3,
    /// Code execution or administrative control.
    Control = 4,
}

impl AccessLevel {
    /// Every level above `None`, lowest first.
    pub const HELD: [AccessLevel; 4] = [Self::Reach, Self::Read, Self::Write, Self::Control];

    /// Lower-case name as written in models and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Reach => "reach",
            Self::Read => "read",
            Self::Write => "write",
            Self::Control => "control",
        }
    }

    /// Parses the lower-case name.
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "none" => Self::None,
            "reach" => Self::Reach,
            "read" => Self::Read,
            "write" => Self::Write,
            "control" => Self::Control,
            _ => return None,
        })
    }

    /// Index 0..=4, handy for per-level arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// Inverse of [`AccessLevel::index`].
    pub fn from_index(i: usize) -> Self {
        match i {
            1 => Self::Reach,
            2 => Self::Read,
            3 => Self::Write,
            4 => Self::Control,
            _ => Self::None,
        }
    }
}

impl fmt::Display for AccessLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What a directed interaction `from → to` is. `from` has power over `to`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
#[repr(u8)]
pub enum InteractionKind {
    /// Administers or deploys to `to` (directory → domain-joined machines,
    /// EDR → endpoints, CI/CD → deployment targets, MDM → devices).
    Controls,
    /// Runs `to` as a guest (hypervisor → virtual machine).
    Hosts,
    /// Its identities are accepted by `to` (SSO → applications).
    Authenticates,
    /// Holds `to`'s disks or data (SAN/NAS → servers).
    Stores,
    /// Reads `to` for backup and can overwrite it on restore.
    BacksUp,
    /// Pushes data into `to` (HL7 interface → lab system).
    Writes,
    /// Reads data from `to` (data warehouse → EHR database).
    Reads,
    /// Sends data only (log shipping to the SIEM).
    Sends,
    /// Opens network connections to `to` (a firewall rule, a route).
    Connects,
    /// Resolves names for `to` (DNS).
    Resolves,
    /// Supplies something `to` cannot run without (power, a network link);
    /// gives an attacker nothing.
    Supplies,
    /// Stores credentials that log into `to`. Not written by hand: produced by
    /// a `stored-credentials` weakness on `to`.
    Credentials,
}

impl InteractionKind {
    /// Every kind, in declaration order.
    pub const ALL: [InteractionKind; 12] = [
        Self::Controls,
        Self::Hosts,
        Self::Authenticates,
        Self::Stores,
        Self::BacksUp,
        Self::Writes,
        Self::Reads,
        Self::Sends,
        Self::Connects,
        Self::Resolves,
        Self::Supplies,
        Self::Credentials,
    ];

    /// Name as written in models.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Controls => "controls",
            Self::Hosts => "hosts",
            Self::Authenticates => "authenticates",
            Self::Stores => "stores",
            Self::BacksUp => "backs-up",
            Self::Writes => "writes",
            Self::Reads => "reads",
            Self::Sends => "sends",
            Self::Connects => "connects",
            Self::Resolves => "resolves",
            Self::Supplies => "supplies",
            Self::Credentials => "credentials",
        }
    }

    /// Parses a kind as written in models.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Whether a model may declare this kind directly.
    pub fn declarable(self) -> bool {
        self != Self::Credentials
    }

    /// Access gained on `to` when the attacker holds `held` on `from`,
    /// before weaknesses of `to` are considered. Monotone in `held`.
    pub fn grants(self, held: AccessLevel) -> AccessLevel {
        use AccessLevel::*;
        match (self, held) {
            (_, None | Reach) => None,
            (Self::Controls | Self::Hosts | Self::Authenticates, Control) => Control,
            (Self::Stores, level) => level,
            (Self::BacksUp, Control) => Write,
            (Self::BacksUp, _) => Read,
            (Self::Writes, Write | Control) => Write,
            (Self::Reads, Control) => Read,
            (Self::Sends | Self::Connects | Self::Resolves, Control) => Reach,
            // Reading stored credentials is enough to use them.
            (Self::Credentials, _) => Control,
            _ => None,
        }
    }

    /// Whether `to` stops when `from` stops (used by care continuity).
    pub fn carries_availability(self) -> bool {
        matches!(
            self,
            Self::Hosts | Self::Authenticates | Self::Stores | Self::Resolves | Self::Supplies
        )
    }

    /// A verb phrase for explanations: "`from` {verb} `to`".
    pub fn verb(self) -> &'static str {
        match self {
            Self::Controls => "controls",
            Self::Hosts => "hosts",
            Self::Authenticates => "authenticates into",
            Self::Stores => "stores the data of",
            Self::BacksUp => "backs up",
            Self::Writes => "writes data into",
            Self::Reads => "reads data from",
            Self::Sends => "sends data to",
            Self::Connects => "connects to",
            Self::Resolves => "resolves names for",
            Self::Supplies => "supplies",
            Self::Credentials => "stores credentials for",
        }
    }

    /// One-line meaning for `cordon catalog` and the docs.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::Controls => "administers or deploys to the target",
            Self::Hosts => "runs the target as a guest",
            Self::Authenticates => "its identities are accepted by the target",
            Self::Stores => "holds the target's disks or data",
            Self::BacksUp => "reads the target for backup, can overwrite it on restore",
            Self::Writes => "pushes data into the target",
            Self::Reads => "reads data from the target",
            Self::Sends => "sends data only (logs, alerts)",
            Self::Connects => "opens network connections to the target",
            Self::Resolves => "resolves names for the target",
            Self::Supplies => "supplies something the target cannot run without",
            Self::Credentials => "stores credentials that log into the target",
        }
    }
}

impl fmt::Display for InteractionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A declared weakness of a component: what turns network reach into more.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WeaknessKind {
    /// A service that answers without authentication.
    UnauthenticatedService,
    /// A known exploitable vulnerability (give its `cve`).
    ExploitableVulnerability,
    /// Factory or shared default credentials.
    DefaultCredentials,
    /// Weak or reused passwords, open to spraying.
    WeakCredentials,
    /// A misconfiguration that hands out access.
    Misconfiguration,
    /// Credentials for this component are stored on other components (`stored_on:`).
    StoredCredentials,
}

impl WeaknessKind {
    /// Every kind.
    pub const ALL: [WeaknessKind; 6] = [
        Self::UnauthenticatedService,
        Self::ExploitableVulnerability,
        Self::DefaultCredentials,
        Self::WeakCredentials,
        Self::Misconfiguration,
        Self::StoredCredentials,
    ];

    /// Name as written in models.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::UnauthenticatedService => "unauthenticated-service",
            Self::ExploitableVulnerability => "exploitable-vulnerability",
            Self::DefaultCredentials => "default-credentials",
            Self::WeakCredentials => "weak-credentials",
            Self::Misconfiguration => "misconfiguration",
            Self::StoredCredentials => "stored-credentials",
        }
    }

    /// Parses the name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|k| k.as_str() == s)
    }

    /// Whether network reach is enough to use it. Stored credentials are used
    /// through the components that store them instead.
    pub fn network_exploitable(self) -> bool {
        self != Self::StoredCredentials
    }
}

impl fmt::Display for WeaknessKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_monotone_in_held_access() {
        for kind in InteractionKind::ALL {
            for w in [
                AccessLevel::None,
                AccessLevel::Reach,
                AccessLevel::Read,
                AccessLevel::Write,
                AccessLevel::Control,
            ]
            .windows(2)
            {
                assert!(
                    kind.grants(w[0]) <= kind.grants(w[1]),
                    "{kind} not monotone at {:?}",
                    w
                );
            }
        }
    }

    #[test]
    fn reach_alone_never_grants_anything() {
        for kind in InteractionKind::ALL {
            assert_eq!(kind.grants(AccessLevel::Reach), AccessLevel::None, "{kind}");
        }
    }

    #[test]
    fn the_documented_table_holds() {
        use AccessLevel::*;
        use InteractionKind as K;
        assert_eq!(K::Controls.grants(Control), Control);
        assert_eq!(K::Controls.grants(Write), None);
        assert_eq!(K::BacksUp.grants(Control), Write);
        assert_eq!(K::BacksUp.grants(Read), Read);
        assert_eq!(K::Sends.grants(Control), Reach);
        assert_eq!(K::Connects.grants(Control), Reach);
        assert_eq!(K::Reads.grants(Control), Read);
        assert_eq!(K::Writes.grants(Write), Write);
        assert_eq!(K::Stores.grants(Read), Read);
        assert_eq!(K::Supplies.grants(Control), None);
        assert_eq!(K::Credentials.grants(Read), Control);
    }

    #[test]
    fn names_round_trip() {
        for k in InteractionKind::ALL {
            assert_eq!(InteractionKind::parse(k.as_str()), Some(k));
        }
        for k in WeaknessKind::ALL {
            assert_eq!(WeaknessKind::parse(k.as_str()), Some(k));
        }
        for l in AccessLevel::HELD {
            assert_eq!(AccessLevel::parse(l.as_str()), Some(l));
        }
    }
}
