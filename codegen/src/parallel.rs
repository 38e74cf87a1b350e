//! Running one step over many objects on all cores, results in input order.
//!
//! The model and the emit/format steps work object by object, each object's result
//! depending only on its own input, and they are most of what `codegen generate`
//! spends; a machine's cores take the objects between them. Output does not depend on
//! the thread count: results come back in the order of the input.

use std::num::NonZero;

/// `f` applied to every item, on up to all available cores; the results in the order
/// of `items`. Item `i` goes to worker `i % workers`, so big neighbours spread out.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, NonZero::get)
        .min(items.len());
    if workers <= 1 {
        return items.iter().map(f).collect();
    }
    let f = &f;
    let per_worker: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || {
                    (worker..items.len())
                        .step_by(workers)
                        .map(|i| (i, f(&items[i])))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| match handle.join() {
                Ok(results) => results,
                // A panic in a worker is a bug; carry it on as if it happened here.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    let mut ordered: Vec<Option<R>> = std::iter::repeat_with(|| None).take(items.len()).collect();
    for (i, result) in per_worker.into_iter().flatten() {
        ordered[i] = Some(result);
    }
    ordered
        .into_iter()
        .map(|result| result.expect("every item was given to a worker"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order() {
        let items: Vec<u32> = (0..37).collect();
        assert_eq!(
            map(&items, |n| n * 2),
            (0..37).map(|n| n * 2).collect::<Vec<_>>()
        );
        assert_eq!(map(&[] as &[u32], |n| *n), Vec::<u32>::new());
        assert_eq!(map(&[5], |n| n + 1), [6]);
    }
}
