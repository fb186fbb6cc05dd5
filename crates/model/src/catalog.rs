//! The built-in catalog of component kinds and the interactions a real estate
//! has by default for each of them.
//!
//! Default interactions target components by *tag* (for example every
//! `domain-joined` component is controlled by each `active-directory`
//! component), so a short model file yields a useful graph. A model switches
//! defaults off globally (`defaults: false`) or per kind
//! (`defaults: { active-directory: false }`).

use crate::InteractionKind;

/// Which end of a default interaction the kind sits on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// `this → peer`.
    Outgoing,
    /// `peer → this`.
    Incoming,
}

/// One default interaction of a kind.
#[derive(Clone, Copy, Debug)]
pub struct DefaultInteraction {
    /// Interaction kind.
    pub kind: InteractionKind,
    /// Which way it points.
    pub direction: Direction,
    /// The other end, as a selector (`tag:domain-joined`, `kind:ci-cd`).
    pub peer: &'static str,
    /// Why a real estate has it.
    pub why: &'static str,
}

/// Where a kind comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    /// The enterprise component kinds every organisation runs.
    Enterprise,
    /// Kinds specific to hospitals and care.
    Clinical,
    /// Outside the organisation (the internet, partners, GP practices).
    External,
}

/// A component kind of the catalog.
#[derive(Clone, Copy, Debug)]
pub struct ComponentKind {
    /// Identifier used in models (`kind: active-directory`).
    pub id: &'static str,
    /// Human name.
    pub name: &'static str,
    /// What it is.
    pub description: &'static str,
    /// Where it comes from.
    pub family: Family,
    /// Interactions every component of this kind has unless switched off.
    pub defaults: &'static [DefaultInteraction],
}

macro_rules! out {
    ($kind:ident, $peer:literal, $why:literal) => {
        DefaultInteraction {
            kind: InteractionKind::$kind,
            direction: Direction::Outgoing,
            peer: $peer,
            why: $why,
        }
    };
}
macro_rules! inc {
    ($kind:ident, $peer:literal, $why:literal) => {
        DefaultInteraction {
            kind: InteractionKind::$kind,
            direction: Direction::Incoming,
            peer: $peer,
            why: $why,
        }
    };
}
macro_rules! kind {
    ($id:literal, $name:literal, $fam:ident, $desc:literal, [$($d:expr),* $(,)?]) => {
        ComponentKind { id: $id, name: $name, description: $desc, family: Family::$fam, defaults: &[$($d),*] }
    };
}

