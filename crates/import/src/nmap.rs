//! nmap XML (`nmap -oX`): every host that is up with an open port becomes a
//! component; the scanner's zone `connects` to it on its open ports; service
//! and version detection feed weaknesses through rules.
//!
//! Kind from ports and services, first match wins: Kerberos (88) with LDAP
//! (389/636/3268) → `active-directory`; 1433/1521/3306/5432/27017 or a
//! database service → `database-server`; DICOM (104/11112) → `pacs`;
//! HL7 (2575) → `interface-engine`; HTTP(S) → `web-application-server`;
//! otherwise `workstation` when the OS is a desktop Windows, else `server-os`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};
use serde::Deserialize;

use crate::error::{ImportError, Record};
use crate::estate::{
    ComponentDecl, Estate, IdAllocator, InteractionDecl, WeaknessDecl, sanitize_id,
};

/// A rule turning a detected service into a declared weakness.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Substring of nmap's `product` (case-insensitive).
    pub product: Option<String>,
    /// nmap's service `name` (`telnet`, `redis`, `http`).
    pub service: Option<String>,
    /// Port number.
    pub port: Option<u16>,
    /// Matches versions strictly below this one (numeric, dot by dot);
    /// a service without a detected version never matches.
    pub version_below: Option<String>,
    /// Substring of a script's output (`ftp-anon`: "Anonymous FTP login allowed").
    pub script_output: Option<String>,
    /// The weakness kind (`exploitable-vulnerability`, `unauthenticated-service`…).
    pub weakness: String,
    /// CVE id.
    pub cve: Option<String>,
    /// Access it hands over (default control).
    pub grants: Option<String>,
    /// Free text.
    pub notes: Option<String>,
}

/// Weakness rules.
#[derive(Clone, Debug, Default)]
pub struct Rules(pub Vec<Rule>);

impl Rules {
    /// Reads a YAML list of rules (or `{ rules: [...] }`).
    pub fn load(path: &Path) -> Result<Rules, ImportError> {
        let text = std::fs::read_to_string(path).map_err(|source| ImportError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Rules::parse(&text, path)
    }

    /// Parses rules from YAML text.
    pub fn parse(text: &str, path: &Path) -> Result<Rules, ImportError> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum File {
            List(Vec<Rule>),
            Map { rules: Vec<Rule> },
        }
        let file: File = serde_saphyr::from_str(text).map_err(|e| {
            let loc = e.location();
            ImportError::Parse {
                path: path.to_path_buf(),
                record: Record {
                    line: loc.map(|l| l.line() as usize),
                    column: loc.map(|l| l.column() as usize),
                    ..Default::default()
                },
                message: e.to_string().lines().next().unwrap_or("").to_string(),
            }
        })?;
        let rules = match file {
            File::List(v) | File::Map { rules: v } => v,
        };
        for (i, r) in rules.iter().enumerate() {
            if cordon_model::WeaknessKind::parse(&r.weakness).is_none()
                || r.weakness == "stored-credentials"
            {
                return Err(ImportError::Parse {
                    path: path.to_path_buf(),
                    record: Record {
                        index: Some(i),
                        ..Default::default()
                    },
                    message: format!(
                        "`{}` is not a network weakness (unauthenticated-service, exploitable-vulnerability, default-credentials, weak-credentials, misconfiguration)",
                        r.weakness
                    ),
                });
            }
            if r.product.is_none()
                && r.service.is_none()
                && r.port.is_none()
                && r.script_output.is_none()
            {
                return Err(ImportError::Parse {
                    path: path.to_path_buf(),
                    record: Record {
                        index: Some(i),
                        ..Default::default()
                    },
                    message: "a rule needs product, service, port or script_output".into(),
                });
            }
        }
        Ok(Rules(rules))
    }

