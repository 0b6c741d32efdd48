//! Page sizes and cutting a page from a list that fetched one row more than it shows.

/// The page size when a client asks for none.
pub const DEFAULT_PAGE_SIZE: u64 = 50;
/// Larger requests are lowered to this.
pub const MAX_PAGE_SIZE: u64 = 1000;

/// Lists fetch one row more than a page to learn whether another page exists without a count:
/// this cuts it off and says where the next page starts.
pub(crate) fn split_page<T, K>(
    mut rows: Vec<T>,
    size: u64,
    position: impl Fn(&T) -> K,
) -> (Vec<T>, Option<K>) {
    let next = if rows.len() as u64 > size {
        rows.truncate(size as usize);
        rows.last().map(position)
    } else {
        None
    };
    (rows, next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_with_one_row_more_says_where_the_next_starts() {
        assert_eq!(split_page(vec![1, 2, 3], 2, |n| *n), (vec![1, 2], Some(2)));
        assert_eq!(split_page(vec![1, 2], 2, |n| *n), (vec![1, 2], None));
    }
}
