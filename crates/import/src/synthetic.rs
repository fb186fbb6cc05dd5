//! A synthetic SharpHound v6 collection of any size, for tests and the
//! `cordon bench import` scale run. Its shape follows a real domain: ~55%
//! users, ~40% computers (one in five a server), ~5% groups, every object
//! with the inherited ACEs of the admin groups, sessions on every machine,
//! helpdesk and server-admin groups with local admin rights, a few GPOs and
//! some delegated rights.
//!
//! Whatever the size, it contains one known attack path, the classic one:
//! `alice` (helpdesk) is local admin on `ws-00001`, where `bob` (server
//! admins) has a session; server admins are local admins on `srv-00001`,
//! where `carol` (a domain admin) has a session; domain admins hold the domain.

use std::io::Write;
use std::path::Path;

use serde_json::{Value, json};

const DOMAIN: &str = "CORP.LOCAL";
const DSID: &str = "S-1-5-21-1111-2222-3333";

fn sid(rid: u64) -> String {
    format!("{DSID}-{rid}")
}

fn aces(extra: &[(String, &str)]) -> Value {
    let mut v = vec![
        json!({"PrincipalSID": sid(512), "PrincipalType": "Group", "RightName": "Owns", "IsInherited": false}),
        json!({"PrincipalSID": sid(512), "PrincipalType": "Group", "RightName": "GenericAll", "IsInherited": true}),
        json!({"PrincipalSID": sid(519), "PrincipalType": "Group", "RightName": "GenericAll", "IsInherited": true}),
        json!({"PrincipalSID": format!("{DOMAIN}-S-1-5-32-544"), "PrincipalType": "Group", "RightName": "WriteDacl", "IsInherited": true}),
        json!({"PrincipalSID": format!("{DOMAIN}-S-1-5-32-544"), "PrincipalType": "Group", "RightName": "WriteOwner", "IsInherited": true}),
        json!({"PrincipalSID": format!("{DOMAIN}-S-1-5-32-548"), "PrincipalType": "Group", "RightName": "GenericRead", "IsInherited": true}),
    ];
    for (p, r) in extra {
        v.push(json!({"PrincipalSID": p, "PrincipalType": "User", "RightName": r, "IsInherited": false}));
    }
    Value::Array(v)
}

fn reference(id: &str, ty: &str) -> Value {
    json!({"ObjectIdentifier": id, "ObjectType": ty})
}

/// Sizes of a generated collection.
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    /// Users.
    pub users: usize,
    /// Workstations.
    pub workstations: usize,
    /// Servers (not counting the two DCs).
    pub servers: usize,
    /// Groups (not counting the built-in ones).
    pub groups: usize,
}

impl Shape {
    /// About `objects` objects in a realistic proportion.
    pub fn of(objects: usize) -> Shape {
        let objects = objects.max(40);
        Shape {
            users: objects * 55 / 100,
            workstations: objects * 32 / 100,
            servers: objects * 8 / 100,
            groups: objects * 5 / 100,
        }
    }
}

fn write_file(
    dir: &Path,
    name: &str,
    ty: &str,
    items: impl Iterator<Item = Value>,
) -> std::io::Result<usize> {
    let mut w = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(dir.join(name))?);
    w.write_all(b"{\"data\":[")?;
    let mut n = 0;
    for (i, v) in items.enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        serde_json::to_writer(&mut w, &v)?;
        n += 1;
    }
    write!(
        w,
        "],\"meta\":{{\"methods\":521215,\"type\":\"{ty}\",\"count\":{n},\"version\":6}}}}"
    )?;
    w.flush()?;
    Ok(n)
}

