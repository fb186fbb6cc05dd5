//! The air-gap plan: the smallest set of links to sever so that nothing
//! external reaches the core, as a runbook a team can rehearse.

use cordon_model::{AccessLevel, ComponentId, InteractionKind, Model, RuleOrigin};
use cordon_paths::AttackGraph;
use cordon_report::words::possessive;

use crate::Error;
use crate::care::{CareImpact, ServiceOutcome};
use crate::cut::{interaction_cost, min_interaction_cut_sparing_care, reaches_any};
use crate::situation::{Situation, evaluate, evaluate_cut};

/// One link to sever.
#[derive(Clone, Debug)]
pub struct AirGapStep {
    /// The interaction (index into `model.interactions`).
    pub interaction: usize,
    /// Hops from the outside to its source (0: the source is external).
    pub depth: u32,
    /// What to do, in words.
    pub action: String,
    /// Who usually does it.
    pub who: String,
    /// How to check it worked.
    pub verify: String,
    /// Cut cost.
    pub cost: f64,
    /// Criticality-weighted care with this step and every earlier one in
    /// force (share of normal, 0..=1).
    pub care_after: f64,
    /// Services this step stops or degrades (one line each, with the
    /// fallback): the runbook's warnings.
    pub warnings: Vec<String>,
}

/// The air-gap plan for a core.
#[derive(Clone, Debug)]
pub struct AirGapPlan {
    /// The core selection, as given.
    pub core_text: String,
    /// The core components.
    pub core: Vec<ComponentId>,
    /// The external components the core is separated from.
    pub outside: Vec<ComponentId>,
    /// Ordered steps, outermost link first.
    pub steps: Vec<AirGapStep>,
    /// Total cost.
    pub cost: f64,
    /// Re-running the path engine without these links: nothing external reaches the core.
    pub verified: bool,
    /// Core components reachable from outside before the air gap.
    pub exposed_before: usize,
    /// Every service with the air gap in force (the plan's links cut, nothing
    /// else), from the situation engine.
    pub services: Vec<ServiceOutcome>,
    /// Care in plain words.
    pub care: CareImpact,
    /// The red phase for comparison: every external link cut (`isolate:
    /// external`), same engine.
    pub red_phase_services: Vec<ServiceOutcome>,
    /// Care of the red phase.
    pub red_phase_care: CareImpact,
}

fn who_and_what(model: &Model, i: usize) -> (String, String, String) {
    let e = &model.interactions[i];
    let rule = model.rule(e.rule);
    // Readable names (an AD import's ids are SIDs).
    let from = &cordon_paths::reading::display_name(model, e.from);
    let to = &cordon_paths::reading::display_name(model, e.to);
    let proto = rule
        .protocol
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let external = model.is_external(e.from);
    let (what, who) = match (&rule.origin, e.kind) {
        (RuleOrigin::Exposure(_), _) => (
            format!(
                "Withdraw the exposure of {to} to {from}: remove its NAT/port-forward and allow rules on the edge firewall"
            ),
            "network team (edge firewall)",
        ),
        (_, InteractionKind::Connects | InteractionKind::Sends | InteractionKind::Resolves) => (
            format!(
                "Block {from} → {to}{proto} on the firewall between them (deny rule, log hits)"
            ),
            "network team",
        ),
        (_, InteractionKind::Authenticates | InteractionKind::Credentials) => (
            format!(
                "Stop {to} accepting identities from {from}{proto}: disable the trust/federation, rotate the credentials it uses"
            ),
            "identity team",
        ),
        (_, InteractionKind::Controls | InteractionKind::Hosts) => (
            format!(
                "Revoke {} administrative access to {to}{proto}: disable the agent or admin account, block the management port",
                possessive(from)
            ),
            "system administrators",
        ),
        (
            _,
            InteractionKind::Reads
            | InteractionKind::Writes
            | InteractionKind::Stores
            | InteractionKind::BacksUp,
        ) => (
            format!(
                "Stop the data flow {from} → {to}{proto}: disable the interface or service account, block the port"
            ),
            "application owners with the network team",
        ),
        (_, InteractionKind::Supplies) => (
            format!("Disconnect {from} from {to}"),
            "facilities / network team",
        ),
    };
    let who = if external {
        format!("{who}; tell the external party ({from})")
    } else {
        who.to_string()
    };
    let verify = format!(
        "From {} side, try {to}{proto}: the connection must fail (and show in the firewall log); then re-run `cordon airgap` or `cordon paths` to confirm no path",
        possessive(from)
    );
    (what, who, verify)
}

