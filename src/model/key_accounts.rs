//! Key accounts (docs/methodology.md §7, from the stages article): the few most profitable
//! customers that carry most of the profit, chosen the Pareto way.

use super::labels::Stage;
use super::stats::reaches;

/// Key accounts are taken until they carry this share of total positive profit — the Pareto
/// "80/20" rule (methodology §7, "Key accounts"; the stages article).
pub const KEY_ACCOUNT_PROFIT_SHARE: f64 = 0.8;
/// Default cap on the number of key accounts: mature firms sustain 15–30 (the stages article,
/// methodology §7).
pub const DEFAULT_MAX_KEY_ACCOUNTS: u32 = 30;
/// Smallest allowed `max_accounts` (methodology §7: 1–1000).
pub const MIN_MAX_KEY_ACCOUNTS: u32 = 1;
/// Largest allowed `max_accounts` (methodology §7: 1–1000).
pub const MAX_MAX_KEY_ACCOUNTS: u32 = 1000;

/// Stages deep enough for a key account when stages are given (methodology §7, "Key accounts").
pub fn is_key_account_stage(stage: Stage) -> bool {
    matches!(stage, Stage::Collaborative | Stage::Interconnected)
}

/// One account as the selection sees it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AccountProfit {
    /// Total profit of the account (any sign).
    pub profit: f64,
    /// May it be a key account (its stage qualifies, or no stages were given)?
    pub candidate: bool,
}

/// A selected key account: its index in the input and the cumulative share of total positive
/// profit up to and including it (0–1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct KeyAccount {
    pub index: usize,
    pub cumulative_share: f64,
}

/// Total positive profit: the sum of the accounts' profits that are above 0 (all accounts,
/// candidates or not).
pub fn total_positive_profit(accounts: &[AccountProfit]) -> f64 {
    accounts.iter().map(|a| a.profit).filter(|p| *p > 0.0).sum()
}

/// Candidates with profit > 0, by profit descending (ties keep input order), taken until the
/// cumulative share of total positive profit reaches [`KEY_ACCOUNT_PROFIT_SHARE`] (the account
/// that crosses it included) or `max_accounts` are taken. Empty when total positive profit is 0.
pub fn select_key_accounts(accounts: &[AccountProfit], max_accounts: usize) -> Vec<KeyAccount> {
    let total = total_positive_profit(accounts);
    let mut out = Vec::new();
    if total <= 0.0 {
        return out;
    }
    let mut order: Vec<(usize, f64)> = accounts
        .iter()
        .enumerate()
        .filter(|(_, a)| a.candidate && a.profit > 0.0)
        .map(|(i, a)| (i, a.profit))
        .collect();
    // A stable sort: equal profits keep input order.
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut cumulative = 0.0;
    for (index, profit) in order {
        if out.len() >= max_accounts {
            break;
        }
        cumulative += profit;
        let cumulative_share = cumulative / total;
        out.push(KeyAccount {
            index,
            cumulative_share,
        });
        if reaches(cumulative_share, KEY_ACCOUNT_PROFIT_SHARE) {
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acc(profit: f64) -> AccountProfit {
        AccountProfit {
            profit,
            candidate: true,
        }
    }

    #[test]
    fn the_account_that_crosses_eighty_percent_is_included() {
        let a = [acc(50.0), acc(20.0), acc(20.0), acc(10.0)];
        let k = select_key_accounts(&a, 30);
        let idx: Vec<_> = k.iter().map(|x| x.index).collect();
        assert_eq!(idx, [0, 1, 2]);
        assert_eq!(k[2].cumulative_share, 0.9);
    }

    #[test]
    fn exactly_eighty_percent_stops() {
        let a = [acc(80.0), acc(20.0)];
        assert_eq!(select_key_accounts(&a, 30).len(), 1);
    }
}
