//! The incident analysis report (DESIGN.md, "Incident record and report"): executive
//! summary; incident details; timeline; attack methodology by ATT&CK tactic; impact
//! assessment; indicators of compromise; response actions; lessons learned;
//! recommendations; sources. Every value shows whether it is stated or inferred and the
//! sentence it came from; what the text does not support reads "not stated".
//!
//! One report model, rendered as Markdown or HTML. HTML escapes everything that comes
//! from ingested text (and links only `http(s)` URLs).

use std::fmt::Write;

use crate::attack::Attack;
use crate::record::*;
use crate::text;

/// A line of the report: the text, a provenance note, the evidence sentence.
#[derive(Debug, Clone)]
pub struct Line {
    pub text: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone)]
pub enum Block {
    Para(String),
    /// Label / value lines.
    Fields(Vec<(String, Line)>),
    List(Vec<Line>),
    /// A sub-heading with its lines ("not stated" when empty).
    Group(String, Vec<Line>),
    Table(Vec<String>, Vec<Vec<String>>),
}

#[derive(Debug, Clone)]
pub struct Section {
    pub title: String,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    pub id: String,
    pub sections: Vec<Section>,
}

fn note(p: Provenance, rule: Option<&str>) -> String {
    match (p, rule) {
        (Provenance::Inferred, Some(r)) => format!("inferred: {r}"),
        (p, _) => p.as_str().to_string(),
    }
}

fn field_line<T>(f: &Field<T>, show: impl Fn(&T) -> String) -> Line {
    match f.fact() {
        Some(fact) => Line {
            text: show(&fact.value),
            note: Some(note(fact.provenance, fact.rule.as_deref())),
            evidence: Some(fact.evidence.sentence.clone()),
        },
        None => not_stated(),
    }
}

fn not_stated() -> Line {
    Line {
        text: NOT_STATED.to_string(),
        note: None,
        evidence: None,
    }
}

fn ev_line(text: String, p: Provenance, e: &Evidence) -> Line {
    Line {
        text,
        note: Some(p.as_str().to_string()),
        evidence: Some(e.sentence.clone()),
    }
}

fn or_not_stated(v: Vec<Line>) -> Vec<Line> {
    if v.is_empty() { vec![not_stated()] } else { v }
}

pub fn impact_text(f: &ImpactFact) -> String {
    let mut s = String::new();
    if f.category == "financial" {
        let _ = write!(s, "{} {}", f.unit, group_digits(f.count.unwrap_or(0)));
        let _ = write!(s, " ({})", f.effect);
        return s;
    }
    if let Some(c) = f.count {
        let _ = write!(s, "{} ", group_digits(c));
    }
    let _ = write!(s, "{} {}", f.unit, f.effect);
    if let Some(d) = &f.duration {
        let _ = write!(s, " for {d}");
    }
    s
}

fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn cia_text(f: &Field<bool>) -> Line {
    field_line(f, |v| {
        if *v {
            "affected".into()
        } else {
            "not affected".into()
        }
    })
}

