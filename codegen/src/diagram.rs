//! The account diagram (`codegen diagram`): the snapshot's custom objects with their
//! primary display property and required properties, and every association definition
//! as an edge, to each other and to HubSpot's standard objects (named: `0-1` contacts,
//! `0-2` companies, …; other ids are shown as they are).
//!
//! Two renderings of one [`Graph`]: [`mermaid`], an `erDiagram` that GitHub renders in
//! Markdown, and [`dot`], a Graphviz digraph. Output is deterministic: objects by name,
//! attributes primary first then by name, associations by their object then id.
//!
//! Quoting rules, so no HubSpot string can break the syntax:
//! - **Mermaid**: entity names and relationship labels are always double-quoted, with
//!   `"`, `%`, `\` and control characters (which Mermaid's lexer refuses inside quoted
//!   names) replaced. Attribute types and names must be bare words
//!   (`[A-Za-z_][A-Za-z0-9_]*`, and not the key words `PK`, `FK`, `UK` in any case);
//!   other names are rewritten (`2nd_lot` → `_2nd_lot`) and the comment gives the
//!   HubSpot name. Comments never contain `"`.
//! - **DOT**: every id and label is a double-quoted string with `\` and `"` escaped;
//!   label lines end in `\l` (left-justified).

use std::collections::{BTreeMap, BTreeSet};

use hubspot_runtime::schema::ObjectSchema;

/// The name of a standard object type id (`0-1` → `contacts`).
pub fn standard_object_name(id: &str) -> Option<&'static str> {
    crate::standard_objects::name(id)
}

/// The output syntax.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A Mermaid `erDiagram`.
    Mermaid,
    /// A Graphviz DOT digraph.
    Dot,
}

/// The diagram of `schemas` in `format`, ending in a newline.
pub fn render(schemas: &[ObjectSchema], format: Format) -> String {
    match format {
        Format::Mermaid => mermaid(schemas),
        Format::Dot => dot(schemas),
    }
}

/// What both renderings draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Graph {
    /// The snapshot's objects, by name.
    pub objects: Vec<Node>,
    /// Object types that associations point to but the snapshot does not define
    /// (standard objects, or custom objects left out), by id.
    pub externals: Vec<External>,
    /// Association definitions, by owning object then id.
    pub edges: Vec<Edge>,
}

/// One of the snapshot's objects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// HubSpot's internal name.
    pub name: String,
    /// The object type id (else the fully qualified name, else the name): its key.
    pub key: String,
    /// The plural label, when HubSpot has one.
    pub label: Option<String>,
    /// Primary display property first, then the required properties by name.
    pub attributes: Vec<Attribute>,
}

/// A property shown on an object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// HubSpot's internal name.
    pub name: String,
    /// HubSpot's `type` (`unknown` when the property is not in the snapshot).
    pub r#type: String,
    /// The object's primary display property.
    pub primary: bool,
    /// Required on create.
    pub required: bool,
}

/// An association target the snapshot does not define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct External {
    /// The object type id: its key.
    pub key: String,
    /// The standard object's name, else the id.
    pub name: String,
    /// Whether it is a HubSpot standard object.
    pub standard: bool,
}

/// One association definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    /// Key of the owning object.
    pub from: String,
    /// Key of the target object.
    pub to: String,
    /// The association's name (when it has one) and type id: `cars_to_contact (17)`.
    pub label: String,
}

