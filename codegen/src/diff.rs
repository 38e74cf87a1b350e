//! What changed between two snapshots, classified breaking or compatible (being written).