/// Builds the report model of a record.
pub fn build(r: &IncidentRecord) -> Report {
    let attack = Attack::get();
    let victim = r
        .primary_victim()
        .map(|v| v.name.clone())
        .unwrap_or_else(|| NOT_STATED.into());
    let mut sections = Vec::new();

    // Executive summary.
    let mut summary = String::new();
    let vtype = r
        .primary_victim()
        .map(|v| v.org_type.clone())
        .unwrap_or_else(|| NOT_STATED.into());
    let place = match (r.city.value(), r.country.value()) {
        (Some(c), Some(k)) => format!("{c}, {}", k.name),
        (None, Some(k)) => k.name.clone(),
        (Some(c), None) => c.clone(),
        _ => NOT_STATED.into(),
    };
    let _ = write!(
        summary,
        "Victim: {victim} ({vtype}); location: {place}; incident date: {}; discovered: {}.",
        r.incident_date
            .value()
            .map(String::as_str)
            .unwrap_or(NOT_STATED),
        r.discovery_date
            .value()
            .map(String::as_str)
            .unwrap_or(NOT_STATED),
    );
    let cia: Vec<&str> = [
        ("confidentiality", &r.cia.confidentiality),
        ("integrity", &r.cia.integrity),
        ("availability", &r.cia.availability),
    ]
    .iter()
    .filter(|(_, f)| f.value() == Some(&true))
    .map(|(n, _)| *n)
    .collect();
    let _ = write!(
        summary,
        " Security attributes affected: {}.",
        if cia.is_empty() {
            NOT_STATED.to_string()
        } else {
            cia.join(", ")
        }
    );
    let key: Vec<String> = r.impacts.iter().take(4).map(impact_text).collect();
    if !key.is_empty() {
        let _ = write!(summary, " Key impacts: {}.", key.join("; "));
    }
    let actors: Vec<&str> = r.threat_actors.iter().map(|a| a.name.as_str()).collect();
    let _ = write!(
        summary,
        " Threat actor: {}.",
        if actors.is_empty() {
            NOT_STATED.to_string()
        } else {
            actors.join(", ")
        }
    );
    let mut blocks = vec![Block::Para(summary)];
    blocks.push(Block::Fields(vec![(
        "Lead".into(),
        field_line(&r.summary, |s| s.clone()),
    )]));
    sections.push(Section {
        title: "Executive summary".into(),
        blocks,
    });

    // Incident details.
    let mut fields: Vec<(String, Line)> = Vec::new();
    if r.victims.is_empty() {
        fields.push(("Organisation".into(), not_stated()));
        fields.push(("Organisation type".into(), not_stated()));
    }
    for v in &r.victims {
        fields.push((
            "Organisation".into(),
            ev_line(v.name.clone(), v.provenance, &v.evidence),
        ));
        fields.push((
            "Organisation type".into(),
            ev_line(v.org_type.clone(), v.provenance, &v.evidence),
        ));
    }
    fields.push(("Sector".into(), field_line(&r.sector, |s| s.clone())));
    fields.push((
        "Country".into(),
        field_line(&r.country, |c| format!("{} ({})", c.name, c.code)),
    ));
    fields.push(("City".into(), field_line(&r.city, |s| s.clone())));
    fields.push((
        "Incident date".into(),
        field_line(&r.incident_date, |s| s.clone()),
    ));
    fields.push((
        "Discovery date".into(),
        field_line(&r.discovery_date, |s| s.clone()),
    ));
    fields.push((
        "Publication date".into(),
        field_line(&r.publication_date, |s| s.clone()),
    ));
    fields.push(("Confidentiality".into(), cia_text(&r.cia.confidentiality)));
    fields.push(("Integrity".into(), cia_text(&r.cia.integrity)));
    fields.push(("Availability".into(), cia_text(&r.cia.availability)));
    let motives = or_not_stated(
        r.motives
            .iter()
            .map(|m| ev_line(m.value.clone(), m.provenance, &m.evidence))
            .collect(),
    );
    for m in motives {
        fields.push(("Motive".into(), m));
    }
    let actors = or_not_stated(
        r.threat_actors
            .iter()
            .map(|a| {
                let mut t = format!("{} ({})", a.name, a.actor_type);
                if let Some(c) = &a.country {
                    let _ = write!(t, ", attributed to {c}");
                }
                ev_line(t, a.provenance, &a.evidence)
            })
            .collect(),
    );
    for a in actors {
        fields.push(("Threat actor".into(), a));
    }
    for m in or_not_stated(
        r.malware
            .iter()
            .map(|m| ev_line(m.value.clone(), m.provenance, &m.evidence))
            .collect(),
    ) {
        fields.push(("Malware".into(), m));
    }
    sections.push(Section {
        title: "Incident details".into(),
        blocks: vec![Block::Fields(fields)],
    });

    // Timeline.
    sections.push(Section {
        title: "Timeline".into(),
        blocks: timeline(r),
    });

    // Attack methodology by tactic.
    let mut blocks = Vec::new();
    for tactic in &attack.tactics {
        let lines: Vec<Line> = r
            .techniques
            .iter()
            .filter(|t| t.tactics.contains(&tactic.id))
            .map(|t| {
                ev_line(
                    format!("{} {} (matched \"{}\")", t.id, t.name, t.matched),
                    t.provenance,
                    &t.evidence,
                )
            })
            .collect();
        if !lines.is_empty() {
            blocks.push(Block::Group(
                format!("{} {}", tactic.id, tactic.name),
                lines,
            ));
        }
    }
    if blocks.is_empty() {
        blocks.push(Block::Para(format!("Techniques: {NOT_STATED}.")));
    }
    sections.push(Section {
        title: "Attack methodology (MITRE ATT&CK)".into(),
        blocks,
    });

    // Impact assessment.
    let by = |cat: &str| -> Vec<Line> {
        or_not_stated(
            r.impacts
                .iter()
                .filter(|f| f.category == cat)
                .map(|f| ev_line(impact_text(f), f.provenance, &f.evidence))
                .collect(),
        )
    };
    let mut data = by("data");
    if let Some(f) = r.cia.confidentiality.fact() {
        let line = Line {
            text: if f.value {
                "data accessed, stolen or leaked".into()
            } else {
                "no data disclosure (stated)".into()
            },
            note: Some(f.provenance.as_str().into()),
            evidence: Some(f.evidence.sentence.clone()),
        };
        if data.len() == 1 && data[0].text == NOT_STATED {
            data = vec![line];
        } else {
            data.insert(0, line);
        }
    }
    sections.push(Section {
        title: "Impact assessment".into(),
        blocks: vec![
            Block::Group("Financial".into(), by("financial")),
            Block::Group("Data breach".into(), data),
            Block::Group("Operational".into(), by("operational")),
            Block::Group("Reputational".into(), or_not_stated(reputational(r))),
        ],
    });

    // IOCs.
    let rows: Vec<Vec<String>> = r
        .iocs
        .iter()
        .map(|i| vec![i.kind.clone(), i.value.clone(), i.original.clone()])
        .collect();
    sections.push(Section {
        title: "Indicators of compromise".into(),
        blocks: if rows.is_empty() {
            vec![Block::Para(format!("Indicators: {NOT_STATED}."))]
        } else {
            vec![Block::Table(
                vec!["kind".into(), "value".into(), "as written".into()],
                rows,
            )]
        },
    });

    // Response actions by phase.
    let phase = |p: &str| -> Vec<Line> {
        or_not_stated(
            r.response_actions
                .iter()
                .filter(|a| a.phase == p)
                .map(|a| ev_line(a.kind.replace('_', " "), a.provenance, &a.evidence))
                .collect(),
        )
    };
    sections.push(Section {
        title: "Response actions".into(),
        blocks: vec![
            Block::Group("Containment".into(), phase("containment")),
            Block::Group("Eradication".into(), phase("eradication")),
            Block::Group("Recovery".into(), phase("recovery")),
        ],
    });
    sections.push(Section {
        title: "Lessons learned".into(),
        blocks: vec![Block::List(or_not_stated(
            r.lessons_learned
                .iter()
                .map(|i| ev_line(i.value.clone(), i.provenance, &i.evidence))
                .collect(),
        ))],
    });
    sections.push(Section {
        title: "Recommendations".into(),
        blocks: vec![Block::List(or_not_stated(
            r.recommendations
                .iter()
                .map(|i| ev_line(i.value.clone(), i.provenance, &i.evidence))
                .collect(),
        ))],
    });
    let mut src = vec![Line {
        text: r.source.path.clone(),
        note: Some(r.source.format.clone()),
        evidence: None,
    }];
    if let Some(u) = &r.source.url {
        src.push(Line {
            text: u.clone(),
            note: Some("url".into()),
            evidence: None,
        });
    }
    if let Some(g) = &r.source.guid {
        src.push(Line {
            text: g.clone(),
            note: Some("guid".into()),
            evidence: None,
        });
    }
    sections.push(Section {
        title: "Sources".into(),
        blocks: vec![Block::List(src)],
    });
    Report {
        title: r.title.clone(),
        id: r.id.clone(),
        sections,
    }
}

