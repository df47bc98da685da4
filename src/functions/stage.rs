//! STAGE: the relationship stage of each account, from its footprint.

use crate::catalogue::{column, Function, Param, ResultShape};
use crate::cells::args::Args;
use crate::cells::{Cell, CellError, Grid};
use crate::model::stage::{relationship_stage, Footprint};

pub const STAGE: Function = Function {
    name: "STAGE",
    family: "Relationship stages",
    description: "Relationship stage of each account — Exploratory, Basic, Collaborative or Interconnected — from its contract, people, departments, offerings and joint planning. One result per row.",
    params: FOOTPRINT_PARAMS,
    result: ResultShape::PerRow { columns: 1 },
    example: "=RAPPORT.STAGE(B2:B50, C2:C50, D2:D50, E2:E50, F2:F50) → Collaborative for an account with a contract, 4 stakeholders, 2 departments, 1 offering and no joint planning.",
    volatile: false,
    notes: &[
        "All five arguments are required; pass 0 (or a blank cell) for a count you do not track and FALSE for a flag — a blank count is 0 and a blank flag is no.",
        "Every cell of a row is validated even when there is no contract (its counts cannot change the result); the first problem in argument order is the row's error.",
    ],
    eval,
};

/// The five footprint columns shared by STAGE and STAGE_NEXT.
pub(crate) const FOOTPRINT_PARAMS: &[Param] = &[
    column("contract", "Whether a contract is signed, one flag per account: TRUE/FALSE, yes/no, y/n, 1/0 or x. Blank = no (Exploratory)."),
    column("stakeholders", "Customer people actively engaged in the relationship: a whole number ≥ 0. Blank = 0."),
    column("departments", "Customer departments (functions) involved: a whole number ≥ 0. Blank = 0."),
    column("offerings", "Distinct products or services the customer buys: a whole number ≥ 0. Blank = 0."),
    column("joint_planning", "Whether both sides plan together (joint business plans, shared roadmaps): a flag. Blank = no."),
];

fn eval(args: &Args) -> Result<Grid, CellError> {
    let rows = footprints(args)?;
    Ok(Grid::column(
        rows.into_iter()
            .map(|f| match f {
                Ok(f) => Cell::text(relationship_stage(&f).name()),
                Err(e) => Cell::Error(e),
            })
            .collect(),
    ))
}

