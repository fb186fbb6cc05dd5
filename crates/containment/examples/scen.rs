//! Development helper: `cargo run -p cordon-containment --example scen -- MODEL SCENARIO`
//! prints the scenario report JSON (what `cordon scenario --format json` prints).
fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let model = cordon_model::Model::load(std::path::Path::new(&args[1]))?;
    let mode = args.get(3).map(String::as_str).unwrap_or("scenario");
    match mode {
        "recover" => {
            let s = cordon_containment::Scenario::load(std::path::Path::new(&args[2]))?;
            let p = cordon_containment::recover(&model, &s)?;
            for st in &p.steps {
                let e = &model.interactions[st.interaction];
                println!(
                    "restore {} -> {} ({}) rebuild {:?} remediate {:?} care {:.3} gain {:.3} regained {:?}",
                    model.component(e.from).id,
                    model.component(e.to).id,
                    e.kind,
                    st.rebuild
                        .iter()
                        .map(|c| &model.component(*c).id)
                        .collect::<Vec<_>>(),
                    st.remediate
                        .iter()
                        .map(|r| r.describe(&model))
                        .collect::<Vec<_>>(),
                    st.care_capacity,
                    st.care_gain,
                    st.regained.iter().map(|r| &r.0).collect::<Vec<_>>()
                );
            }
            for u in &p.unrestorable {
                let e = &model.interactions[u.interaction];
                println!(
                    "unrestorable {} -> {}",
                    model.component(e.from).id,
                    model.component(e.to).id
                );
            }
        }
        _ => {
            let s = cordon_containment::Scenario::load(std::path::Path::new(&args[2]))?;
            let r = cordon_containment::scenario_report(&model, &s)?;
            for st in &r.steps {
                println!(
                    "== {:?}\n  warnings {:?}\n  attackers {:?} held_off {:?}\n  counts {:?}\n  jewels {:?}\n  unavailable {:?}\n  care {:.3} {:?}",
                    st.step
                        .as_ref()
                        .map(|s| format!("{:?} {}", s.action, s.target)),
                    st.warnings,
                    st.attackers,
                    st.held_switched_off
                        .iter()
                        .map(|h| &h.note)
                        .collect::<Vec<_>>(),
                    st.counts,
                    st.crown_jewels
                        .iter()
                        .map(|j| format!("{}:{}", j.id, j.level))
                        .collect::<Vec<_>>(),
                    st.unavailable_causes
                        .iter()
                        .map(|u| &u.cause)
                        .collect::<Vec<_>>(),
                    st.care.capacity,
                    st.care.summary
                );
                for s in &st.services {
                    if !s.alternatives.is_empty() {
                        println!("  alt {}: {:?}", s.id, s.alternatives);
                    }
                }
            }
        }
    }
    Ok(())
}