    /// The built-in rules: services that are open to anyone who reaches them.
    pub fn builtin() -> Rules {
        let r = |service: &str,
                 script: Option<&str>,
                 weakness: &str,
                 grants: Option<&str>,
                 notes: &str| Rule {
            product: None,
            service: Some(service.into()),
            port: None,
            version_below: None,
            script_output: script.map(str::to_string),
            weakness: weakness.into(),
            cve: None,
            grants: grants.map(str::to_string),
            notes: Some(notes.into()),
        };
        Rules(vec![
            r(
                "telnet",
                None,
                "weak-credentials",
                None,
                "telnet: cleartext logins, on appliances usually default credentials",
            ),
            r(
                "docker",
                None,
                "unauthenticated-service",
                None,
                "Docker API without TLS: anyone who reaches it runs containers as root",
            ),
            r(
                "redis",
                Some("redis_version"),
                "unauthenticated-service",
                None,
                "redis answered INFO without authentication (redis-info script)",
            ),
            r(
                "mongodb",
                Some("databases"),
                "unauthenticated-service",
                None,
                "MongoDB listed its databases without authentication (mongodb-databases script)",
            ),
            r(
                "memcached",
                None,
                "unauthenticated-service",
                Some("read"),
                "memcached has no authentication",
            ),
            r(
                "ftp",
                Some("Anonymous FTP login allowed"),
                "unauthenticated-service",
                Some("read"),
                "anonymous FTP (ftp-anon script)",
            ),
            r(
                "vnc",
                Some("None"),
                "unauthenticated-service",
                None,
                "VNC offers the None security type (vnc-info script)",
            ),
            r(
                "x11",
                Some("X server access is granted"),
                "unauthenticated-service",
                None,
                "open X server (x11-access script)",
            ),
        ])
    }
}

/// Options of the nmap importer.
#[derive(Clone, Debug)]
pub struct Options {
    /// Zone of the scanned hosts.
    pub zone: String,
    /// Zone the scan ran from.
    pub from_zone: String,
    /// The scan zone is outside (its implicit component connects).
    pub from_external: bool,
    /// Weakness rules.
    pub rules: Rules,
    /// Apply [`Rules::builtin`] too.
    pub builtin_rules: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            zone: "internal".into(),
            from_zone: "internet".into(),
            from_external: true,
            rules: Rules::default(),
            builtin_rules: true,
        }
    }
}

/// An open port as nmap saw it.
#[derive(Clone, Debug, Default)]
pub struct Port {
    /// `tcp` or `udp`.
    pub protocol: String,
    /// Port number.
    pub port: u16,
    /// Service name (`http`, `ms-sql-s`).
    pub service: Option<String>,
    /// Product (`Apache Tomcat`).
    pub product: Option<String>,
    /// Version (`9.0.41`).
    pub version: Option<String>,
    /// Script outputs.
    pub scripts: Vec<(String, String)>,
}

/// A host that is up.
#[derive(Clone, Debug, Default)]
pub struct Host {
    /// Addresses (IPv4/IPv6/MAC).
    pub addresses: Vec<String>,
    /// Host names.
    pub hostnames: Vec<String>,
    /// Best OS match.
    pub os: Option<String>,
    /// Open ports.
    pub ports: Vec<Port>,
}

/// The attributes of an element, with character and entity references
/// resolved. An undefined entity (nmap declares none; a `<!DOCTYPE>` with
/// `<!ENTITY>` declarations is never expanded) or a malformed attribute is an
/// error naming it, never text silently kept in an id.
fn attrs(e: &BytesStart<'_>) -> Result<BTreeMap<String, String>, String> {
    let element = AsRef::<str>::as_ref(&e.local_name()).to_string();
    let mut m = BTreeMap::new();
    for a in e.attributes() {
        let a = a.map_err(|err| format!("malformed attribute in <{element}>: {err}"))?;
        let key = AsRef::<str>::as_ref(&a.key).to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| {
                format!(
                    "attribute `{key}` of <{element}>: {err} (entity declarations are not expanded; \
                     remove the reference or the <!DOCTYPE> that declares it)"
                )
            })?
            .into_owned();
        m.insert(key, value);
    }
    Ok(m)
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let col = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, col)
}

