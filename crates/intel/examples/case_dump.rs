//! Developer helper: `cargo run -p cordon-intel --example case_dump -- FILE...` prints the
//! main fields of the record extracted from each text file.
fn main() {
    for f in std::env::args().skip(1) {
        let content = std::fs::read_to_string(&f).expect("read");
        let docs = cordon_intel::ingest::parse(&f, &content).expect("parse");
        for doc in docs {
            let r = cordon_intel::extract(&doc);
            println!(
                "=== {f} [{}] title={:?}",
                r.language.as_deref().unwrap_or("?"),
                r.title
            );
            let v: Vec<String> = r
                .victims
                .iter()
                .map(|v| format!("{} ({})", v.name, v.org_type))
                .collect();
            println!(
                "  victims {:?} sector {:?} country {:?} city {:?}",
                v,
                r.sector.value(),
                r.country.value().map(|c| &c.code),
                r.city.value()
            );
            println!(
                "  city rule {:?} ev {:?}",
                r.city.fact().and_then(|f| f.rule.clone()),
                r.city
                    .fact()
                    .map(|f| f.evidence.sentence.chars().take(90).collect::<String>())
            );
            println!(
                "  incident {:?} discovery {:?} published {:?}",
                r.incident_date.value(),
                r.discovery_date.value(),
                r.publication_date.value()
            );
            println!(
                "  cia c={:?} i={:?} a={:?}",
                r.cia.confidentiality.value(),
                r.cia.integrity.value(),
                r.cia.availability.value()
            );
            println!(
                "  actors {:?} malware {:?} motives {:?}",
                r.threat_actors.iter().map(|a| &a.name).collect::<Vec<_>>(),
                r.malware.iter().map(|a| &a.value).collect::<Vec<_>>(),
                r.motives.iter().map(|a| &a.value).collect::<Vec<_>>()
            );
            println!(
                "  techniques {:?}",
                r.techniques
                    .iter()
                    .map(|t| format!("{} <{}>", t.id, t.matched))
                    .collect::<Vec<_>>()
            );
            println!(
                "  impacts {:?}",
                r.impacts
                    .iter()
                    .map(|i| format!("{:?} {} {}", i.count, i.unit, i.effect))
                    .collect::<Vec<_>>()
            );
            println!(
                "  responses {:?}",
                r.response_actions
                    .iter()
                    .map(|a| &a.kind)
                    .collect::<Vec<_>>()
            );
            println!(
                "  iocs {:?} recs {:?}",
                r.iocs.iter().map(|a| &a.value).collect::<Vec<_>>(),
                r.recommendations
                    .iter()
                    .map(|a| &a.value)
                    .collect::<Vec<_>>()
            );
            if !r.noise.set_apart.is_empty() {
                println!("  set apart {:?}", r.noise.set_apart);
            }
        }
    }
}