fn reputational(r: &IncidentRecord) -> Vec<Line> {
    let re = regex::Regex::new(
        r"(?i)\b(?:reputation\w*|public trust|lawsuits?|class[- ]action|criticis\w*|condemned|outrage|apolog\w*)\b",
    )
    .expect("re");
    text::sentences(&r.text)
        .into_iter()
        .map(|s| &r.text[s.start..s.end])
        .filter(|s| re.is_match(s))
        .map(|s| Line {
            text: s.to_string(),
            note: Some("stated".into()),
            evidence: None,
        })
        .collect()
}

fn timeline(r: &IncidentRecord) -> Vec<Block> {
    // One source of truth: a step is dated only by the record's own incident or discovery
    // date, when the step's evidence is the sentence that date was read from. The
    // timeline never re-reads dates from the text, so it cannot date what the record
    // leaves "not stated" (a background sentence's date, a relative day the extractor
    // could not anchor), nor disagree with the Incident details above it.
    let date_of = |e: &Evidence| -> Option<String> {
        [&r.incident_date, &r.discovery_date]
            .into_iter()
            .filter_map(|f| f.fact())
            .find(|f| f.evidence.sentence == e.sentence)
            .map(|f| {
                if f.provenance == Provenance::Inferred {
                    format!("{} (inferred)", f.value)
                } else {
                    f.value.clone()
                }
            })
    };
    let stage = |tactics: &[&str]| -> Vec<Line> {
        r.techniques
            .iter()
            .filter(|t| t.tactics.iter().any(|x| tactics.contains(&x.as_str())))
            .map(|t| {
                let when = date_of(&t.evidence).unwrap_or_else(|| "date not stated".into());
                ev_line(
                    format!("{when}: {} {}", t.id, t.name),
                    t.provenance,
                    &t.evidence,
                )
            })
            .collect()
    };
    let mut detect: Vec<Line> = Vec::new();
    if let Some(f) = r.incident_date.fact() {
        detect.push(Line {
            text: format!("{}: incident began", f.value),
            note: Some(note(f.provenance, f.rule.as_deref())),
            evidence: Some(f.evidence.sentence.clone()),
        });
    }
    if let Some(f) = r.discovery_date.fact() {
        detect.push(Line {
            text: format!("{}: discovered", f.value),
            note: Some(note(f.provenance, f.rule.as_deref())),
            evidence: Some(f.evidence.sentence.clone()),
        });
    }
    for a in &r.response_actions {
        let when = date_of(&a.evidence).unwrap_or_else(|| "date not stated".into());
        detect.push(ev_line(
            format!("{when}: {}", a.kind.replace('_', " ")),
            a.provenance,
            &a.evidence,
        ));
    }
    vec![
        Block::Group(
            "Initial access".into(),
            or_not_stated(stage(&["TA0043", "TA0042", "TA0001"])),
        ),
        Block::Group(
            "Execution and lateral movement".into(),
            or_not_stated(stage(&[
                "TA0002", "TA0003", "TA0004", "TA0005", "TA0006", "TA0007", "TA0008",
            ])),
        ),
        Block::Group(
            "Exfiltration and impact".into(),
            or_not_stated(stage(&["TA0009", "TA0011", "TA0010", "TA0040"])),
        ),
        Block::Group("Detection and response".into(), or_not_stated(detect)),
    ]
}

