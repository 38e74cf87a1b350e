//! `codegen diagram` output: Mermaid and DOT snapshots of `examples/schemas.json`, a
//! structural check of the DOT (balanced braces, quoted ids, every edge endpoint
//! declared), Graphviz itself when `dot` is installed, and hostile names that must stay
//! inside their quotes.

use std::collections::BTreeSet;
use std::io::Write as _;
use std::process::{Command, Stdio};

use hubspot_codegen::diagram::{self, Format};
use hubspot_codegen::source::read_snapshot;
use hubspot_runtime::schema::{ObjectSchema, parse_schemas};

const EXAMPLE_SNAPSHOT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/schemas.json");

fn example() -> Vec<ObjectSchema> {
    read_snapshot(EXAMPLE_SNAPSHOT).unwrap()
}

/// Objects whose names, labels and association names try to break out of quotes, and
/// associations to standard, custom and unknown object types.
fn hostile() -> Vec<ObjectSchema> {
    parse_schemas(
        r#"[
          {"name": "quote\"d", "objectTypeId": "2-1",
           "labels": {"singular": "Say \"hi\"", "plural": "Back\\slash \\N"},
           "primaryDisplayProperty": "2nd name", "requiredProperties": ["pk", "2nd name"],
           "properties": [{"name": "2nd name", "type": "string"}, {"name": "pk", "type": "number"}],
           "associations": [
             {"id": "9", "fromObjectTypeId": "2-1", "toObjectTypeId": "2-2", "name": "a \"b\" \\ c"},
             {"id": "3", "fromObjectTypeId": "2-1", "toObjectTypeId": "0-5"},
             {"id": "4", "fromObjectTypeId": "2-1", "toObjectTypeId": "2-404", "name": "100%"}
           ]},
          {"name": "contacts", "objectTypeId": "2-2",
           "associations": [{"id": "5", "fromObjectTypeId": "2-2", "toObjectTypeId": "0-1"}]}
        ]"#,
    )
    .unwrap()
}

#[test]
fn example_mermaid() {
    let mermaid = diagram::render(&example(), Format::Mermaid);
    insta::assert_snapshot!("example_mermaid", mermaid);
}

#[test]
fn example_dot() {
    let dot = diagram::render(&example(), Format::Dot);
    insta::assert_snapshot!("example_dot", dot);
}

#[test]
fn diagram_is_deterministic_and_order_independent() {
    let mut reversed = example();
    reversed.reverse();
    for schema in &mut reversed {
        if let Some(associations) = &mut schema.associations {
            associations.reverse();
        }
        if let Some(required) = &mut schema.required_properties {
            required.reverse();
        }
    }
    for format in [Format::Mermaid, Format::Dot] {
        assert_eq!(
            diagram::render(&example(), format),
            diagram::render(&reversed, format)
        );
    }
}

/// The statements of a DOT document, checked by a small tokenizer that knows DOT's
/// quoted strings: braces balance outside strings, every id and attribute value is a
/// quoted string, and every edge endpoint is a declared node.
fn check_dot_structure(dot: &str) -> (BTreeSet<String>, Vec<(String, String)>) {
    assert!(dot.starts_with("digraph \"hubspot\" {\n"), "{dot}");
    assert!(dot.ends_with("}\n"), "{dot}");

    // Tokens: quoted strings (escapes kept), and single punctuation or bare words.
    let mut tokens: Vec<String> = Vec::new();
    let mut chars = dot.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let mut token = String::from('"');
                loop {
                    match chars.next() {
                        Some('\\') => {
                            token.push('\\');
                            token.push(chars.next().expect("no dangling backslash"));
                        }
                        Some('"') => break,
                        Some(other) => {
                            assert_ne!(other, '\n', "no raw newline inside a string");
                            token.push(other);
                        }
                        None => panic!("unterminated string in {dot}"),
                    }
                }
                token.push('"');
                tokens.push(token);
            }
            c if c.is_whitespace() => {}
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push("->".into());
            }
            '{' | '}' | '[' | ']' | ';' | ',' | '=' => tokens.push(c.to_string()),
            _ => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if next.is_ascii_alphanumeric() || next == '_' {
                        word.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(word);
            }
        }
    }
    let mut depth = 0i32;
    for token in &tokens {
        match token.as_str() {
            "{" | "[" => depth += 1,
            "}" | "]" => {
                depth -= 1;
                assert!(depth >= 0, "unbalanced closing {token}");
            }
            _ => {}
        }
    }
    assert_eq!(depth, 0, "braces and brackets balance");

    // Statements between the outer braces, split on `;`.
    let body = &tokens[3..tokens.len() - 1];
    assert_eq!(&tokens[..3], ["digraph", "\"hubspot\"", "{"]);
    let mut nodes = BTreeSet::new();
    let mut edges = Vec::new();
    for statement in body.split(|t| t == ";").filter(|s| !s.is_empty()) {
        let quoted = |t: &String| t.starts_with('"') && t.ends_with('"') && t.len() >= 2;
        // Attribute lists: every value is quoted.
        if let Some(open) = statement.iter().position(|t| t == "[") {
            for pair in statement[open + 1..statement.len() - 1].split(|t| t == ",") {
                assert_eq!(pair.len(), 3, "key=value: {pair:?}");
                assert_eq!(pair[1], "=");
                assert!(quoted(&pair[2]), "quoted value: {pair:?}");
            }
        }
        match statement[0].as_str() {
            "graph" | "node" | "edge" => {}
            _ if statement.get(1).map(String::as_str) == Some("->") => {
                assert!(
                    quoted(&statement[0]) && quoted(&statement[2]),
                    "{statement:?}"
                );
                edges.push((statement[0].clone(), statement[2].clone()));
            }
            _ => {
                assert!(quoted(&statement[0]), "node ids are quoted: {statement:?}");
                assert!(
                    nodes.insert(statement[0].clone()),
                    "declared once: {statement:?}"
                );
            }
        }
    }
    for (from, to) in &edges {
        assert!(nodes.contains(from), "edge from undeclared {from}");
        assert!(nodes.contains(to), "edge to undeclared {to}");
    }
    (nodes, edges)
}