/// Parses nmap XML text into the hosts that are up.
pub fn parse(text: &str, path: &Path) -> Result<Vec<Host>, ImportError> {
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut hosts = Vec::new();
    let mut host: Option<(Host, bool)> = None; // (host, up)
    let mut port: Option<(Port, bool)> = None; // (port, open)
    let mut saw_root = false;
    let mut closed_root = false;
    let mut host_index = 0usize;
    let mut os_matched = false;
    let err = |reader: &quick_xml::Reader<&[u8]>, index: Option<usize>, message: String| {
        let (line, column) = line_col(text, reader.buffer_position() as usize);
        ImportError::Parse {
            path: path.to_path_buf(),
            record: Record {
                index,
                id: None,
                line: Some(line),
                column: Some(column),
            },
            message,
        }
    };
    loop {
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let (line, column) = line_col(text, reader.error_position() as usize);
                return Err(ImportError::Parse {
                    path: path.to_path_buf(),
                    record: Record {
                        index: host.as_ref().map(|_| host_index),
                        id: None,
                        line: Some(line),
                        column: Some(column),
                    },
                    message: format!("malformed XML: {e}"),
                });
            }
        };
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let a = attrs(e).map_err(|m| err(&reader, Some(host_index), m))?;
                match e.local_name().as_ref() {
                    "nmaprun" => saw_root = true,
                    "host" => {
                        if !saw_root {
                            return Err(err(
                                &reader,
                                Some(host_index),
                                "<host> outside <nmaprun>: not nmap XML".into(),
                            ));
                        }
                        host = Some((Host::default(), true));
                        os_matched = false;
                        if empty {
                            host = None;
                            host_index += 1;
                        }
                    }
                    "status" => {
                        if let Some((_, up)) = host.as_mut() {
                            *up = a.get("state").is_some_and(|s| s == "up");
                        }
                    }
                    "address" => {
                        if let (Some((h, _)), Some(addr)) = (host.as_mut(), a.get("addr")) {
                            h.addresses.push(addr.clone());
                        }
                    }
                    "hostname" => {
                        if let (Some((h, _)), Some(name)) = (host.as_mut(), a.get("name")) {
                            h.hostnames.push(name.clone());
                        }
                    }
                    "osmatch" => {
                        // The best OS match beats a service's `ostype`.
                        if let (Some((h, _)), Some(name)) = (host.as_mut(), a.get("name"))
                            && !os_matched
                        {
                            h.os = Some(name.clone());
                            os_matched = true;
                        }
                    }
                    "port" if host.is_some() => {
                        let number = a
                            .get("portid")
                            .and_then(|p| p.parse::<u16>().ok())
                            .ok_or_else(|| {
                                err(
                                    &reader,
                                    Some(host_index),
                                    "a <port> without a valid portid".into(),
                                )
                            })?;
                        port = Some((
                            Port {
                                protocol: a
                                    .get("protocol")
                                    .cloned()
                                    .unwrap_or_else(|| "tcp".into()),
                                port: number,
                                ..Default::default()
                            },
                            false,
                        ));
                    }
                    "state" => {
                        if let Some((_, open)) = port.as_mut() {
                            *open = a.get("state").is_some_and(|s| s == "open");
                        }
                    }
                    "service" => {
                        if let Some((p, _)) = port.as_mut() {
                            p.service = a.get("name").cloned();
                            p.product = a.get("product").cloned();
                            p.version = a.get("version").cloned();
                            if let Some(os) = a.get("ostype")
                                && let Some((h, _)) = host.as_mut()
                                && h.os.is_none()
                            {
                                h.os = Some(os.clone());
                            }
                        }
                    }
                    "script" => {
                        if let Some((p, _)) = port.as_mut() {
                            p.scripts.push((
                                a.get("id").cloned().unwrap_or_default(),
                                a.get("output").cloned().unwrap_or_default(),
                            ));
                        }
                    }
                    _ => {}
                }
                if empty && e.local_name().as_ref() == "port" {
                    finish_port(&mut host, &mut port);
                }
            }
            Event::End(ref e) => match e.local_name().as_ref() {
                "port" => finish_port(&mut host, &mut port),
                "host" => {
                    if let Some((h, up)) = host.take()
                        && up
                    {
                        hosts.push(h);
                    }
                    host_index += 1;
                }
                "nmaprun" => closed_root = true,
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if !saw_root {
        return Err(ImportError::Parse {
            path: path.to_path_buf(),
            record: Record::default(),
            message: "no <nmaprun> element: not nmap XML (use nmap -oX)".into(),
        });
    }
    if !closed_root {
        let (line, column) = line_col(text, text.len());
        return Err(ImportError::Parse {
            path: path.to_path_buf(),
            record: Record {
                index: host.as_ref().map(|_| host_index),
                id: None,
                line: Some(line),
                column: Some(column),
            },
            message: "the file is truncated: </nmaprun> is missing (was the scan interrupted?)"
                .into(),
        });
    }
    Ok(hosts)
}