/// Build the graph of `schemas` (first of duplicate names kept).
pub fn graph(schemas: &[ObjectSchema]) -> Graph {
    let mut by_name: BTreeMap<&str, &ObjectSchema> = BTreeMap::new();
    for schema in schemas {
        by_name.entry(schema.name.as_str()).or_insert(schema);
    }
    let key_of = |schema: &ObjectSchema| {
        [&schema.object_type_id, &schema.fully_qualified_name]
            .into_iter()
            .flatten()
            .find(|k| !k.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| schema.name.clone())
    };
    let keys: BTreeSet<String> = by_name.values().map(|s| key_of(s)).collect();

    let mut objects = Vec::new();
    let mut edges = Vec::new();
    let mut externals: BTreeMap<String, External> = BTreeMap::new();
    for schema in by_name.values() {
        let key = key_of(schema);
        objects.push(Node {
            name: schema.name.clone(),
            key: key.clone(),
            label: schema
                .labels
                .as_ref()
                .and_then(|l| l.plural.clone())
                .filter(|l| !l.trim().is_empty()),
            attributes: attributes(schema),
        });
        let mut associations: Vec<_> = schema.associations.iter().flatten().collect();
        associations.sort_by(|a, b| a.id.cmp(&b.id));
        associations.dedup_by(|a, b| a.id == b.id);
        for association in associations {
            let to = association.to_object_type_id.clone();
            if !keys.contains(&to) {
                externals.entry(to.clone()).or_insert_with(|| External {
                    name: standard_object_name(&to).unwrap_or(&to).to_owned(),
                    standard: standard_object_name(&to).is_some(),
                    key: to.clone(),
                });
            }
            let label = match association.name.as_deref().filter(|n| !n.trim().is_empty()) {
                Some(name) => format!("{name} ({})", association.id),
                None => format!("association {}", association.id),
            };
            edges.push(Edge {
                from: key.clone(),
                to,
                label,
            });
        }
    }
    Graph {
        objects,
        externals: externals.into_values().collect(),
        edges,
    }
}

fn attributes(schema: &ObjectSchema) -> Vec<Attribute> {
    let type_of = |name: &str| {
        schema
            .properties
            .iter()
            .flatten()
            .find(|p| p.name == name)
            .map_or_else(|| "unknown".to_owned(), |p| p.r#type.clone())
    };
    let required: BTreeSet<&str> = schema
        .required_properties
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let primary = schema
        .primary_display_property
        .as_deref()
        .filter(|p| !p.trim().is_empty());
    let mut attributes = Vec::new();
    if let Some(primary) = primary {
        attributes.push(Attribute {
            name: primary.to_owned(),
            r#type: type_of(primary),
            primary: true,
            required: required.contains(primary),
        });
    }
    for name in required.iter().filter(|n| Some(**n) != primary) {
        attributes.push(Attribute {
            name: (*name).to_owned(),
            r#type: type_of(name),
            primary: false,
            required: true,
        });
    }
    attributes
}

fn roles(attribute: &Attribute) -> Vec<&'static str> {
    let mut roles = Vec::new();
    if attribute.primary {
        roles.push("primary display");
    }
    if attribute.required {
        roles.push("required");
    }
    roles
}

/// A Mermaid `erDiagram` of `schemas`.
pub fn mermaid(schemas: &[ObjectSchema]) -> String {
    let graph = graph(schemas);
    // Entity names: the objects' names, then externals' (with the id if taken).
    let mut names: BTreeMap<&str, String> = BTreeMap::new();
    let mut taken = BTreeSet::new();
    for node in &graph.objects {
        let name = mermaid_quoted(&node.name);
        taken.insert(name.clone());
        names.insert(&node.key, name);
    }
    for external in &graph.externals {
        let mut name = mermaid_quoted(&external.name);
        if taken.contains(&name) {
            name = mermaid_quoted(&format!("{} ({})", external.name, external.key));
        }
        taken.insert(name.clone());
        names.insert(&external.key, name);
    }

    let mut out = String::from("erDiagram\n");
    for node in &graph.objects {
        let name = &names[node.key.as_str()];
        if node.attributes.is_empty() {
            out.push_str(&format!("    {name}\n"));
            continue;
        }
        out.push_str(&format!("    {name} {{\n"));
        for attribute in &node.attributes {
            let (word, rewritten) = mermaid_word(&attribute.name);
            let mut comment = roles(attribute).join(", ");
            if rewritten {
                comment.push_str(&format!(
                    ", HubSpot name {}",
                    attribute.name.replace(['"', '\n', '\r'], "'")
                ));
            }
            out.push_str(&format!(
                "        {} {word} \"{comment}\"\n",
                mermaid_word(&attribute.r#type).0
            ));
        }
        out.push_str("    }\n");
    }
    for edge in &graph.edges {
        out.push_str(&format!(
            "    {} }}o..o{{ {} : {}\n",
            names[edge.from.as_str()],
            names[edge.to.as_str()],
            mermaid_quoted(&edge.label)
        ));
    }
    out
}

/// `text` double-quoted, without the characters Mermaid refuses in quoted names.
fn mermaid_quoted(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| match c {
            '"' => '\'',
            '%' | '\\' => '_',
            c if c.is_control() => ' ',
            c => c,
        })
        .collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() {
        "\"_\"".to_owned()
    } else {
        format!("\"{cleaned}\"")
    }
}