#[test]
fn example_dot_is_structurally_valid() {
    let (nodes, edges) = check_dot_structure(&diagram::dot(&example()));
    assert_eq!(
        nodes.into_iter().collect::<Vec<_>>(),
        [
            "\"0-1\"",
            "\"0-2\"",
            "\"0-3\"",
            "\"2-2468013\"",
            "\"2-2468099\"",
            "\"2-7232155\""
        ]
    );
    // The custom objects' 4 associations and 2 per standard object.
    assert_eq!(edges.len(), 10);
}

#[test]
fn hostile_names_stay_quoted_in_dot() {
    let dot = diagram::dot(&hostile());
    let (nodes, edges) = check_dot_structure(&dot);
    // The custom object, its custom target, the standard tickets and contacts, and the
    // unknown 2-404.
    assert_eq!(nodes.len(), 5, "{dot}");
    assert_eq!(edges.len(), 4, "{dot}");
    assert!(dot.contains(r#"[label="a \"b\" \\ c (9)"]"#), "{dot}");
    assert!(dot.contains(r#"quote\"d (Back\\slash \\N)\l"#), "{dot}");
    assert!(
        dot.contains(r#""0-5" [label="tickets\l0-5 (standard object)\l""#),
        "{dot}"
    );
    assert!(
        dot.contains(r#""2-404" [label="2-404\l2-404 (not in the snapshot)\l""#),
        "{dot}"
    );
}

#[test]
fn hostile_names_follow_mermaid_rules() {
    let mermaid = diagram::mermaid(&hostile());
    assert_eq!(
        mermaid,
        "erDiagram\n\
         \x20   \"contacts\"\n\
         \x20   \"quote'd\" {\n\
         \x20       string _2nd_name \"primary display, required, HubSpot name 2nd name\"\n\
         \x20       number _pk \"required, HubSpot name pk\"\n\
         \x20   }\n\
         \x20   \"contacts\" }o..o{ \"contacts (0-1)\" : \"association 5\"\n\
         \x20   \"quote'd\" }o..o{ \"tickets\" : \"association 3\"\n\
         \x20   \"quote'd\" }o..o{ \"2-404\" : \"100_ (4)\"\n\
         \x20   \"quote'd\" }o..o{ \"contacts\" : \"a 'b' _ c (9)\"\n"
    );
}

/// Graphviz's SVG of `dot` when `dot` is installed (Debian package `graphviz`), after
/// asserting it accepted the input without a warning; `None` (and a skip line) when it
/// is not installed.
fn graphviz_svg(dot: &str) -> Option<String> {
    let child = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            println!("skipped: Graphviz `dot` is not installed (apt-get install graphviz)");
            return None;
        }
        Err(error) => panic!("cannot run dot: {error}"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "dot rejected:\n{dot}\n{stderr}");
    assert!(stderr.trim().is_empty(), "dot warned: {stderr}");
    Some(String::from_utf8(output.stdout).unwrap())
}

#[test]
fn graphviz_renders_the_example_and_hostile_diagrams() {
    let Some(svg) = graphviz_svg(&diagram::dot(&example())) else {
        return;
    };
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains(">cars_to_contact (17)</text>"), "{svg}");
    assert!(svg.contains(">contacts (Contacts)</text>"), "{svg}");
    let svg = graphviz_svg(&diagram::dot(&hostile())).unwrap();
    // The escaped quotes and backslashes come out as the original characters.
    assert!(svg.contains(">a &quot;b&quot; \\ c (9)</text>"), "{svg}");
}

#[test]
fn readme_embeds_the_current_example_diagram() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let block = readme
        .split("```mermaid\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("the README embeds a ```mermaid block");
    assert_eq!(
        block,
        diagram::mermaid(&example()),
        "update the README with `codegen diagram --from examples/schemas.json`"
    );
}