// ---------------------------------------------------------------------------------------
// Markdown

fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn md_line(l: &Line) -> String {
    let mut s = md_escape(&l.text);
    if let Some(n) = &l.note {
        let _ = write!(s, " *({})*", md_escape(n));
    }
    if let Some(e) = &l.evidence {
        let _ = write!(s, "\n  > {}", md_escape(e));
    }
    s
}

/// The report of an incident with several sources: the first report's sections, its
/// "Sources" section listing every report, and a "Sources compared" section with what
/// further sources add and where they disagree (each value with its source and evidence).
pub fn build_incident(inc: &crate::sources::Incident) -> Report {
    let mut rep = build(&inc.record);
    if inc.sources.len() < 2 {
        return rep;
    }
    let list: Vec<Line> = inc
        .sources
        .iter()
        .map(|s| Line {
            text: format!(
                "{} — {} ({})",
                s.title,
                s.url.as_deref().unwrap_or(&s.path),
                s.published.as_deref().unwrap_or("date not stated")
            ),
            note: Some(format!("{} source {}", s.role, s.id)),
            evidence: None,
        })
        .collect();
    if let Some(sec) = rep.sections.iter_mut().find(|s| s.title == "Sources") {
        sec.blocks = vec![Block::List(list)];
    }
    let line = |v: &crate::sources::SourcedValue| Line {
        text: format!("{}: {}", v.field, v.value),
        note: Some(format!("{} in {}", v.provenance.as_str(), v.source)),
        evidence: Some(v.evidence.sentence.clone()),
    };
    let mut blocks = Vec::new();
    blocks.push(Block::Group(
        "Stated only by further sources".into(),
        or_not_stated(inc.supplements.iter().map(line).collect()),
    ));
    let conflicts: Vec<Line> = inc
        .conflicts
        .iter()
        .flat_map(|c| c.values.iter().map(line))
        .collect();
    blocks.push(Block::Group(
        "Values the sources disagree on (all shown, none chosen)".into(),
        if conflicts.is_empty() {
            vec![Line {
                text: "none".into(),
                note: None,
                evidence: None,
            }]
        } else {
            conflicts
        },
    ));
    rep.sections.push(Section {
        title: "Sources compared".into(),
        blocks,
    });
    rep
}

