//! STAGE_NEXT: what each account lacks to reach the next relationship stage.

use crate::catalogue::{Function, ResultShape};
use crate::cells::args::Args;
use crate::cells::{Cell, CellError, Grid};
use crate::functions::stage::{footprints, FOOTPRINT_PARAMS};
use crate::model::stage::next_stage_step;

pub const STAGE_NEXT: Function = Function {
    name: "STAGE_NEXT",
    family: "Relationship stages",
    description: "For each account, one sentence naming what it lacks to reach the next relationship stage, with the numbers (e.g. Basic → Collaborative: engage 1 more stakeholder). One result per row.",
    params: FOOTPRINT_PARAMS,
    result: ResultShape::PerRow { columns: 1 },
    example: "=RAPPORT.STAGE_NEXT(B2:B50, C2:C50, D2:D50, E2:E50, F2:F50) → Basic → Collaborative: engage 1 more stakeholder, for a contract with 2 stakeholders, 2 departments and 1 offering.",
    volatile: false,
    notes: &[
        "The sentence is `Current → Next: steps` with the arrow `→` (U+2192). Steps are lower-case imperatives with the number missing and the noun in singular or plural (`engage 1 more stakeholder`, `involve 2 more departments`, `sell 1 more offering`), joined `a`, `a and b`, `a, b and c`.",
        "Exploratory → Basic says `sign a contract` (counts are not listed: the next stage needs only the contract).",
        "Basic → Collaborative lists `engage N more stakeholder(s)` when short of 3 stakeholders, then — when the account has neither 2 departments nor 2 offerings — the alternative `involve N more department(s) or sell N more offering(s)`, written `either involve … or sell …` after another step.",
        "Collaborative → Interconnected lists, in this order, `start joint planning`, `involve N more department(s)` (to 3) and `engage N more stakeholder(s)` (to 6), each only when lacking.",
        "An Interconnected account reads `Top stage: sustain it`.",
        "Arguments, blanks, broadcasting and errors are exactly as in STAGE.",
    ],
    eval,
};

fn eval(args: &Args) -> Result<Grid, CellError> {
    let rows = footprints(args)?;
    Ok(Grid::column(
        rows.into_iter()
            .map(|f| match f {
                Ok(f) => Cell::text(next_stage_step(&f)),
                Err(e) => Cell::Error(e),
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, CellError, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn next(args: Vec<Option<Grid>>) -> Result<Vec<Cell>, CellError> {
        call("STAGE_NEXT", args).map(Grid::into_cells)
    }
    /// The sentence for one account: contract, stakeholders, departments, offerings, planning.
    fn say(c: bool, s: f64, d: f64, o: f64, j: bool) -> String {
        match &next(vec![one(b(c)), one(n(s)), one(n(d)), one(n(o)), one(b(j))]).unwrap()[0] {
            Cell::Text(x) => x.to_string(),
            other => panic!("expected text, got {other:?}"),
        }
    }

    #[test]
    fn exploratory_needs_a_contract() {
        assert_eq!(
            say(false, 0.0, 0.0, 0.0, false),
            "Exploratory → Basic: sign a contract"
        );
        assert_eq!(
            say(false, 9.0, 9.0, 9.0, true),
            "Exploratory → Basic: sign a contract"
        );
    }

    #[test]
    fn basic_short_of_stakeholders_only() {
        assert_eq!(
            say(true, 2.0, 2.0, 1.0, false),
            "Basic → Collaborative: engage 1 more stakeholder"
        );
        assert_eq!(
            say(true, 0.0, 1.0, 2.0, false),
            "Basic → Collaborative: engage 3 more stakeholders"
        );
    }

    #[test]
    fn basic_short_of_breadth_only_offers_departments_or_offerings() {
        assert_eq!(
            say(true, 3.0, 1.0, 1.0, false),
            "Basic → Collaborative: involve 1 more department or sell 1 more offering"
        );
        assert_eq!(
            say(true, 4.0, 0.0, 0.0, false),
            "Basic → Collaborative: involve 2 more departments or sell 2 more offerings"
        );
    }

    #[test]
    fn basic_short_of_both_joins_with_either_or() {
        assert_eq!(
            say(true, 1.0, 1.0, 0.0, false),
            "Basic → Collaborative: engage 2 more stakeholders and either involve 1 more department or sell 2 more offerings"
        );
    }

    #[test]
    fn collaborative_lists_planning_departments_and_stakeholders() {
        assert_eq!(
            say(true, 3.0, 2.0, 0.0, false),
            "Collaborative → Interconnected: start joint planning, involve 1 more department and engage 3 more stakeholders"
        );
        assert_eq!(
            say(true, 5.0, 3.0, 0.0, true),
            "Collaborative → Interconnected: engage 1 more stakeholder"
        );
        assert_eq!(
            say(true, 6.0, 3.0, 1.0, false),
            "Collaborative → Interconnected: start joint planning"
        );
        assert_eq!(
            say(true, 8.0, 0.0, 2.0, true),
            "Collaborative → Interconnected: involve 3 more departments"
        );
    }

    #[test]
    fn interconnected_is_the_top_stage() {
        assert_eq!(say(true, 6.0, 3.0, 0.0, true), "Top stage: sustain it");
    }

    #[test]
    fn errors_follow_stage() {
        let out = next(vec![
            one(b(false)),
            one(n(1.0)),
            one(t("two")),
            one(n(-1.0)),
            one(b(false)),
        ])
        .unwrap();
        match &out[0] {
            Cell::Error(e) => {
                assert_eq!(e.code, ErrorCode::Value);
                assert_eq!(
                    e.message,
                    "STAGE_NEXT: departments row 1, column 1: 'two' is not a number"
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn row_count_mismatch_is_a_whole_call_value_error() {
        let e = next(vec![
            Some(Grid::column(vec![b(true), b(true)])),
            Some(Grid::column(vec![n(1.0); 3])),
            one(n(1.0)),
            one(n(1.0)),
            one(b(false)),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
    }

    #[test]
    fn one_sentence_per_row() {
        let out = next(vec![
            Some(Grid::column(vec![b(true), b(false)])),
            one(n(6.0)),
            one(n(3.0)),
            one(n(0.0)),
            one(b(true)),
        ])
        .unwrap();
        assert_eq!(
            out,
            [
                t("Top stage: sustain it"),
                t("Exploratory → Basic: sign a contract")
            ]
        );
    }
}
