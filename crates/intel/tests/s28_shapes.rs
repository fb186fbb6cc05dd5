//! Session 28 (issue 15): general shapes found in the development sets' misses, each with
//! counter-examples where the rule could overreach. Every organisation named here is
//! invented for the test.

mod common;

use cordon_intel::extract::org_type;

/// A German medical care centre (MVZ) and an Austrian primary-care centre (PVZ) are group
/// practices, typed `healthcare provider` as every coder typed them; a day clinic, a
/// practice clinic and a laboratory MVZ keep their own types.
#[test]
fn care_centres_are_healthcare_providers() {
    for name in [
        "MVZ Lindenhang GmbH",
        "Medizinisches Versorgungszentrum am Mühlbach",
        "Primärversorgungszentrum Kogelberg",
        "PVZ Kogelberg",
    ] {
        assert_eq!(org_type(name), Some("healthcare provider"), "{name}");
    }
    assert_eq!(org_type("Tagesklinik Mühlbach"), Some("clinic"));
    assert_eq!(org_type("Praxisklinik am Kogelberg"), Some("clinic"));
    assert_eq!(org_type("MVZ Labor Lindenhang GmbH"), Some("laboratory"));
    assert_eq!(org_type("Klinikum Lindenhang"), Some("hospital"));
}
