//! Replay: an incident's actions and impacts as a containment scenario for your own model
//! ("if what happened there happened here").
//!
//! The containment engine (crates/containment) will run the scenario against the model;
//! this module only writes it. It never reads the model: the model path is used for the
//! scenario's name and `model:` line only, so intel stays decoupled from the model crate.
//!
//! Scenario format (YAML):
//!
//! ```yaml
//! name: "…"
//! source_incident: INC-…
//! model: "hospital.yaml"
//! steps:
//!   - compromise: entry-points      # or kind:vpn, kind:email, …
//!     because: "sentence from the article"
//!   - isolate: external             # all external zones
//!   - shutdown: role:servers        # every server-hosting kind of the catalog
//!   - encrypt: role:servers
//! ```
//!
//! Selectors: a component id, `kind:K`, `zone:Z`, `tag:T`, `entry-points`, `crown-jewels`,
//! or a catalog role (`role:servers`, `role:workstations`, `role:backups`: the words incidents
//! use, mapped onto the catalog's kinds by the containment engine, which warns when one selects
//! nothing); `isolate` also takes `external`.
//!
//! The replay ends in the incident's disrupted state: "services restored" is not a step (the
//! incident lasted days or months, not one step). It is written as a comment with the duration
//! the article gives; `cordon recover` plans the order of restoration.

use std::fmt::Write;
use std::path::Path;

use crate::record::*;

/// One scenario step.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Step {
    /// compromise, shutdown, isolate, encrypt, restore.
    pub action: String,
    pub selector: String,
    pub because: String,
    pub provenance: Provenance,
    /// The rule that produced the step.
    pub rule: String,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Scenario {
    pub name: String,
    pub source_incident: String,
    pub model: String,
    pub steps: Vec<Step>,
    /// What the incident did that has no step kind (exfiltration, patient transfers…).
    pub not_replayed: Vec<String>,
}

/// A step and the text offset of its `because` sentence (for the order of events).
struct Placed {
    step: Step,
    offset: usize,
}

fn step(action: &str, selector: &str, e: &Evidence, p: Provenance, rule: &str) -> Placed {
    Placed {
        step: Step {
            action: action.into(),
            selector: selector.into(),
            because: e.sentence.clone(),
            provenance: p,
            rule: rule.into(),
        },
        offset: e.offset,
    }
}

/// Orders the steps as the text tells the events (trial s3 F3.9: the
/// disconnection the text tells after the encryption was replayed before it).
///
/// - Every `compromise` comes first, in the order the rules found them: a
///   foothold (initial access, then domain accounts) predates whatever the
///   attacker or the victim did next, even when the text tells it later
///   ("investigators found the attackers got in through the VPN").
/// - The others (encrypt, isolate, shutdown) follow the text's order of
///   events: by the day the story has reached at their sentence — the
///   earliest full date stated in the sentence, else the last stated before
///   it (the days before the first stated date are that date), resolved
///   against the publication date as the extractor does (`dates`) — then by
///   sentence order. So a text that jumps back ("on 3 March the hospital
///   went offline; the attack had begun on 1 March, when …") is put back in
///   time order, and an undated text keeps its sentence order.
/// - In one sentence, and for a step cited by the title (which tells no
///   order), the attack's impact comes before the victim's response to it
///   ("the hospital shut down its servers after ransomware encrypted them").
///
/// Each step keeps its own `because` sentence. The sort is stable and its key
/// total (no step is compared by a rule another step does not share).
fn order_by_events(r: &IncidentRecord, placed: &mut [Placed]) {
    let lexicons: Vec<&crate::extract::lexicon::Lexicon> = match r
        .language
        .as_deref()
        .and_then(crate::extract::lexicon::by_code)
    {
        Some(l) => vec![l],
        None => crate::extract::lexicon::all().iter().collect(),
    };
    let anchor = r
        .publication_date
        .value()
        .and_then(|d| crate::dates::parse_iso(d))
        .map(|date| crate::dates::Anchor {
            date,
            month_only: false,
        });
    // The earliest full date stated in each sentence of the text, in order.
    let mut dated: Vec<(usize, String)> = Vec::new();
    for sp in crate::text::sentences(&r.text) {
        let Some(sent) = r.text.get(sp.start..sp.end) else {
            continue;
        };
        if let Some(day) = crate::dates::find_dates_in(sent, anchor, &lexicons)
            .into_iter()
            .map(|m| m.value)
            .filter(|v| v.len() == 10)
            .min()
        {
            dated.push((sp.start, day));
        }
    }
    // The story's day at a text offset (None when the text states no day).
    let day_at = |offset: usize| -> Option<String> {
        dated
            .iter()
            .take_while(|(start, _)| *start <= offset)
            .last()
            .or(dated.first())
            .map(|(_, d)| d.clone())
    };
    let title = r.title.trim();
    let key = |p: &Placed| {
        let response = matches!(p.step.action.as_str(), "isolate" | "shutdown");
        let from_title = p.step.because.trim() == title;
        let offset = match (from_title, response) {
            (false, _) => p.offset,
            (true, false) => 0,
            (true, true) => usize::MAX,
        };
        (
            p.step.action != "compromise",
            if p.step.action == "compromise" {
                None
            } else {
                day_at(offset)
            },
            if p.step.action == "compromise" {
                0
            } else {
                offset
            },
            response,
        )
    };
    placed.sort_by_cached_key(key);
}

