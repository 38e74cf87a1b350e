//! Name patterns of the settings: an exact name, or a glob where `*` matches any run of
//! characters and `?` exactly one (`hs_date_entered_*`).

/// Whether `name` matches `pattern`.
pub fn matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    // Iterative wildcard matching with one backtrack point (the last `*`).
    let (mut p, mut n) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                star = Some((p, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    p = sp + 1;
                    n = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

/// Whether `pattern` has a wildcard (else it names one thing exactly).
pub fn is_glob(pattern: &str) -> bool {
    pattern.contains(['*', '?'])
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn stars_and_question_marks() {
        assert!(matches("hs_date_entered_*", "hs_date_entered_closedwon"));
        assert!(matches("hs_date_entered_*", "hs_date_entered_"));
        assert!(!matches("hs_date_entered_*", "hs_date_exited_closedwon"));
        assert!(matches("*_in_*", "hs_time_in_appointmentscheduled"));
        assert!(matches("amount", "amount"));
        assert!(!matches("amount", "amount_in_home_currency"));
        assert!(matches("deal?", "deals"));
        assert!(!matches("deal?", "deal"));
        assert!(matches("*", ""));
    }
}
