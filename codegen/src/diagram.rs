//! The account diagram, Mermaid or DOT (being written).