/// The report as Markdown.
pub fn markdown(r: &IncidentRecord) -> String {
    render_markdown(&build(r))
}

/// The report of an incident with all its sources, as Markdown.
pub fn markdown_incident(inc: &crate::sources::Incident) -> String {
    render_markdown(&build_incident(inc))
}

/// The report of an incident with all its sources, as a standalone HTML page.
pub fn html_incident(inc: &crate::sources::Incident) -> String {
    render_html(&build_incident(inc))
}

fn render_markdown(rep: &Report) -> String {
    let mut s = format!("# {}\n\nIncident `{}`\n", md_escape(&rep.title), rep.id);
    for sec in &rep.sections {
        let _ = write!(s, "\n## {}\n\n", sec.title);
        for b in &sec.blocks {
            match b {
                Block::Para(p) => {
                    let _ = write!(s, "{}\n\n", md_escape(p));
                }
                Block::Fields(fs) => {
                    for (k, l) in fs {
                        let _ = writeln!(s, "- **{k}:** {}", md_line(l));
                    }
                    s.push('\n');
                }
                Block::List(ls) => {
                    for l in ls {
                        let _ = writeln!(s, "- {}", md_line(l));
                    }
                    s.push('\n');
                }
                Block::Group(t, ls) => {
                    let _ = write!(s, "### {}\n\n", md_escape(t));
                    for l in ls {
                        let _ = writeln!(s, "- {}", md_line(l));
                    }
                    s.push('\n');
                }
                Block::Table(h, rows) => {
                    let _ = writeln!(s, "| {} |", h.join(" | "));
                    let _ = writeln!(s, "|{}|", vec!["---"; h.len()].join("|"));
                    for row in rows {
                        let cells: Vec<String> = row
                            .iter()
                            .map(|c| format!("`{}`", c.replace('`', "'")))
                            .collect();
                        let _ = writeln!(s, "| {} |", cells.join(" | "));
                    }
                    s.push('\n');
                }
            }
        }
    }
    s
}

// ---------------------------------------------------------------------------------------
// HTML