/// Which component kinds a sentence says were encrypted.
fn encrypted_kinds(s: &str) -> Vec<&'static str> {
    let l = s.to_lowercase();
    let mut out = Vec::new();
    if l.contains("server") {
        out.push("role:servers");
    }
    if l.contains("computer")
        || l.contains("workstation")
        || l.contains("pcs")
        || l.contains("laptop")
    {
        out.push("role:workstations");
    }
    if l.contains("health record")
        || l.contains("ehr")
        || l.contains("epr")
        || l.contains("medical record")
    {
        out.push("kind:ehr");
    }
    if l.contains("backup") {
        out.push("role:backups");
    }
    out
}

/// The sentence that states the encryption: the technique's own evidence, unless it is
/// only the title ("Ransomware at X") — then the first sentence of the text that an
/// encryption cue of a lexicon (`encryption_cues`) matches ("… moved to the ESXi
/// hypervisors and encrypted them"), so the step cites what was encrypted.
fn encryption_sentence(r: &IncidentRecord, t: &TechniqueRef) -> Evidence {
    if t.evidence.sentence.trim() != r.title.trim() {
        return t.evidence.clone();
    }
    let cues: Vec<&crate::extract::lexicon::Regex> = crate::extract::lexicon::all()
        .iter()
        .filter_map(|l| l.encryption.as_ref())
        .collect();
    for sp in crate::text::sentences(&r.text) {
        let Some(sent) = r.text.get(sp.start..sp.end) else {
            continue;
        };
        if sent.trim() != r.title.trim() && cues.iter().any(|c| c.is_match(sent)) {
            return Evidence {
                sentence: sent.to_string(),
                offset: sp.start,
            };
        }
    }
    t.evidence.clone()
}

