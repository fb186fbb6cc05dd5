//! Synthetic estates with a realistic shape, for benchmarks and scale tests.
//!
//! The shape follows what large organisations run: a few hubs (two domain
//! controllers, DNS, one EDR console, configuration management, backup
//! servers, hypervisors) with power over almost everything; a fifth of the
//! components are servers in zones of 2,000, the rest workstations in zones
//! of 1,000; each workstation zone connects to the application servers of
//! one server zone, which reach every server of their zone; ~1,000 exposed
//! web servers per 200,000 components in a DMZ, a fifth with exploitable
//! vulnerabilities; 10% of application servers and 2% of other servers
//! vulnerable; admin workstations and 1% of servers holding domain
//! credentials — so lateral movement to the directory exists, as it does in
//! real estates. Most of the ~10 interactions per component come from
//! catalog defaults and selector rules, as in a real model.

use std::fmt::Write;

/// Components per file when an estate is split (see [`SyntheticEstate::split`]).
const PER_FILE: usize = 25_000;

/// What [`synthetic_estate`] produced.
pub struct SyntheticEstate {
    /// Zones, hub components and interactions, as YAML (no `include:`).
    header: String,
    /// Component list entries (`  - { … }` lines).
    components_yaml: Vec<String>,
    /// Components declared (external networks excluded).
    pub components: usize,
}

impl SyntheticEstate {
    /// The whole model as one YAML file.
    pub fn single_file(&self) -> String {
        let mut y = self.header.clone();
        y.push_str("components:\n");
        for c in &self.components_yaml {
            y.push_str(c);
        }
        y
    }

    /// The model as several files, `(file name, YAML)`: `estate.yaml` includes
    /// the others, which cordon parses in parallel.
    pub fn split(&self) -> Vec<(String, String)> {
        let chunks: Vec<&[String]> = self.components_yaml.chunks(PER_FILE).collect();
        let names: Vec<String> = (0..chunks.len())
            .map(|i| format!("components-{i:03}.yaml"))
            .collect();
        let mut head = self.header.clone();
        head.push_str("include:\n");
        for n in &names {
            head.push_str(&format!("  - {n}\n"));
        }
        let mut out = vec![("estate.yaml".to_string(), head)];
        for (name, chunk) in names.into_iter().zip(chunks) {
            let mut y = String::from("components:\n");
            for c in chunk {
                y.push_str(c);
            }
            out.push((name, y));
        }
        out
    }
}