fn esc(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

fn html_line(l: &Line) -> String {
    let mut s = format!("<span class=\"value\">{}</span>", link_or_text(&l.text));
    if let Some(n) = &l.note {
        let cls = if n.starts_with("inferred") {
            "inferred"
        } else {
            "stated"
        };
        let _ = write!(s, " <span class=\"{cls}\">{}</span>", esc(n));
    }
    if l.text == NOT_STATED {
        s = format!("<span class=\"not-stated\">{NOT_STATED}</span>");
    }
    if let Some(e) = &l.evidence {
        let _ = write!(s, "<blockquote>{}</blockquote>", esc(e));
    }
    s
}

/// Only plain `http(s)` URLs become links; everything else is text.
fn link_or_text(t: &str) -> String {
    let is_url = (t.starts_with("https://") || t.starts_with("http://"))
        && !t
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>');
    if is_url {
        format!(
            "<a href=\"{}\" rel=\"nofollow noopener\">{}</a>",
            html_escape::encode_double_quoted_attribute(t),
            esc(t)
        )
    } else {
        esc(t)
    }
}

/// The report as a standalone HTML page. All text from the article is escaped.
pub fn html(r: &IncidentRecord) -> String {
    render_html(&build(r))
}

fn render_html(rep: &Report) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n<title>{}</title>\n<style>\nbody{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45;color:#222}}\nh1{{font-size:1.6rem}}h2{{border-bottom:1px solid #ccc;margin-top:2rem}}\nblockquote{{margin:.2rem 0 .6rem 1rem;padding-left:.6rem;border-left:3px solid #bbb;color:#555;font-size:.92em}}\n.stated{{color:#1a6e1a;font-size:.85em}}.inferred{{color:#a15c00;font-size:.85em}}.not-stated{{color:#888;font-style:italic}}\ntable{{border-collapse:collapse}}td,th{{border:1px solid #ccc;padding:.2rem .5rem;font-family:monospace}}\n</style>\n</head>\n<body>\n<h1>{}</h1>\n<p>Incident <code>{}</code></p>\n",
        esc(&rep.title),
        esc(&rep.title),
        esc(&rep.id)
    );
    for sec in &rep.sections {
        let _ = writeln!(s, "<section>\n<h2>{}</h2>", esc(&sec.title));
        for b in &sec.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(s, "<p>{}</p>", esc(p));
                }
                Block::Fields(fs) => {
                    s.push_str("<dl>\n");
                    for (k, l) in fs {
                        let _ = writeln!(s, "<dt>{}</dt><dd>{}</dd>", esc(k), html_line(l));
                    }
                    s.push_str("</dl>\n");
                }
                Block::List(ls) => {
                    s.push_str("<ul>\n");
                    for l in ls {
                        let _ = writeln!(s, "<li>{}</li>", html_line(l));
                    }
                    s.push_str("</ul>\n");
                }
                Block::Group(t, ls) => {
                    let _ = writeln!(s, "<h3>{}</h3>\n<ul>", esc(t));
                    for l in ls {
                        let _ = writeln!(s, "<li>{}</li>", html_line(l));
                    }
                    s.push_str("</ul>\n");
                }
                Block::Table(h, rows) => {
                    s.push_str("<table>\n<tr>");
                    for c in h {
                        let _ = write!(s, "<th>{}</th>", esc(c));
                    }
                    s.push_str("</tr>\n");
                    for row in rows {
                        s.push_str("<tr>");
                        for c in row {
                            let _ = write!(s, "<td>{}</td>", esc(c));
                        }
                        s.push_str("</tr>\n");
                    }
                    s.push_str("</table>\n");
                }
            }
        }
        s.push_str("</section>\n");
    }
    s.push_str("</body>\n</html>\n");
    s
}

