//! Bounds, not timings (issue 12 F3/F4): a service over thousands of
//! components and a chain of thousands of dependencies build bounded trees,
//! on a small stack, and evaluate directly.

use cordon_model::{ComponentId, Model, ServiceId};
use cordon_services::{ServiceState, availability, service_fault_tree, service_statuses};

fn pool(n: usize) -> Model {
    let mut y = String::from("name: big service\nzones:\n  - { id: lan }\ncomponents:\n");
    for i in 0..n {
        y.push_str(&format!(
            "  - {{ id: ws{i}, kind: workstation, zone: lan, tags: [pool] }}\n"
        ));
    }
    y.push_str("services:\n  - { id: desk, needs: \"any(tag:pool)\" }\n");
    Model::from_yaml(&y, "pool.yaml").unwrap()
}

fn chain(n: usize) -> Model {
    let mut y =
        String::from("name: chain\ndefaults: false\nzones:\n  - { id: lan }\ncomponents:\n");
    for i in 0..n {
        y.push_str(&format!(
            "  - {{ id: s{i}, kind: network-switch, zone: lan }}\n"
        ));
    }
    y.push_str("interactions:\n");
    for i in 0..n - 1 {
        y.push_str(&format!(
            "  - {{ from: s{i}, to: s{}, kind: supplies }}\n",
            i + 1
        ));
    }
    y.push_str(&format!(
        "services:\n  - {{ id: desk, needs: \"s{}\" }}\n",
        n - 1
    ));
    Model::from_yaml(&y, "chain.yaml").unwrap()
}

/// Runs `f` on a thread with a 1 MiB stack (tokio's workers have 2 MiB).
fn small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

#[test]
fn a_wide_service_builds_gates_of_bounded_fan_in() {
    let n = 20_000;
    let m = pool(n);
    let tree = small_stack(move || service_fault_tree(&m, ServiceId(0)).unwrap());
    let widest = tree.gates().iter().map(|g| g.inputs.len()).max().unwrap();
    assert!(widest <= 32, "a gate of {widest} inputs");
    let inputs: usize = tree.gates().iter().map(|g| g.inputs.len()).sum();
    assert!(inputs < 2 * n, "{inputs} gate inputs for {n} components");
}

#[test]
fn a_deep_dependency_chain_does_not_overflow_the_stack() {
    let n = 20_000;
    let m = chain(n);
    let m2 = m.clone();
    let tree = small_stack(move || service_fault_tree(&m2, ServiceId(0)).unwrap());
    assert_eq!(tree.basic_events().len(), n);
    // Direct evaluation: the first switch down stops the last one.
    let mut down = vec![false; n];
    down[0] = true;
    let a = small_stack(move || {
        let a = availability(&m, &down, &[]);
        let st = service_statuses(&m, &a, &[]);
        (
            a.unavailable.iter().filter(|u| **u).count(),
            st[0].state.clone(),
        )
    });
    assert_eq!(a.0, n);
    assert_eq!(a.1, ServiceState::Down);
    let _ = ComponentId(0);
}

#[test]
fn a_long_chain_of_services_does_not_overflow_the_stack() {
    let n = 5_000;
    let mut y = String::from(
        "name: services chain\nzones:\n  - { id: lan }\ncomponents:\n  - { id: ws, kind: workstation, zone: lan }\nservices:\n  - { id: s0, needs: \"ws\" }\n",
    );
    for i in 1..n {
        y.push_str(&format!("  - {{ id: s{i}, needs: \"s{}\" }}\n", i - 1));
    }
    let m = Model::from_yaml(&y, "services.yaml").unwrap();
    let last = ServiceId(n as u32 - 1);
    let m2 = m.clone();
    let tree = small_stack(move || service_fault_tree(&m2, last).unwrap());
    assert_eq!(tree.basic_events().len(), 1);
    let ws = m.component_id("ws").unwrap();
    let st = small_stack(move || cordon_services::service_states(&m, &[ws]));
    assert!(st.iter().all(|s| *s == ServiceState::Down));
}