/// Builds the scenario for `model` (a path; only its file name is used).
pub fn scenario(r: &IncidentRecord, model: &Path) -> Scenario {
    let model_name = model
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| model.display().to_string());
    let mut steps: Vec<Placed> = Vec::new();
    let mut not_replayed = Vec::new();
    let push = |steps: &mut Vec<Placed>, s: Placed| {
        if !steps
            .iter()
            .any(|x| x.step.action == s.step.action && x.step.selector == s.step.selector)
        {
            steps.push(s);
        }
    };

    // 1. Initial access → compromise.
    let initial: Vec<&TechniqueRef> = r
        .techniques
        .iter()
        .filter(|t| t.tactics.iter().any(|x| x == "TA0001"))
        .collect();
    // A stated access vector (VPN, phishing, a supplier) is where the attacker got in;
    // valid accounts (T1078) named in the same sentence say how, not a second way in
    // ("through the VPN gateway using stolen credentials" is one step, kind:vpn).
    let vector = |t: &TechniqueRef| -> &'static str {
        match t.id.split('.').next().unwrap_or("") {
            "T1133" | "T1190"
                if t.evidence.sentence.to_lowercase().contains("vpn")
                    || t.evidence.sentence.contains("Citrix")
                    || t.evidence.sentence.to_lowercase().contains("remote access")
                    || t.evidence.sentence.to_lowercase().contains("remote-access") =>
            {
                "kind:vpn"
            }
            "T1566" => "kind:email",
            "T1199" | "T1195" => "kind:vendor",
            _ => "entry-points",
        }
    };
    for t in &initial {
        let base = t.id.split('.').next().unwrap_or("");
        if base == "T1078"
            && initial
                .iter()
                .any(|o| vector(o) != "entry-points" && o.evidence.sentence == t.evidence.sentence)
        {
            continue;
        }
        let sel = vector(t);
        push(
            &mut steps,
            step(
                "compromise",
                sel,
                &t.evidence,
                t.provenance,
                &format!("initial access {} {}", t.id, t.name),
            ),
        );
    }
    if initial.is_empty() {
        // The attacker got in somewhere — when the incident needed a foothold (encryption,
        // deletion, theft, lateral movement…): the entry points, as an assumption, cited
        // by the sentence of the technique that needed it. A denial of service (T1498,
        // T1499) floods from outside and an extortion (T1657) may be a DDoS's: neither
        // is a foothold, and no other sentence stands in for one.
        let first = r
            .techniques
            .iter()
            .find(|t| {
                !matches!(
                    t.id.split('.').next().unwrap_or(""),
                    "T1498" | "T1499" | "T1657"
                )
            })
            .map(|t| t.evidence.clone());
        if let Some(e) = first {
            push(
                &mut steps,
                step(
                    "compromise",
                    "entry-points",
                    &e,
                    Provenance::Inferred,
                    "initial access not stated: assume the model's entry points",
                ),
            );
        }
    }
    // 2. Privileged identity compromise.
    for t in &r.techniques {
        if t.id == "T1078.002" {
            push(
                &mut steps,
                step(
                    "compromise",
                    "kind:active-directory",
                    &t.evidence,
                    t.provenance,
                    "domain accounts",
                ),
            );
        }
    }
    // 3. Containment by the victim.
    let mut shutdown = false;
    for a in &r.response_actions {
        match a.kind.as_str() {
            "isolate_external" => push(
                &mut steps,
                step("isolate", "external", &a.evidence, a.provenance, "external connections severed"),
            ),
            "shutdown_servers" => {
                shutdown = true;
                push(
                    &mut steps,
                    step("shutdown", "role:servers", &a.evidence, a.provenance, "servers shut down"),
                )
            }
            "patient_transfer" | "ambulance_diversion" | "manual_fallback" => {
                not_replayed.push(format!(
                    "{} (a care-continuity fallback, computed by the engine from the model's services)",
                    a.kind.replace('_', " ")
                ))
            }
            _ => {}
        }
    }
    // 4. Impact: encryption.
    for t in &r.techniques {
        if matches!(t.id.split('.').next().unwrap_or(""), "T1498" | "T1499") {
            not_replayed.push(format!(
                "denial of service ({} {}: \"{}\"): the attacker floods from outside and holds no component; a scenario has no flood step — `isolate` the exposed services to see the care lost while they are unreachable",
                t.id,
                t.name,
                t.evidence.sentence.replace(['\n', '"'], " ")
            ));
        }
        if t.id == "T1486" || t.id == "T1490" {
            let evidence = encryption_sentence(r, t);
            let t = &TechniqueRef {
                evidence,
                ..t.clone()
            };
            let mut kinds = encrypted_kinds(&t.evidence.sentence);
            let mut prov = t.provenance;
            if t.id == "T1490" {
                kinds = vec!["role:backups"];
            }
            if kinds.is_empty() {
                // Ransomware without a stated target: servers, as an assumption.
                kinds.push("role:servers");
                prov = Provenance::Inferred;
            }
            for k in kinds {
                push(
                    &mut steps,
                    step(
                        "encrypt",
                        k,
                        &t.evidence,
                        prov,
                        &format!("{} {}", t.id, t.name),
                    ),
                );
            }
        }
        if t.id == "T1041" {
            not_replayed.push("data exfiltration (no scenario step kind)".into());
        }
    }
    // 5. Recovery: never an immediate restore — the incident lasted days.
    let longest = r
        .impacts
        .iter()
        .filter(|i| i.duration.is_some())
        .max_by(|a, b| {
            a.duration_days
                .unwrap_or(0.0)
                .total_cmp(&b.duration_days.unwrap_or(0.0))
        })
        .and_then(|i| i.duration.clone());
    for a in &r.response_actions {
        if matches!(
            a.kind.as_str(),
            "services_restored" | "phased_restoration" | "restore_from_backup"
        ) && (shutdown
            || steps
                .iter()
                .any(|s| s.step.action == "encrypt" || s.step.action == "isolate"))
        {
            not_replayed.push(format!(
                "{} (\"{}\"){}: the replay ends in the disrupted state; `cordon recover MODEL SCENARIO` plans the order of restoration",
                a.kind.replace('_', " "),
                a.evidence.sentence.replace(['\n', '"'], " "),
                longest
                    .as_ref()
                    .map(|d| format!(" after {d}, as the article says"))
                    .unwrap_or_default()
            ));
        }
    }
    not_replayed.dedup();
    order_by_events(r, &mut steps);
    let steps: Vec<Step> = steps.into_iter().map(|p| p.step).collect();
    let victim = r
        .primary_victim()
        .map(|v| v.name.clone())
        .filter(|n| n != NOT_STATED)
        .unwrap_or_else(|| r.title.clone());
    Scenario {
        name: format!("Replay of {victim} ({}) against {model_name}", r.id),
        source_incident: r.id.clone(),
        model: model_name,
        steps,
        not_replayed,
    }
}

fn q(s: &str) -> String {
    // JSON strings are valid YAML double-quoted scalars.
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The scenario as YAML.
pub fn to_yaml(s: &Scenario) -> String {
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Scenario generated by `cordon intel replay` from incident {}.",
        s.source_incident
    );
    let _ = writeln!(
        y,
        "# The containment engine runs it against the model: what the attacker still"
    );
    let _ = writeln!(
        y,
        "# reaches, which services go down, what it costs in care."
    );
    let _ = writeln!(y, "name: {}", q(&s.name));
    let _ = writeln!(y, "source_incident: {}", q(&s.source_incident));
    let _ = writeln!(y, "model: {}", q(&s.model));
    if s.steps.is_empty() {
        let _ = writeln!(y, "steps: []");
    } else {
        let _ = writeln!(y, "steps:");
    }
    for st in &s.steps {
        let _ = writeln!(y, "  - {}: {}", st.action, q(&st.selector));
        let _ = writeln!(y, "    because: {}", q(&st.because));
        let _ = writeln!(
            y,
            "    # {}: {}",
            st.provenance.as_str(),
            st.rule.replace('\n', " ")
        );
    }
    for n in &s.not_replayed {
        let _ = writeln!(y, "# not replayed: {}", n.replace('\n', " "));
    }
    y
}