/// Writes a synthetic estate of about `components` components.
pub fn synthetic_estate(components: usize, seed: u64) -> SyntheticEstate {
    let mut rng = fastrand::Rng::with_seed(seed);
    let n = components.max(50);
    let entry = (n / 200).clamp(5, 1000);
    let hypervisors = (n / 400).max(2);
    let backups = (n / 50_000).max(1);
    let hubs = 2 + 1 + 1 + 1 + 1 + 1 + 1 + backups + hypervisors; // AD×2, DNS, EDR, SCCM, SIEM, vCenter, mail
    let rest = n.saturating_sub(hubs + entry);
    let servers = rest / 5;
    let workstations = rest - servers;
    let server_zones = servers.div_ceil(2000).max(1);
    let ws_zones = workstations.div_ceil(1000).max(1);
    let mut y = String::with_capacity(4096);
    let _ = writeln!(
        y,
        "# synthetic estate: {n} components, seed {seed} (cordon generate)"
    );
    let _ = writeln!(y, "name: synthetic estate {n}/{seed}\nzones:");
    y.push_str("  - { id: internet, external: true }\n  - { id: partners, external: true }\n");
    y.push_str("  - { id: dmz }\n  - { id: identity }\n  - { id: management }\n");
    for z in 0..server_zones {
        let _ = writeln!(y, "  - {{ id: srv-{z} }}");
    }
    for z in 0..ws_zones {
        let _ = writeln!(y, "  - {{ id: ws-{z} }}");
    }
    let mut c: Vec<String> = Vec::with_capacity(n);
    c.push("  - { id: dc-1, kind: active-directory, zone: identity, crown_jewel: true, weaknesses: [{ kind: stored-credentials, stored_on: tag:admin-ws }, { kind: stored-credentials, stored_on: tag:admin-session }] }\n".to_string());
    c.push(
        "  - { id: dc-2, kind: active-directory, zone: identity, crown_jewel: true }\n".to_string(),
    );
    c.push("  - { id: dns-1, kind: dns, zone: identity }\n".to_string());
    c.push("  - { id: edr, kind: edr, zone: management, tags: [ad-auth] }\n".to_string());
    c.push(
        "  - { id: sccm, kind: secrets-management, zone: management, tags: [domain-joined] }\n"
            .to_string(),
    );
    c.push(
        "  - { id: siem, kind: siem, zone: management, weaknesses: [exploitable-vulnerability] }\n"
            .to_string(),
    );
    c.push(
        "  - { id: vcenter, kind: virtualization-platform, zone: management, tags: [ad-auth] }\n"
            .to_string(),
    );
    c.push("  - { id: mail, kind: email, zone: dmz, exposed: true }\n".to_string());
    for b in 0..backups {
        let weak = if b == 0 {
            ", weaknesses: [{ kind: exploitable-vulnerability, cve: CVE-2023-27532 }]"
        } else {
            ""
        };
        c.push(format!("  - {{ id: backup-{b}, kind: backup-system, zone: management, crown_jewel: true, tags: [domain-joined]{weak} }}\n"));
    }
    for h in 0..hypervisors {
        c.push(format!(
            "  - {{ id: esx-{h}, kind: virtualization-platform, zone: management }}\n"
        ));
    }
    for e in 0..entry {
        let weak = if rng.u32(0..5) == 0 {
            ", weaknesses: [exploitable-vulnerability]"
        } else {
            ""
        };
        c.push(format!("  - {{ id: web-{e}, kind: web-application-server, zone: dmz, exposed: true, tags: [logs-to-siem]{weak} }}\n"));
    }
    for s in 0..servers {
        let z = s % server_zones;
        let slot = s / server_zones;
        let mut tags: Vec<String> = Vec::with_capacity(6);
        if rng.u32(0..10) != 0 {
            tags.push("domain-joined".into());
        }
        if rng.u32(0..20) < 17 {
            tags.push("edr-managed".into());
        }
        tags.push("backed-up".into());
        tags.push("logs-to-siem".into());
        if rng.u32(0..100) == 0 {
            // A domain admin logged on here and left credentials in memory.
            tags.push("admin-session".into());
        }
        let (kind, crown) = if slot < 5 {
            tags.push(format!("app-{z}"));
            ("web-application-server", false)
        } else if slot < 10 {
            tags.push(format!("db-{z}"));
            ("database-server", z < 4)
        } else {
            ("server-os", false)
        };
        let odds = if slot < 5 { 10 } else { 50 };
        let weak = if rng.u32(0..odds) == 0 {
            ", weaknesses: [exploitable-vulnerability]"
        } else {
            ""
        };
        c.push(format!(
            "  - {{ id: srv-{s}, kind: {kind}, zone: srv-{z}, runs_on: esx-{}{}, tags: [{}]{weak} }}\n",
            s % hypervisors,
            if crown { ", crown_jewel: true" } else { "" },
            tags.join(", ")
        ));
    }
    for w in 0..workstations {
        let z = w % ws_zones;
        let admin = if rng.u32(0..400) == 0 {
            ", admin-ws"
        } else {
            ""
        };
        let weak = if rng.u32(0..100) == 0 {
            ", weaknesses: [misconfiguration]"
        } else {
            ""
        };
        c.push(format!(
            "  - {{ id: ws-{w}, kind: workstation, zone: ws-{z}, tags: [domain-joined, edr-managed, config-managed, mailbox{admin}]{weak} }}\n"
        ));
    }
    y.push_str("interactions:\n");
    y.push_str("  - { from: dc-1, to: dc-2, kind: controls }\n  - { from: dc-2, to: dc-1, kind: controls }\n");
    y.push_str("  - { from: vcenter, to: kind:virtualization-platform, kind: controls }\n");
    for z in 0..ws_zones {
        let _ = writeln!(
            y,
            "  - {{ from: zone:ws-{z}, to: tag:app-{}, kind: connects }}",
            z % server_zones
        );
    }
    for z in 0..server_zones {
        let _ = writeln!(
            y,
            "  - {{ from: tag:app-{z}, to: tag:db-{z}, kind: writes }}"
        );
        let _ = writeln!(
            y,
            "  - {{ from: tag:app-{z}, to: zone:srv-{z}, kind: connects }}"
        );
    }
    for e in 0..entry {
        let _ = writeln!(
            y,
            "  - {{ from: web-{e}, to: tag:app-{}, kind: connects }}",
            rng.usize(0..server_zones)
        );
    }
    SyntheticEstate {
        header: y,
        components_yaml: c,
        components: n,
    }
}
