//! `Record<T>`: a record as the objects API returns it (being written).