/// Every kind cordon knows, enterprise kinds first.
pub static CATALOG: &[ComponentKind] = &[
    // --- the enterprise estate (DESIGN.md's list of 33) ---
    kind!(
        "active-directory",
        "Active Directory / directory service",
        Enterprise,
        "Domain controllers: accounts, groups, group policy for every domain-joined machine.",
        [
            out!(
                Controls,
                "tag:domain-joined",
                "group policy and domain admins run code on every joined machine"
            ),
            out!(
                Authenticates,
                "tag:ad-auth",
                "applications that accept domain logons"
            )
        ]
    ),
    kind!(
        "api-gateway",
        "API gateway",
        Enterprise,
        "Fronts internal APIs for apps and partners.",
        [out!(
            Connects,
            "tag:api-backend",
            "forwards requests to its back ends"
        )]
    ),
    kind!(
        "application-load-balancer",
        "Application load balancer",
        Enterprise,
        "Layer-7 load balancer terminating TLS in front of web applications.",
        [out!(
            Connects,
            "tag:load-balanced",
            "forwards traffic to its pool members"
        )]
    ),
    kind!(
        "ci-cd",
        "CI/CD pipeline",
        Enterprise,
        "Build and deployment pipelines and their runners.",
        [out!(
            Controls,
            "tag:deployed-by-ci",
            "deploys code and configuration where it deploys"
        )]
    ),
    kind!(
        "cloud-storage",
        "Cloud storage",
        Enterprise,
        "Object storage buckets and file shares in a cloud tenant.",
        []
    ),
    kind!(
        "data-warehouse",
        "Data warehouse",
        Enterprise,
        "Reporting and analytics store fed from operational systems.",
        [out!(
            Reads,
            "tag:warehouse-source",
            "extracts data from its sources"
        )]
    ),
    kind!(
        "database-server",
        "Database server",
        Enterprise,
        "Relational or document database engine.",
        []
    ),
    kind!(
        "developer-workstation",
        "Developer workstation",
        Enterprise,
        "Engineer laptops with source access and cloud credentials.",
        [out!(
            Writes,
            "kind:source-code-repository",
            "developers push code"
        )]
    ),
    kind!(
        "dns",
        "DNS",
        Enterprise,
        "Name resolution for the estate.",
        [out!(
            Resolves,
            "tag:domain-joined",
            "domain members resolve through it"
        )]
    ),
    kind!(
        "email",
        "Email",
        Enterprise,
        "Mail servers or tenant; the first stop of most phishing.",
        [out!(
            Sends,
            "tag:mailbox",
            "delivers messages to users' machines"
        )]
    ),
    kind!(
        "edr",
        "EDR / XDR",
        Enterprise,
        "Endpoint detection and response console and agents.",
        [
            out!(
                Controls,
                "tag:edr-managed",
                "the console runs scripts on every enrolled endpoint"
            ),
            out!(Sends, "kind:siem", "forwards alerts")
        ]
    ),
    kind!(
        "erp",
        "ERP",
        Enterprise,
        "Finance, HR, procurement and supply chain.",
        []
    ),
    kind!(
        "firewall",
        "Firewall",
        Enterprise,
        "Network firewall between zones.",
        [out!(Sends, "kind:siem", "forwards traffic logs")]
    ),
    kind!(
        "iam",
        "Identity and access management",
        Enterprise,
        "Identity governance: provisions and deprovisions accounts.",
        [out!(
            Controls,
            "tag:iam-provisioned",
            "creates and entitles accounts in target systems"
        )]
    ),
    kind!(
        "ids-ips",
        "IDS / IPS",
        Enterprise,
        "Intrusion detection and prevention sensors.",
        [out!(Sends, "kind:siem", "forwards alerts")]
    ),
    kind!(
        "load-balancer",
        "Load balancer",
        Enterprise,
        "Layer-4 load balancer.",
        [out!(
            Connects,
            "tag:load-balanced",
            "forwards traffic to its pool members"
        )]
    ),
    kind!(
        "siem",
        "SIEM / log aggregation",
        Enterprise,
        "Collects logs and alerts. Receives data only.",
        [inc!(
            Sends,
            "tag:logs-to-siem",
            "log sources ship events to it"
        )]
    ),
    kind!(
        "mdm",
        "Mobile device management",
        Enterprise,
        "Manages phones, tablets and laptops.",
        [out!(
            Controls,
            "tag:mdm-managed",
            "pushes apps, profiles and commands to managed devices"
        )]
    ),
    kind!(
        "network-switch",
        "Switch / router",
        Enterprise,
        "Network switching and routing.",
        [out!(
            Supplies,
            "tag:switched",
            "carries the traffic of the machines behind it"
        )]
    ),
    kind!(
        "ot-controller",
        "OT controller / PLC",
        Enterprise,
        "Programmable controllers of building and plant systems.",
        []
    ),
    kind!(
        "physical-access-control",
        "Physical access control",
        Enterprise,
        "Badge readers and door controllers.",
        []
    ),
    kind!(
        "proxy",
        "Proxy / secure web gateway",
        Enterprise,
        "Outbound web proxy and filtering.",
        [out!(Sends, "kind:siem", "forwards access logs")]
    ),
    kind!(
        "vpn",
        "VPN / zero-trust proxy",
        Enterprise,
        "Remote access for staff and vendors.",
        [out!(
            Connects,
            "tag:vpn-reachable",
            "remote users land on the networks it routes to"
        )]
    ),
    kind!(
        "scada",
        "SCADA",
        Enterprise,
        "Supervisory control of OT controllers (HVAC, medical gases, power).",
        [out!(
            Controls,
            "kind:ot-controller",
            "supervises and reprograms controllers"
        )]
    ),
    kind!(
        "secrets-management",
        "Configuration / secrets management",
        Enterprise,
        "Configuration management (Ansible, SCCM, Puppet) and secret vaults.",
        [out!(
            Controls,
            "tag:config-managed",
            "pushes configuration and secrets to managed machines"
        )]
    ),
    kind!(
        "soar",
        "SOAR",
        Enterprise,
        "Security orchestration with API keys into security tools.",
        [out!(
            Controls,
            "tag:soar-integrated",
            "runs playbooks with admin API keys"
        )]
    ),
    kind!(
        "server-os",
        "Server operating system",
        Enterprise,
        "A physical or virtual server (Windows, Linux).",
        []
    ),
    kind!(
        "service-mesh",
        "Service mesh",
        Enterprise,
        "Issues workload identities and routes service traffic.",
        [out!(
            Authenticates,
            "tag:mesh-member",
            "its certificates are the workloads' identities"
        )]
    ),
    kind!(
        "sso",
        "SSO portal",
        Enterprise,
        "Single sign-on identity provider.",
        [out!(
            Authenticates,
            "tag:sso",
            "applications trust its assertions"
        )]
    ),
    kind!(
        "source-code-repository",
        "Source code repository",
        Enterprise,
        "Git hosting; pipelines run what it holds.",
        [out!(
            Controls,
            "kind:ci-cd",
            "pipeline definitions in the repository run on the CI runners"
        )]
    ),
    kind!(
        "storage",
        "SAN / NAS",
        Enterprise,
        "Block and file storage for servers and hypervisors.",
        [out!(
            Stores,
            "tag:storage-backed",
            "holds the disks and shares of its clients"
        )]
    ),
    kind!(
        "virtualization-platform",
        "Virtualization platform",
        Enterprise,
        "Hypervisors and their management (vCenter, Hyper-V). Guests name it with `runs_on`.",
        []
    ),
    kind!(
        "web-application-server",
        "Web application server",
        Enterprise,
        "Hosts web applications.",
        []
    ),
    kind!(
        "workstation",
        "Workstation",
        Enterprise,
        "Staff desktop or laptop.",
        []
    ),
    kind!(
        "file-server",
        "File server",
        Enterprise,
        "Shared network drives.",
        []
    ),
    // --- Active Directory objects (cordon import sharphound / bloodhound-opengraph) ---
    // No defaults: their edges come from the collector and BloodHound's analysis.
    kind!(
        "ad-domain",
        "AD domain",
        Enterprise,
        "An Active Directory domain object; it controls what it contains and what trusts it.",
        []
    ),
    kind!(
        "ad-user",
        "AD user",
        Enterprise,
        "An Active Directory user or service account.",
        []
    ),
    kind!(
        "ad-group",
        "AD group",
        Enterprise,
        "An Active Directory group or a computer's local group.",
        []
    ),
    kind!(
        "ad-container",
        "AD OU or container",
        Enterprise,
        "An organisational unit or container: ACEs and GPO links on it reach what it contains.",
        []
    ),
    kind!(
        "ad-gpo",
        "Group policy object",
        Enterprise,
        "A GPO: runs on the computers and users below the OUs and domains it is linked to.",
        []
    ),
    kind!(
        "ad-pki",
        "AD certificate services object",
        Enterprise,
        "A certificate template, enterprise/root/AIA CA, NTAuth store or issuance policy.",
        []
    ),
    kind!(
        "ad-object",
        "Directory object",
        Enterprise,
        "Another directory or graph object (unresolved SID, OpenGraph node of another kind).",
        []
    ),
    // --- hospitals and care ---
    kind!(
        "ehr",
        "EHR / EPR",
        Clinical,
        "Electronic health record: the patient record every ward works from.",
        []
    ),
    kind!(
        "pacs",
        "PACS imaging",
        Clinical,
        "Picture archiving: stores and serves medical images.",
        []
    ),
    kind!(
        "radiology-information-system",
        "Radiology information system",
        Clinical,
        "Schedules and reports imaging exams.",
        [out!(Writes, "kind:pacs", "sends worklists and orders")]
    ),
    kind!(
        "laboratory-system",
        "Laboratory system (LIS)",
        Clinical,
        "Lab orders and results.",
        []
    ),
    kind!(
        "pharmacy-system",
        "Pharmacy system",
        Clinical,
        "Medication orders, dispensing cabinets.",
        []
    ),
    kind!(
        "interface-engine",
        "Integration / HL7 interface engine",
        Clinical,
        "Moves HL7/FHIR messages between clinical systems.",
        [out!(
            Writes,
            "tag:hl7-feed",
            "delivers messages into connected clinical systems"
        )]
    ),
    kind!(
        "medical-device",
        "Medical device",
        Clinical,
        "Networked modality, infusion pump, monitor or analyser.",
        []
    ),
    kind!(
        "patient-portal",
        "Patient portal",
        Clinical,
        "Patients' online access to records and results.",
        []
    ),
    kind!(
        "gp-portal",
        "GP portal",
        Clinical,
        "Web portal where general practitioners read results and refer patients.",
        []
    ),
    kind!(
        "appointment-booking",
        "Online appointment booking",
        Clinical,
        "Patients book consultations online.",
        []
    ),
    kind!(
        "telephony",
        "Telephony",
        Clinical,
        "IP telephony, switchboard and call centre.",
        []
    ),
    kind!(
        "backup-system",
        "Backup system",
        Clinical,
        "Backup servers and repositories: reads everything it protects and can overwrite it.",
        [out!(
            BacksUp,
            "tag:backed-up",
            "reads for backup and writes on restore"
        )]
    ),
    kind!(
        "nurse-call",
        "Nurse call",
        Clinical,
        "Bedside call system.",
        []
    ),
    kind!(
        "dispatch",
        "Emergency dispatch",
        Clinical,
        "Dispatch of ambulances and mobile urgency teams (MUG, PIT).",
        []
    ),
    kind!(
        "building-management",
        "Building management",
        Clinical,
        "HVAC, medical gases, power monitoring.",
        [out!(
            Controls,
            "kind:ot-controller",
            "sets points on controllers"
        )]
    ),
    // --- outside ---
    kind!(
        "external-network",
        "External network",
        External,
        "Anyone on an external network (the internet, a partner, GP practices). Every external zone has one.",
        []
    ),
    kind!(
        "vendor",
        "Vendor",
        External,
        "A supplier with remote access or a managed service.",
        []
    ),
    kind!(
        "partner-system",
        "Partner system",
        External,
        "A system run by another organisation (a GP practice, a regional network).",
        []
    ),
];

