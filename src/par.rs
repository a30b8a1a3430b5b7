//! Work spread over a few threads, results in the order of the input.

/// The stack of each worker thread. Minifying a page recurses once per level of its
/// elements: the default 2 MiB overflowed at about 2,500 nested `<div>`, which killed
/// the process. `ccu check` refuses guides nested deeper than
/// `content::MAX_DEPTH` (100, with the page around it about 115 levels);
/// 64 MiB holds about 80,000 levels, so no page of a checked site comes near it. It
/// is reserved address space: only what the work touches is ever used.
pub const STACK_BYTES: usize = 64 << 20;

/// `f` of every item, on up to `threads` scoped threads, each taking one run of items.
pub fn map_in_order<T, U, F>(items: &[T], threads: usize, f: F) -> Vec<U>
where
    T: Sync,
    U: Send,
    F: Fn(&T) -> U + Sync,
{
    let chunk = items.len().div_ceil(threads.max(1)).max(1);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| {
                std::thread::Builder::new()
                    .stack_size(STACK_BYTES)
                    .spawn_scoped(scope, move || part.iter().map(f).collect::<Vec<_>>())
                    .expect("a worker thread starts")
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a worker thread does not panic"))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_the_order_of_the_items() {
        let items: Vec<u32> = (0..103).collect();
        for threads in [0, 1, 3, 200] {
            let doubled = super::map_in_order(&items, threads, |n| n * 2);
            assert_eq!(doubled, items.iter().map(|n| n * 2).collect::<Vec<_>>());
        }
    }
}