/// A bare attribute word for `text`, and whether it had to be rewritten.
fn mermaid_word(text: &str) -> (String, bool) {
    let is_key = |w: &str| ["pk", "fk", "uk"].contains(&w.to_ascii_lowercase().as_str());
    let valid = text
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !is_key(text);
    if valid {
        return (text.to_owned(), false);
    }
    let mut word: String = text
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !word.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') || is_key(&word) {
        word.insert(0, '_');
    }
    (word, true)
}

/// A Graphviz DOT digraph of `schemas`.
pub fn dot(schemas: &[ObjectSchema]) -> String {
    let graph = graph(schemas);
    let mut out = String::from(
        "digraph \"hubspot\" {\n    \
         graph [rankdir=\"LR\"];\n    \
         node [shape=\"box\", fontname=\"Helvetica\", fontsize=\"11\"];\n    \
         edge [fontname=\"Helvetica\", fontsize=\"9\"];\n",
    );
    for node in &graph.objects {
        let mut lines = vec![match &node.label {
            Some(label) => format!("{} ({label})", node.name),
            None => node.name.clone(),
        }];
        lines.push(node.key.clone());
        if !node.attributes.is_empty() {
            lines.push(String::new());
        }
        for attribute in &node.attributes {
            lines.push(format!(
                "{}: {} - {}",
                attribute.name,
                attribute.r#type,
                roles(attribute).join(", ")
            ));
        }
        out.push_str(&format!(
            "    {} [label={}];\n",
            dot_string(&node.key),
            dot_label(&lines)
        ));
    }
    for external in &graph.externals {
        let kind = if external.standard {
            "standard object"
        } else {
            "not in the snapshot"
        };
        let lines = [external.name.clone(), format!("{} ({kind})", external.key)];
        out.push_str(&format!(
            "    {} [label={}, style=\"dashed\"];\n",
            dot_string(&external.key),
            dot_label(&lines)
        ));
    }
    for edge in &graph.edges {
        out.push_str(&format!(
            "    {} -> {} [label={}];\n",
            dot_string(&edge.from),
            dot_string(&edge.to),
            dot_string(&edge.label)
        ));
    }
    out.push_str("}\n");
    out
}

/// `text` as a DOT double-quoted string: `\` and `"` escaped, line breaks flattened.
fn dot_string(text: &str) -> String {
    format!("\"{}\"", dot_escape(text))
}

fn dot_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Left-justified label lines (`\l` ends each line in Graphviz).
fn dot_label(lines: &[String]) -> String {
    let body: String = lines
        .iter()
        .map(|line| format!("{}\\l", dot_escape(line)))
        .collect();
    format!("\"{body}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mermaid_words_are_bare_or_rewritten() {
        assert_eq!(mermaid_word("name"), ("name".into(), false));
        assert_eq!(mermaid_word("2nd_lot"), ("_2nd_lot".into(), true));
        assert_eq!(mermaid_word("PK"), ("_PK".into(), true));
        assert_eq!(mermaid_word("lot #3"), ("lot__3".into(), true));
        assert_eq!(mermaid_word("pk_id"), ("pk_id".into(), false));
    }

    #[test]
    fn quoting_never_lets_text_out() {
        assert_eq!(mermaid_quoted("a\"b%c\\d\ne"), "\"a'b_c_d e\"");
        assert_eq!(mermaid_quoted("\"\""), "\"''\"");
        assert_eq!(mermaid_quoted(""), "\"_\"");
        assert_eq!(
            dot_string("say \"hi\" \\ bye"),
            "\"say \\\"hi\\\" \\\\ bye\""
        );
        assert_eq!(
            dot_label(&["a\\b".into(), "q\"".into()]),
            "\"a\\\\b\\lq\\\"\\l\""
        );
    }

    #[test]
    fn standard_objects_are_named() {
        assert_eq!(standard_object_name("0-1"), Some("contacts"));
        assert_eq!(standard_object_name("0-5"), Some("tickets"));
        assert_eq!(standard_object_name("2-123"), None);
    }
}