/// The smallest set of interactions (by `cut_cost`, default 1) whose removal
/// leaves every core component unreachable, at any level, from every
/// external component, ordered outermost first; verified by the path engine.
/// `core_text` is a selector list, read by [`Model::select_list`] (`zone:core`,
/// `zone:clinical,zone:identity`, `zone:servers,!backup-server`); its errors
/// are [`Error::Selection`].
pub fn airgap(model: &Model, core_text: &str) -> Result<AirGapPlan, Error> {
    // The selector-list grammar every command and the API share (`a,b`,
    // `!SELECTOR`), with its errors naming the item at fault.
    let core = model
        .select_list(core_text)
        .map_err(|e| Error::Selection(e.to_string()))?;
    let outside: Vec<ComponentId> = model
        .component_ids()
        .filter(|&c| model.is_external(c) && !core.contains(&c))
        .collect();
    if outside.is_empty() {
        return Err(Error::Selection(
            "the model has no external zone: nothing to air-gap from".into(),
        ));
    }
    let no_cut = vec![false; model.interactions.len()];
    let no_down = vec![false; model.components.len()];
    let graph = AttackGraph::new(model);
    let map = graph.access_from(&outside);
    let exposed_before = core
        .iter()
        .filter(|&&c| map.level(c) > AccessLevel::None)
        .count();
    // Prefer links whose cut costs no care: the air gap should keep what
    // the red phase loses whenever another link does the same job.
    let (cut, cost, _) = min_interaction_cut_sparing_care(
        model,
        &no_cut,
        &no_down,
        &outside,
        &core,
        AccessLevel::Reach,
        &[],
    )
    .ok_or_else(|| Error::Selection("no finite cut separates the core from the outside".into()))?;
    let mut mask = no_cut.clone();
    for &i in &cut {
        mask[i] = true;
    }
    let verified = !reaches_any(model, &mask, &no_down, &outside, &core, AccessLevel::Reach);
    let mut steps: Vec<AirGapStep> = cut
        .iter()
        .map(|&i| {
            let from = model.interactions[i].from;
            let depth = map.hops_to(from).unwrap_or(u32::MAX);
            let (action, who, verify) = who_and_what(model, i);
            AirGapStep {
                interaction: i,
                depth,
                action,
                who,
                verify,
                cost: interaction_cost(model, i),
                care_after: 1.0,
                warnings: Vec::new(),
            }
        })
        .collect();
    steps.sort_by(|a, b| {
        a.depth
            .cmp(&b.depth)
            .then(a.interaction.cmp(&b.interaction))
    });
    // The care of the plan itself, step by step, with the one engine.
    let mut running = no_cut.clone();
    let mut before = evaluate_cut(model, &running, &no_down);
    for st in &mut steps {
        running[st.interaction] = true;
        let after = evaluate_cut(model, &running, &no_down);
        st.care_after = after.care.care_capacity;
        st.warnings = after
            .services
            .iter()
            .zip(&before.services)
            .filter(|(a, b)| a.state.capacity() < b.state.capacity())
            .map(|(a, _)| {
                if a.cause.is_empty() {
                    format!("costs care: {}", a.summary)
                } else {
                    format!("costs care: {} — because {}", a.summary, a.cause.join("; "))
                }
            })
            .collect();
        before = after;
    }
    let e = before;
    let (services, care) = (e.services, e.care);
    let mut red = Situation::new(model);
    red.isolate_set(model, "external".into(), &outside);
    let red = evaluate(model, &red);
    Ok(AirGapPlan {
        core_text: core_text.to_string(),
        core,
        outside,
        steps,
        cost,
        verified,
        exposed_before,
        services,
        care,
        red_phase_services: red.services,
        red_phase_care: red.care,
    })
}