fn finish_port(host: &mut Option<(Host, bool)>, port: &mut Option<(Port, bool)>) {
    if let Some((p, open)) = port.take()
        && open
        && let Some((h, _)) = host.as_mut()
    {
        h.ports.push(p);
    }
}

/// Compares dotted versions numerically: `2.5.9 < 2.5.33`.
pub fn version_below(version: &str, bound: &str) -> bool {
    fn parts(v: &str) -> Vec<u64> {
        v.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|s| !s.is_empty())
            .map_while(|s| {
                let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
                digits.parse::<u64>().ok()
            })
            .collect()
    }
    let (a, b) = (parts(version), parts(bound));
    if a.is_empty() {
        return false;
    }
    for i in 0..a.len().max(b.len()) {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x < y;
        }
    }
    false
}

impl Rule {
    fn matches(&self, p: &Port) -> bool {
        let ci = |hay: &Option<String>, needle: &str| {
            hay.as_deref()
                .is_some_and(|h| h.to_lowercase().contains(&needle.to_lowercase()))
        };
        self.product.as_ref().is_none_or(|n| ci(&p.product, n))
            && self.service.as_ref().is_none_or(|s| {
                p.service
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(s))
            })
            && self.port.is_none_or(|n| n == p.port)
            && self
                .version_below
                .as_ref()
                .is_none_or(|b| p.version.as_deref().is_some_and(|v| version_below(v, b)))
            && self.script_output.as_ref().is_none_or(|needle| {
                p.scripts
                    .iter()
                    .any(|(_, out)| out.contains(needle.as_str()))
            })
    }
}

fn guess_kind(h: &Host) -> &'static str {
    let has = |ports: &[u16]| h.ports.iter().any(|p| ports.contains(&p.port));
    let svc = |names: &[&str]| {
        h.ports.iter().any(|p| {
            p.service
                .as_deref()
                .is_some_and(|s| names.iter().any(|n| s.eq_ignore_ascii_case(n)))
        })
    };
    if (has(&[88]) || svc(&["kerberos-sec", "kerberos"]))
        && (has(&[389, 636, 3268, 3269]) || svc(&["ldap", "ldapssl"]))
    {
        "active-directory"
    } else if has(&[1433, 1521, 3306, 5432, 27017, 50000])
        || svc(&["ms-sql-s", "oracle-tns", "mysql", "postgresql", "mongodb"])
    {
        "database-server"
    } else if has(&[104, 11112]) || svc(&["dicom", "acr-nema"]) {
        "pacs"
    } else if has(&[2575]) || svc(&["hl7"]) {
        "interface-engine"
    } else if has(&[80, 443, 8000, 8080, 8443]) || svc(&["http", "https", "http-proxy", "ssl/http"])
    {
        "web-application-server"
    } else if h.os.as_deref().is_some_and(|o| {
        let o = o.to_lowercase();
        o.contains("windows")
            && !o.contains("server")
            && (o.contains(" 10") || o.contains(" 11") || o.contains(" 7") || o.contains(" 8"))
    }) {
        "workstation"
    } else {
        "server-os"
    }
}

/// Reads nmap XML files into an estate.
pub fn import(paths: &[PathBuf], options: &Options) -> Result<Estate, ImportError> {
    let mut hosts = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(path).map_err(|source| ImportError::Io {
            path: path.clone(),
            source,
        })?;
        hosts.extend(parse(&text, path)?);
    }
    Ok(to_estate(hosts, options))
}

