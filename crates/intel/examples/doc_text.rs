//! Developer helper: `cargo run -p cordon-intel --example doc_text -- FILE...` prints the
//! text extraction runs on (title, `Published:` line, body) for each document of each file.
fn main() {
    for f in std::env::args().skip(1) {
        let content = std::fs::read_to_string(&f).expect("read");
        for doc in cordon_intel::ingest::parse(&f, &content).expect("parse") {
            println!("=== {}\n{}", doc.source, doc.text());
        }
    }
}