/// Reads each row's footprint, or that row's first problem in argument order. Whole-call
/// `#VALUE!` when an argument is wider than one column or the row counts differ (a 1×1
/// argument is repeated for every row).
pub(crate) fn footprints(args: &Args) -> Result<Vec<Result<Footprint, CellError>>, CellError> {
    let contract = args.required(0)?;
    let stakeholders = args.required(1)?;
    let departments = args.required(2)?;
    let offerings = args.required(3)?;
    let joint_planning = args.required(4)?;
    let all = [
        contract,
        stakeholders,
        departments,
        offerings,
        joint_planning,
    ];
    for a in &all {
        a.expect_column()?;
    }
    let n = args.parallel_rows(&all.map(Some))?;
    Ok((0..n)
        .map(|r| {
            Ok(Footprint {
                contract: contract.flag(r, 0)?,
                stakeholders: stakeholders.count(r, 0)?,
                departments: departments.count(r, 0)?,
                offerings: offerings.count(r, 0)?,
                joint_planning: joint_planning.flag(r, 0)?,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use crate::cells::{Cell, CellError, ErrorCode, Grid};
    use crate::functions::call;
    use crate::functions::testing::*;

    fn stage(args: Vec<Option<Grid>>) -> Result<Vec<Cell>, CellError> {
        call("STAGE", args).map(Grid::into_cells)
    }
    /// One row: contract, stakeholders, departments, offerings, joint planning.
    fn row(c: Cell, s: Cell, d: Cell, o: Cell, j: Cell) -> Cell {
        stage(vec![one(c), one(s), one(d), one(o), one(j)]).unwrap()[0].clone()
    }

    #[test]
    fn no_contract_is_exploratory_whatever_the_counts() {
        assert_eq!(
            row(b(false), n(10.0), n(5.0), n(5.0), b(true)),
            t("Exploratory")
        );
        assert_eq!(
            row(Cell::Blank, n(10.0), n(5.0), n(5.0), b(true)),
            t("Exploratory")
        );
    }

    #[test]
    fn interconnected_needs_joint_planning_three_departments_and_six_stakeholders() {
        assert_eq!(
            row(b(true), n(6.0), n(3.0), n(0.0), b(true)),
            t("Interconnected")
        );
        // One short on each condition in turn: Collaborative.
        assert_eq!(
            row(b(true), n(6.0), n(3.0), n(0.0), b(false)),
            t("Collaborative")
        );
        assert_eq!(
            row(b(true), n(6.0), n(2.0), n(0.0), b(true)),
            t("Collaborative")
        );
        assert_eq!(
            row(b(true), n(5.0), n(3.0), n(0.0), b(true)),
            t("Collaborative")
        );
    }

    #[test]
    fn collaborative_needs_three_stakeholders_and_two_departments_or_two_offerings() {
        assert_eq!(
            row(b(true), n(3.0), n(2.0), n(1.0), b(false)),
            t("Collaborative")
        );
        assert_eq!(
            row(b(true), n(3.0), n(1.0), n(2.0), b(false)),
            t("Collaborative")
        );
        assert_eq!(row(b(true), n(3.0), n(1.0), n(1.0), b(false)), t("Basic"));
        assert_eq!(row(b(true), n(2.0), n(5.0), n(5.0), b(false)), t("Basic"));
    }

    #[test]
    fn joint_planning_without_the_counts_is_basic() {
        assert_eq!(row(b(true), n(1.0), n(1.0), n(1.0), b(true)), t("Basic"));
    }

    #[test]
    fn blank_counts_are_zero_and_blank_flags_are_no() {
        assert_eq!(
            row(t("yes"), Cell::Blank, t("n/a"), t(""), Cell::Blank),
            t("Basic")
        );
    }

    #[test]
    fn flags_accept_words_and_numbers_and_counts_accept_numeric_text() {
        assert_eq!(
            row(t("x"), t("6"), t(" 3 "), n(0.0), n(1.0)),
            t("Interconnected")
        );
        assert_eq!(
            row(t("Y"), n(3.0), n(2.0), n(0.0), t("no")),
            t("Collaborative")
        );
    }

    #[test]
    fn a_negative_or_fractional_count_is_num_naming_the_cell() {
        let c = row(b(true), n(-1.0), n(1.0), n(1.0), b(false));
        assert_eq!(err(&c).code, ErrorCode::Num);
        assert_eq!(
            err(&c).message,
            "STAGE: stakeholders row 1, column 1: -1 is not a whole number ≥ 0"
        );
        let c = row(b(true), n(3.0), n(2.5), n(1.0), b(false));
        assert_eq!(err(&c).code, ErrorCode::Num);
    }

    #[test]
    fn text_in_a_count_or_a_bad_flag_is_value() {
        let c = row(b(true), t("many"), n(1.0), n(1.0), b(false));
        assert_eq!(err(&c).code, ErrorCode::Value);
        let c = row(t("maybe"), n(1.0), n(1.0), n(1.0), b(false));
        assert_eq!(err(&c).code, ErrorCode::Value);
        assert!(err(&c)
            .message
            .starts_with("STAGE: contract row 1, column 1:"));
        let c = row(b(true), n(1.0), n(1.0), n(1.0), n(2.0));
        assert_eq!(err(&c).code, ErrorCode::Value);
    }

    #[test]
    fn counts_are_validated_even_without_a_contract() {
        let c = row(b(false), n(1.0), n(1.0), n(-3.0), b(false));
        assert_eq!(err(&c).code, ErrorCode::Num);
        assert!(err(&c).message.contains("offerings"), "{}", err(&c).message);
    }

    #[test]
    fn the_first_problem_in_argument_order_wins() {
        let c = row(
            b(true),
            n(1.5),
            t("abc"),
            Cell::error(ErrorCode::Div0, ""),
            b(false),
        );
        assert_eq!(err(&c).code, ErrorCode::Num);
        assert!(err(&c).message.contains("stakeholders"));
    }

    #[test]
    fn an_error_value_propagates_to_its_row_only() {
        let out = stage(vec![
            one(b(true)),
            col(vec![n(3.0), Cell::error(ErrorCode::NotAvailable, "")]),
            one(n(2.0)),
            one(n(0.0)),
            one(b(false)),
        ])
        .unwrap();
        assert_eq!(out[0], t("Collaborative"));
        assert_eq!(err(&out[1]).code, ErrorCode::NotAvailable);
    }

    #[test]
    fn one_by_one_arguments_broadcast_to_every_row() {
        let out = stage(vec![
            col(vec![b(true), b(false), b(true)]),
            one(n(3.0)),
            col(vec![n(2.0), n(2.0), n(1.0)]),
            one(n(0.0)),
            one(b(false)),
        ])
        .unwrap();
        assert_eq!(out, [t("Collaborative"), t("Exploratory"), t("Basic")]);
    }

    #[test]
    fn row_count_mismatch_is_a_whole_call_value_error() {
        let e = stage(vec![
            col(vec![b(true), b(true)]),
            col(vec![n(3.0), n(3.0), n(3.0)]),
            one(n(2.0)),
            one(n(0.0)),
            one(b(false)),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(e
            .message
            .contains("contract has 2 rows but stakeholders has 3"));
    }

    #[test]
    fn a_range_wider_than_one_column_is_a_whole_call_value_error() {
        let e = stage(vec![
            one(b(true)),
            Some(Grid::from_rows(vec![vec![n(3.0), n(3.0)]])),
            one(n(2.0)),
            one(n(0.0)),
            one(b(false)),
        ])
        .unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(
            e.message.starts_with("STAGE: stakeholders:"),
            "{}",
            e.message
        );
    }

    #[test]
    fn every_argument_is_required() {
        let e = stage(vec![one(b(true)), one(n(3.0)), one(n(2.0)), one(n(0.0))]).unwrap_err();
        assert_eq!(e.code, ErrorCode::Value);
        assert!(e.message.contains("joint_planning is required"));
    }
}