/// Maps hosts onto components and `connects` interactions.
pub fn to_estate(hosts: Vec<Host>, options: &Options) -> Estate {
    let mut estate = Estate::new("nmap");
    let zone = sanitize_id(&options.zone);
    let from_zone = sanitize_id(&options.from_zone);
    estate.zone(&zone, false);
    let mut ids = IdAllocator::default();
    let scanner = if options.from_external {
        estate.zone(&from_zone, true);
        ids.reserve(&from_zone);
        from_zone.clone()
    } else {
        estate.zone(&from_zone, false);
        let id = ids.allocate(&format!("scanner.{from_zone}"), "scanner");
        estate.components.push(ComponentDecl {
            id: id.clone(),
            kind: "workstation".into(),
            zone: from_zone.clone(),
            tags: vec!["scanner".into(), "nmap".into()],
            description: Some(format!(
                "where the scan ran: stands for any machine in zone {from_zone}"
            )),
            ..Default::default()
        });
        id
    };
    let mut builtin = Rules::builtin().0;
    if !options.builtin_rules {
        builtin.clear();
    }
    // Merge hosts seen in several scans by address.
    let mut merged: BTreeMap<String, Host> = BTreeMap::new();
    let mut order = Vec::new();
    for h in hosts {
        let key = h
            .addresses
            .first()
            .cloned()
            .or_else(|| h.hostnames.first().cloned())
            .unwrap_or_default();
        match merged.get_mut(&key) {
            Some(prev) => {
                for p in h.ports {
                    if !prev
                        .ports
                        .iter()
                        .any(|q| q.port == p.port && q.protocol == p.protocol)
                    {
                        prev.ports.push(p);
                    }
                }
                prev.hostnames.extend(h.hostnames);
                prev.os = prev.os.take().or(h.os);
            }
            None => {
                order.push(key.clone());
                merged.insert(key, h);
            }
        }
    }
    let mut skipped = 0;
    for key in order {
        let Some(mut h) = merged.remove(&key) else {
            continue;
        };
        if h.ports.is_empty() {
            skipped += 1;
            continue;
        }
        h.ports.sort_by_key(|p| (p.protocol.clone(), p.port));
        let name = h.hostnames.first().cloned().unwrap_or_else(|| key.clone());
        let id = ids.allocate(&name, &key);
        let mut c = ComponentDecl {
            id: id.clone(),
            kind: guess_kind(&h).into(),
            zone: zone.clone(),
            ..Default::default()
        };
        c.tags.push("nmap".into());
        for p in &h.ports {
            c.tags.push(format!("{}-{}", p.protocol, p.port));
        }
        c.properties.insert(
            "address".into(),
            serde_json::Value::from(h.addresses.first().cloned().unwrap_or_default()),
        );
        if let Some(os) = &h.os {
            c.properties.insert("os".into(), os.clone().into());
        }
        let services: Vec<String> = h
            .ports
            .iter()
            .map(|p| {
                let mut s = format!("{}/{}", p.protocol, p.port);
                for part in [&p.service, &p.product, &p.version].into_iter().flatten() {
                    s.push(' ');
                    s.push_str(part);
                }
                s
            })
            .collect();
        c.properties
            .insert("services".into(), serde_json::Value::from(services));
        for p in &h.ports {
            for r in options.rules.0.iter().chain(builtin.iter()) {
                if r.matches(p) {
                    let w = WeaknessDecl {
                        kind: r.weakness.clone(),
                        cve: r.cve.clone(),
                        grants: r.grants.clone(),
                        stored_on: None,
                        notes: Some(format!(
                            "{}/{} {}{}",
                            p.protocol,
                            p.port,
                            [&p.product, &p.version]
                                .into_iter()
                                .flatten()
                                .cloned()
                                .collect::<Vec<_>>()
                                .join(" "),
                            r.notes
                                .as_ref()
                                .map(|n| format!(": {n}"))
                                .unwrap_or_default()
                        )),
                    };
                    if !c
                        .weaknesses
                        .iter()
                        .any(|x| x.kind == w.kind && x.cve == w.cve)
                    {
                        c.weaknesses.push(w);
                    }
                }
            }
        }
        let protocol: Vec<String> = h
            .ports
            .iter()
            .map(|p| {
                format!(
                    "{}/{}{}",
                    p.protocol,
                    p.port,
                    p.service
                        .as_ref()
                        .map(|s| format!(" {s}"))
                        .unwrap_or_default()
                )
            })
            .collect();
        estate.interactions.push(InteractionDecl {
            from: scanner.clone(),
            to: id,
            kind: "connects".into(),
            protocol: Some(protocol.join(", ")),
            notes: Some("open ports seen by nmap".into()),
        });
        estate.components.push(c);
    }
    if skipped > 0 {
        estate.notes.push(format!(
            "{skipped} hosts up without an open port were left out"
        ));
    }
    estate.normalise();
    estate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_compare_numerically() {
        assert!(version_below("2.5.9", "2.5.33"));
        assert!(!version_below("2.5.33", "2.5.33"));
        assert!(version_below("8.9p1", "9.3"));
        assert!(!version_below("", "1"));
        assert!(!version_below("10.0", "9.9"));
    }
}