/// The incident page as plain text (what `cordon intel show` prints): victim, date,
/// location, summary, CIA posture, motives, techniques, threat actors, impacts, response,
/// sources — each marked stated or inferred, or "not stated".
pub fn summary_text(r: &IncidentRecord) -> String {
    let mut s = String::new();
    let mark = |p: Provenance| match p {
        Provenance::Stated => "",
        Provenance::Inferred => " (inferred)",
    };
    let field = |f: &Field<String>| -> String {
        match f.fact() {
            Some(x) => format!("{}{}", x.value, mark(x.provenance)),
            None => NOT_STATED.to_string(),
        }
    };
    let _ = writeln!(s, "{}  {}", r.id, r.title);
    let victims: Vec<String> = r
        .victims
        .iter()
        .map(|v| format!("{} ({})", v.name, v.org_type))
        .collect();
    let _ = writeln!(
        s,
        "victim:        {}",
        if victims.is_empty() {
            NOT_STATED.to_string()
        } else {
            victims.join("; ")
        }
    );
    let _ = writeln!(s, "sector:        {}", field(&r.sector));
    let country = match r.country.fact() {
        Some(c) => format!("{} ({}){}", c.value.name, c.value.code, mark(c.provenance)),
        None => NOT_STATED.to_string(),
    };
    let _ = writeln!(s, "location:      {}, {}", field(&r.city), country);
    let _ = writeln!(s, "incident date: {}", field(&r.incident_date));
    let _ = writeln!(s, "discovered:    {}", field(&r.discovery_date));
    let _ = writeln!(s, "published:     {}", field(&r.publication_date));
    let cia = |f: &Field<bool>| match f.fact() {
        Some(x) => format!(
            "{}{}",
            if x.value { "affected" } else { "not affected" },
            mark(x.provenance)
        ),
        None => NOT_STATED.to_string(),
    };
    let _ = writeln!(
        s,
        "CIA:           confidentiality {}; integrity {}; availability {}",
        cia(&r.cia.confidentiality),
        cia(&r.cia.integrity),
        cia(&r.cia.availability)
    );
    let list = |v: Vec<String>| {
        if v.is_empty() {
            NOT_STATED.to_string()
        } else {
            v.join(", ")
        }
    };
    let _ = writeln!(
        s,
        "motives:       {}",
        list(
            r.motives
                .iter()
                .map(|m| format!("{}{}", m.value, mark(m.provenance)))
                .collect()
        )
    );
    let _ = writeln!(
        s,
        "threat actors: {}",
        list(
            r.threat_actors
                .iter()
                .map(|a| format!("{} ({})", a.name, a.actor_type))
                .collect()
        )
    );
    let _ = writeln!(
        s,
        "malware:       {}",
        list(r.malware.iter().map(|m| m.value.clone()).collect())
    );
    let _ = writeln!(
        s,
        "techniques:    {}",
        list(
            r.techniques
                .iter()
                .map(|t| format!("{} {}", t.id, t.name))
                .collect()
        )
    );
    let _ = writeln!(s, "impacts:");
    if r.impacts.is_empty() {
        let _ = writeln!(s, "  {NOT_STATED}");
    }
    for f in &r.impacts {
        let _ = writeln!(s, "  - {}", impact_text(f));
    }
    let _ = writeln!(s, "response:");
    if r.response_actions.is_empty() {
        let _ = writeln!(s, "  {NOT_STATED}");
    }
    for a in &r.response_actions {
        let _ = writeln!(s, "  - {} ({})", a.kind.replace('_', " "), a.phase);
    }
    let _ = writeln!(
        s,
        "indicators:    {}",
        list(
            r.iocs
                .iter()
                .map(|i| format!("{} {}", i.kind, i.value))
                .collect()
        )
    );
    let _ = writeln!(s, "summary:       {}", field(&r.summary));
    let _ = writeln!(
        s,
        "source:        {}{}",
        r.source.path,
        r.source
            .url
            .as_deref()
            .map(|u| format!(" <{u}>"))
            .unwrap_or_default()
    );
    s
}

impl crate::store::SearchHit {
    /// The date column of a search result, the one rendering `cordon intel search` and the
    /// server's incident list share: the incident date as is, a publication date standing
    /// in for a date the record leaves "not stated" marked `(published)`
    /// ("2026-11-28 (published)"), `-` without any date.
    pub fn date_label(&self) -> String {
        match (&self.date, self.date_kind.as_deref()) {
            (Some(d), Some("published")) => format!("{d} (published)"),
            (Some(d), _) => d.clone(),
            (None, _) => "-".into(),
        }
    }
}