/// Looks a kind up by id.
pub fn kind(id: &str) -> Option<&'static ComponentKind> {
    CATALOG.iter().find(|k| k.id == id)
}

/// The ids of all kinds, for suggestions.
pub fn kind_ids() -> impl Iterator<Item = &'static str> {
    CATALOG.iter().map(|k| k.id)
}

/// Other names for the kinds (`hypervisor`, `EPR`, `LIS`…): the data file
/// `catalog_synonyms.tsv`, one `synonym<TAB>kind[,kind…]` per line.
const SYNONYMS_TSV: &str = include_str!("catalog_synonyms.tsv");

/// A kind name as users write it, compared the catalog's way: lower case,
/// spaces and underscores read as `-`.
fn normalize(name: &str) -> String {
    name.trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The synonym table: (normalized synonym, kind ids, most likely first).
/// Lines that are blank or start with `#` are skipped; the table's test
/// checks every line names existing kinds.
fn synonyms() -> &'static [(String, Vec<&'static str>)] {
    static TABLE: std::sync::LazyLock<Vec<(String, Vec<&'static str>)>> =
        std::sync::LazyLock::new(|| {
            SYNONYMS_TSV
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .filter_map(|l| l.split_once('\t'))
                .map(|(syn, kinds)| {
                    (
                        normalize(syn),
                        kinds
                            .split(',')
                            .map(str::trim)
                            .filter(|k| !k.is_empty())
                            .collect(),
                    )
                })
                .collect()
        });
    &TABLE
}

/// The kinds a synonym stands for (`hypervisor` → `virtualization-platform`),
/// compared case-insensitively with spaces and underscores read as `-`.
pub fn kinds_for_synonym(name: &str) -> Option<&'static [&'static str]> {
    let n = normalize(name);
    synonyms()
        .iter()
        .find(|(s, _)| *s == n)
        .map(|(_, k)| k.as_slice())
}