/// Writes a collection of about `objects` objects into `dir` (created) as
/// `domains.json`, `users.json`, `groups.json`, `computers.json`,
/// `gpos.json`, `ous.json`. Returns the number of objects written.
pub fn write_collection(dir: &Path, objects: usize, seed: u64) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let shape = Shape::of(objects);
    let mut rng = fastrand::Rng::with_seed(seed);
    // RIDs: users from 10000, workstations 200000, servers 400000, groups 600000.
    let user = |i: usize| sid(10_000 + i as u64);
    let ws = |i: usize| sid(200_000 + i as u64);
    let srv = |i: usize| sid(400_000 + i as u64);
    let grp = |i: usize| sid(600_000 + i as u64);
    let (alice, bob, carol) = (user(1), user(2), user(3));
    let helpdesk = grp(1);
    let server_admins = grp(2);
    let mut total = 0;

    // Users.
    let names = ["alice", "bob", "carol"];
    let mut extra_rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
    total += write_file(dir, "users.json", "users", (1..=shape.users).map(|i| {
        let name = names.get(i - 1).map_or_else(|| format!("user{i:05}"), |n| n.to_string());
        let mut extra = Vec::new();
        if extra_rng.u32(0..200) == 0 && i > 3 {
            extra.push((user(extra_rng.usize(4..shape.users.max(5))), "ForceChangePassword"));
        }
        json!({
            "Properties": {"domain": DOMAIN, "name": format!("{}@{DOMAIN}", name.to_uppercase()), "domainsid": DSID,
                "highvalue": false, "enabled": i % 50 != 0, "admincount": i == 3, "hasspn": i % 97 == 0, "dontreqpreauth": i % 311 == 0,
                "unconstraineddelegation": false, "samaccountname": name, "description": null},
            "AllowedToDelegate": [], "PrimaryGroupSID": sid(513), "HasSIDHistory": [], "SPNTargets": [],
            "Aces": aces(&extra), "ObjectIdentifier": user(i), "IsDeleted": false, "IsACLProtected": false,
            "ContainedBy": {"ObjectIdentifier": DSID, "ObjectType": "Domain"}
        })
    }))?;

    // Groups: built-ins, then helpdesk, server admins, and departmental groups.
    let mut builtin = vec![
        (
            sid(512),
            "DOMAIN ADMINS",
            vec![reference(&carol, "User")],
            true,
        ),
        (sid(513), "DOMAIN USERS", vec![], false),
        (
            sid(516),
            "DOMAIN CONTROLLERS",
            vec![
                reference(&sid(1000), "Computer"),
                reference(&sid(1001), "Computer"),
            ],
            true,
        ),
        (sid(519), "ENTERPRISE ADMINS", vec![], true),
        (
            format!("{DOMAIN}-S-1-5-32-544"),
            "ADMINISTRATORS",
            vec![reference(&sid(512), "Group"), reference(&sid(519), "Group")],
            true,
        ),
        (
            format!("{DOMAIN}-S-1-5-32-548"),
            "ACCOUNT OPERATORS",
            vec![],
            true,
        ),
    ];
    builtin.push((
        helpdesk.clone(),
        "HELPDESK",
        vec![reference(&alice, "User")],
        false,
    ));
    builtin.push((
        server_admins.clone(),
        "SERVER ADMINS",
        vec![reference(&bob, "User")],
        false,
    ));
    let mut grng = fastrand::Rng::with_seed(seed ^ 0x6a);
    let groups = builtin
        .into_iter()
        .map(|(id, name, members, adm)| (id, name.to_string(), members, adm))
        .chain((3..=shape.groups).map(|i| {
            let members: Vec<Value> = (0..grng.usize(3..30))
                .map(|_| reference(&user(grng.usize(4..shape.users.max(5))), "User"))
                .collect();
            (grp(i), format!("DEPT{i:05}"), members, false)
        }));
    total += write_file(dir, "groups.json", "groups", groups.map(|(id, name, members, adm)| {
        json!({
            "Properties": {"domain": DOMAIN, "name": format!("{name}@{DOMAIN}"), "domainsid": DSID, "highvalue": adm && name != "ACCOUNT OPERATORS", "admincount": adm},
            "Members": members, "Aces": aces(&[]), "ObjectIdentifier": id, "IsDeleted": false, "IsACLProtected": false
        })
    }))?;

    // Computers: two DCs, servers, workstations.
    let computers = (0..2)
        .map(|i| {
            (
                sid(1000 + i as u64),
                format!("DC{:02}", i + 1),
                "Windows Server 2022 Datacenter",
                true,
            )
        })
        .chain((1..=shape.servers).map(|i| {
            (
                srv(i),
                format!("SRV-{i:05}"),
                "Windows Server 2019 Standard",
                false,
            )
        }))
        .chain(
            (1..=shape.workstations)
                .map(|i| (ws(i), format!("WS-{i:05}"), "Windows 11 Enterprise", false)),
        );
    total += write_file(dir, "computers.json", "computers", computers.map(|(id, name, os, dc)| {
        let is_ws = id.starts_with(&format!("{DSID}-2"));
        let n: usize = id.rsplit('-').next().and_then(|r| r.parse::<usize>().ok()).map_or(0, |r| r % 100_000);
        let mut sessions = Vec::new();
        let mut admins = vec![reference(&format!("{DOMAIN}-S-1-5-32-544"), "Group")];
        if is_ws {
            admins.push(reference(&helpdesk, "Group"));
            let u = if n == 1 { bob.clone() } else { user(rng.usize(4..shape.users.max(5))) };
            sessions.push(json!({"UserSID": u, "ComputerSID": id}));
        } else if !dc {
            admins.push(reference(&server_admins, "Group"));
            if n == 1 {
                sessions.push(json!({"UserSID": carol, "ComputerSID": id}));
            }
            for _ in 0..rng.usize(0..3) {
                sessions.push(json!({"UserSID": user(rng.usize(4..shape.users.max(5))), "ComputerSID": id}));
            }
        }
        json!({
            "Properties": {"domain": DOMAIN, "name": format!("{name}.{DOMAIN}"), "domainsid": DSID, "highvalue": dc, "enabled": true,
                "unconstraineddelegation": dc || (!is_ws && n % 500 == 250), "operatingsystem": os, "haslaps": is_ws},
            "PrimaryGroupSID": if dc { sid(516) } else { sid(515) },
            "AllowedToDelegate": [], "AllowedToAct": [], "HasSIDHistory": [], "DumpSMSAPassword": [],
            "Sessions": {"Results": sessions, "Collected": true, "FailureReason": null},
            "PrivilegedSessions": {"Results": [], "Collected": true, "FailureReason": null},
            "RegistrySessions": {"Results": [], "Collected": true, "FailureReason": null},
            "LocalGroups": [{"ObjectIdentifier": format!("{name}.{DOMAIN}-S-1-5-32-544"), "Name": format!("ADMINISTRATORS@{name}.{DOMAIN}"), "Results": admins, "LocalNames": [], "Collected": true, "FailureReason": null}],
            "UserRights": [], "Aces": aces(&[]), "ObjectIdentifier": id, "IsDeleted": false, "IsACLProtected": false,
            "ContainedBy": {"ObjectIdentifier": if is_ws { "OU-WORKSTATIONS" } else { DSID }, "ObjectType": if is_ws { "OU" } else { "Domain" }}
        })
    }))?;

    // The domain, with DCSync rights for the DCs and admins.
    let all_computers: Vec<Value> = (0..2)
        .map(|i| reference(&sid(1000 + i), "Computer"))
        .chain((1..=shape.servers).map(|i| reference(&srv(i), "Computer")))
        .collect();
    let mut dom_aces = aces(&[]);
    if let Value::Array(a) = &mut dom_aces {
        for p in [sid(516), format!("{DOMAIN}-S-1-5-32-544")] {
            a.push(json!({"PrincipalSID": p, "PrincipalType": "Group", "RightName": "GetChanges", "IsInherited": false}));
            a.push(json!({"PrincipalSID": p, "PrincipalType": "Group", "RightName": "GetChangesAll", "IsInherited": false}));
        }
    }
    total += write_file(
        dir,
        "domains.json",
        "domains",
        std::iter::once(json!({
            "Properties": {"domain": DOMAIN, "name": DOMAIN, "domainsid": DSID, "highvalue": true, "functionallevel": "2016"},
            "GPOChanges": {"LocalAdmins": [], "RemoteDesktopUsers": [], "DcomUsers": [], "PSRemoteUsers": [], "AffectedComputers": all_computers},
            "ChildObjects": [], "Trusts": [], "Links": [{"IsEnforced": false, "GUID": "GPO-DEFAULT-DOMAIN"}],
            "Aces": dom_aces, "ObjectIdentifier": DSID, "IsDeleted": false, "IsACLProtected": false, "ContainedBy": null
        })),
    )?;

    // GPOs and the workstation OU.
    total += write_file(dir, "gpos.json", "gpos", [("GPO-DEFAULT-DOMAIN", "DEFAULT DOMAIN POLICY"), ("GPO-WORKSTATIONS", "WORKSTATION BASELINE")].into_iter().map(|(id, name)| {
        json!({"Properties": {"domain": DOMAIN, "name": format!("{name}@{DOMAIN}"), "domainsid": DSID, "highvalue": false, "gpcpath": format!("\\\\{DOMAIN}\\SYSVOL\\{id}")},
               "Aces": aces(&[]), "ObjectIdentifier": id, "IsDeleted": false, "IsACLProtected": true})
    }))?;
    let affected: Vec<Value> = (1..=shape.workstations)
        .map(|i| reference(&ws(i), "Computer"))
        .collect();
    total += write_file(
        dir,
        "ous.json",
        "ous",
        std::iter::once(json!({
            "Properties": {"domain": DOMAIN, "name": format!("WORKSTATIONS@{DOMAIN}"), "domainsid": DSID, "blocksinheritance": false},
            "GPOChanges": {"LocalAdmins": [], "RemoteDesktopUsers": [], "DcomUsers": [], "PSRemoteUsers": [], "AffectedComputers": affected},
            "Links": [{"IsEnforced": false, "GUID": "GPO-WORKSTATIONS"}], "ChildObjects": [],
            "Aces": aces(&[]), "ObjectIdentifier": "OU-WORKSTATIONS", "IsDeleted": false, "IsACLProtected": false
        })),
    )?;
    Ok(total)
}