/// The other names of kind `id` in `catalog_synonyms.tsv` (normalized:
/// lower case, `-` for spaces), for `cordon catalog`.
pub fn synonyms_of(id: &str) -> Vec<&'static str> {
    synonyms()
        .iter()
        .filter(|(_, kinds)| kinds.contains(&id))
        .map(|(s, _)| s.as_str())
        .collect()
}

fn one_of(kinds: &[&str]) -> String {
    let quoted: Vec<String> = kinds.iter().map(|k| format!("`{k}`")).collect();
    match quoted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
        _ => quoted.concat(),
    }
}

/// The did-you-mean for an unknown kind `name`, or `None` when nothing is
/// close: the same id written with capitals, spaces or underscores (`EHR` →
/// `ehr`); a synonym from `catalog_synonyms.tsv` (`hypervisor` →
/// `virtualization-platform`); else the closest kind id or synonym by edit
/// distance (Jaro–Winkler ≥ 0.8 or at most 2 edits, as for other names).
pub fn suggest_kind(name: &str) -> Option<String> {
    let n = normalize(name);
    if let Some(k) = kind(&n) {
        return Some(format!(
            "did you mean `{}`? (kind ids are lower case, words joined by `-`)",
            k.id
        ));
    }
    if let Some(kinds) = kinds_for_synonym(&n) {
        return Some(format!(
            "did you mean {}? (`{name}` is another name for {})",
            one_of(kinds),
            if kinds.len() == 1 { "it" } else { "these" }
        ));
    }
    let mut best: Option<(f64, &[&str], usize)> = None;
    let ids: Vec<(&str, &[&str])> = CATALOG
        .iter()
        .map(|k| (k.id, std::slice::from_ref(&k.id)))
        .chain(synonyms().iter().map(|(s, k)| (s.as_str(), k.as_slice())))
        .collect();
    for (candidate, kinds) in ids {
        let score = strsim::jaro_winkler(&n, candidate);
        let edits = strsim::levenshtein(&n, candidate);
        if best.is_none_or(|b| score > b.0) {
            best = Some((score, kinds, edits));
        }
    }
    best.filter(|(score, _, edits)| *score >= 0.8 || *edits <= 2)
        .map(|(_, kinds, _)| format!("did you mean {}?", one_of(kinds)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::selector::Selector;

    #[test]
    fn ids_are_unique_and_defaults_parse() {
        let mut seen = std::collections::HashSet::new();
        for k in CATALOG {
            assert!(seen.insert(k.id), "duplicate kind {}", k.id);
            for d in k.defaults {
                let sel = Selector::parse(d.peer).unwrap_or_else(|e| panic!("{}: {e}", k.id));
                if let Selector::Kind(other) = sel {
                    assert!(
                        kind(&other).is_some(),
                        "{} names unknown kind {other}",
                        k.id
                    );
                }
            }
        }
    }

    #[test]
    fn synonyms_name_existing_kinds_and_are_not_kinds() {
        let mut seen = std::collections::HashSet::new();
        let lines = SYNONYMS_TSV
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
        for (n, line) in lines.enumerate() {
            let (syn, kinds) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("catalog_synonyms.tsv data line {}: no tab", n + 1));
            assert!(kind(&normalize(syn)).is_none(), "{syn} is a kind id");
            assert!(seen.insert(normalize(syn)), "{syn} twice");
            for k in kinds.split(',') {
                assert!(kind(k.trim()).is_some(), "{syn}: unknown kind {k}");
            }
        }
        assert_eq!(seen.len(), synonyms().len());
    }

    #[test]
    fn unknown_kinds_get_a_suggestion() {
        let s = |n: &str| suggest_kind(n).unwrap_or_default();
        assert!(s("EHR").contains("`ehr`"), "{}", s("EHR"));
        assert!(s("Active Directory").contains("`active-directory`"));
        assert!(s("hypervisor").contains("`virtualization-platform`"));
        assert!(synonyms_of("virtualization-platform").contains(&"hypervisor"));
        assert!(s("Hypervisor").contains("another name"));
        assert!(s("hypervisr").contains("`virtualization-platform`"));
        assert!(s("EPR").contains("`ehr`"));
        assert!(s("portal").contains("`patient-portal` or `gp-portal`"));
        assert!(s("databse-server").contains("`database-server`"));
        assert_eq!(suggest_kind("qqqqzzzzxx"), None);
    }

    /// Oracle: the suggestion for a kind id with one letter dropped is that
    /// kind whenever no other id or synonym is as close (plain
    /// Levenshtein over every candidate).
    #[test]
    fn one_dropped_letter_suggests_the_kind() {
        let cands: Vec<String> = CATALOG
            .iter()
            .map(|k| k.id.to_string())
            .chain(synonyms().iter().map(|(s, _)| s.clone()))
            .collect();
        for k in CATALOG {
            if k.id.len() < 6 {
                continue;
            }
            let typo: String =
                k.id.chars()
                    .enumerate()
                    .filter(|(i, _)| *i != 2)
                    .map(|(_, c)| c)
                    .collect();
            let closest = cands
                .iter()
                .filter(|c| strsim::levenshtein(&typo, c) <= 1)
                .count();
            if closest == 1 {
                let got = suggest_kind(&typo).unwrap_or_default();
                assert!(got.contains(&format!("`{}`", k.id)), "{typo}: {got}");
            }
        }
    }

    #[test]
    fn the_catalog_covers_the_design_list() {
        // 33 enterprise kinds of DESIGN.md plus hospital kinds.
        let enterprise = CATALOG
            .iter()
            .filter(|k| k.family == Family::Enterprise)
            .count();
        assert!(enterprise >= 33, "{enterprise}");
        for id in [
            "ehr",
            "pacs",
            "laboratory-system",
            "medical-device",
            "patient-portal",
            "gp-portal",
            "appointment-booking",
            "telephony",
            "backup-system",
            "nurse-call",
        ] {
            assert!(kind(id).is_some(), "{id}");
        }
    }
}
