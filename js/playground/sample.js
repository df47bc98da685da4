// The sample workbook the playground opens on, and the build writes as
// dist/excel/rapport-sample.xlsx. Made-up data for eight accounts, generated from a fixed seed so
// every build is identical; every Rapport function family is used by a formula.
// A sheet is {name, cells}: rows of raw cell contents (numbers, text, booleans, null, or
// formulas as text starting with "=").
import { seeded } from './seeded.js';

export const DIMENSIONS = ['Trust', 'Care', 'Continuity', 'Linkages', 'Communication', 'Problem solving'];

/** Eight accounts: name, health (mean rating 1–5) and stage inputs. */
const ACCOUNTS = [
  // name,               health, contract, people, depts, offerings, joint, profit, crit, subst, switch, seller view
  ['Northwind Foods',     4.5, 'yes', 8, 4, 3, 'yes', 420000, 5, 2, 4, 'Interconnected'],
  ['Contoso Logistics',   3.2, 'yes', 4, 2, 1, 'no',  180000, 4, 3, 3, 'Interconnected'],
  ['Fabrikam Metals',     2.4, 'yes', 2, 1, 1, 'no',   95000, 3, 4, 2, 'Collaborative'],
  ['Tailspin Travel',     4.0, 'yes', 5, 3, 2, 'no',  260000, 4, 2, 4, 'Collaborative'],
  ['Litware Health',      3.7, 'yes', 3, 1, 2, 'no',  130000, 2, 4, 2, 'Basic'],
  ['Adatum Energy',       2.1, 'no',  1, 1, 1, 'no',   40000, 2, 5, 1, 'Basic'],
  ['Woodgrove Retail',    4.2, 'yes', 7, 3, 4, 'yes', 350000, 5, 1, 5, 'Interconnected'],
  ['Proseware Media',     3.0, 'yes', 3, 2, 1, 'no',   60000, 3, 3, 3, 'Collaborative'],
];
const ROLES = ['Decision Maker', 'Economic Buyer', 'Champion', 'Influencer', 'User'];

function surveySheet(rand) {
  const rows = [['Account', 'Role', ...DIMENSIONS, 'SEQ score', 'Level', 'Percentile']];
  const perAccount = [6, 5, 5, 5, 4, 5, 6, 4]; // 40 respondents
  ACCOUNTS.forEach(([name, health], a) => {
    for (let i = 0; i < perAccount[a]; i++) {
      const role = i === 0 && name !== 'Fabrikam Metals' ? 'Decision Maker' : ROLES[1 + Math.floor(rand() * 4)];
      const ratings = DIMENSIONS.map((_, d) => {
        const x = Math.round(health + (rand() - 0.5) * 2.2 - (d === 3 ? 0.4 : 0));
        return Math.max(1, Math.min(5, x));
      });
      if (rand() < 0.08) ratings[Math.floor(rand() * 6)] = 'n/a'; // an unanswered item
      rows.push([name, role, ...ratings]);
    }
  });
  const n = rows.length; // header + respondents
  rows[1].push(`=RAPPORT.SEQ_SCORE(C2:H${n})`, `=RAPPORT.SEQ_LEVEL(I2:I${n})`, `=RAPPORT.SEQ_PERCENTILE(I2:I${n}, {62, 14})`);
  return { name: 'Survey', cells: rows };
}

function sellerSheet() {
  // The account team rates the same six dimensions about its own relationships.
  return {
    name: 'Seller',
    cells: [
      ['Rater', ...DIMENSIONS, 'SEQ score'],
      ['Account director', 5, 4, 5, 4, 5, 4, '=RAPPORT.SEQ_SCORE(B2:G5)'],
      ['Account manager', 4, 5, 4, 4, 4, 4],
      ['Service lead', 4, 4, 5, 3, 4, 5],
      ['Sales engineer', 5, 4, 4, 4, 5, 4],
    ],
  };
}

function accountsSheet() {
  const header = ['Account', 'Contract', 'Stakeholders', 'Departments', 'Offerings', 'Joint planning', 'Profit', 'Criticality', 'Substitutability', 'Switching cost', "Seller's view", 'Stage', 'Next step', 'Perception gap', 'Dependence', 'Fit'];
  const rows = ACCOUNTS.map(([name, , contract, people, depts, offerings, joint, profit, crit, subst, sw, view]) => [name, contract, people, depts, offerings, joint, profit, crit, subst, sw, view]);
  const n = rows.length + 1;
  rows[0].push(
    `=RAPPORT.STAGE(B2:B${n}, C2:C${n}, D2:D${n}, E2:E${n}, F2:F${n})`,
    `=RAPPORT.STAGE_NEXT(B2:B${n}, C2:C${n}, D2:D${n}, E2:E${n}, F2:F${n})`,
    `=RAPPORT.PERCEPTION_GAP(K2:K${n}, L2:L${n})`,
    `=RAPPORT.DEPENDENCE(H2:H${n}, I2:I${n}, J2:J${n})`,
    // Closeness: each account's SEQ from the summary (same account order as the survey).
    `=RAPPORT.FIT(O2:O${n}, Summary!D4:D${n + 2})`,
  );
  return { name: 'Accounts', cells: [header, ...rows] };
}

function interactionsSheet(rand) {
  const rows = [['Account', 'Date', 'Effect', 'Cost', null, 'Survey date', 'Portfolio SEQ', null, 'Points a year', 'Trend']];
  const start = Date.UTC(2025, 0, 6);
  const kinds = [3, 2, 1, -1, -2, 4, -3];
  for (let i = 0; i < 40; i++) {
    const a = ACCOUNTS[i % ACCOUNTS.length];
    const day = new Date(start + Math.floor(i * 8.5 + rand() * 6) * 86400000).toISOString().slice(0, 10);
    const bias = a[1] >= 3.5 ? 2 : a[1] < 2.5 ? -2 : 0;
    const effect = kinds[Math.floor(rand() * kinds.length)] + bias;
    rows.push([a[0], day, effect, Math.round(200 + rand() * 1800)]);
  }
  const pulse = [['2024-03-31', 61], ['2024-06-30', 63], ['2024-09-30', 62], ['2024-12-31', 66], ['2025-03-31', 68], ['2025-06-30', 71]];
  pulse.forEach(([d, s], i) => rows[i + 1].push(null, d, s));
  rows[1].push(null, '=RAPPORT.SEQ_TREND(F2:F7, G2:G7)');
  return { name: 'Interactions', cells: rows };
}

function valueMapSheet() {
  return {
    name: 'Value map',
    cells: [
      ['Step (order to delivery)', 'Brand', 'Product', 'Experience', 'Supplier cost', 'Customer cost', 'Net', 'Verdict', 'Total cost'],
      ['Request a quote', 1, 0, -1, 120, 80, '=RAPPORT.VALUE_MAP(B2:B8, C2:C8, D2:D8, E2:E8, F2:F8)'],
      ['Receive the quote', 1, 1, 1, 60, 20],
      ['Place the order', 0, 1, -2, 40, 90],
      ['Order confirmation', 0, 0, 1, 10, 5],
      ['Delivery', 2, 2, 1, 300, 40],
      ['Invoice', -1, 0, -1, 30, 60],
      ['Complaint handling', 0, -1, -2, 150, 200],
      [],
      [],
      [],
      ['Commitments to this customer'],
      ['Commitment', 'Amount', 'Partner specific'],
      ['Dedicated service engineer', 90000, 'yes'],
      ['Customised training', 25000, 'yes'],
      ['Standard software licences', 40000, 'no'],
      ['Special procedures for their audits', 15000, 'yes'],
      ['Trade show invitation', 5000, 'no'],
    ],
  };
}

function summarySheet(surveyRows, interactionRows) {
  const s = surveyRows; // last respondent row
  const i = interactionRows;
  const grid = [];
  const put = (ref, value) => {
    const m = /^([A-Z]+)(\d+)$/.exec(ref);
    const col = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    const row = Number(m[2]) - 1;
    while (grid.length <= row) grid.push([]);
    while (grid[row].length < col) grid[row].push(null);
    grid[row][col] = value;
  };
  put('A1', 'Rapport summary — every figure on this sheet is a RAPPORT formula over the other sheets');
  put('A2', 'Sales Equity by account (ACCOUNT_SEQ)');
  put('A3', `=RAPPORT.ACCOUNT_SEQ(Survey!A2:A${s}, Survey!C2:H${s}, Survey!B2:B${s})`);
  put('I2', 'At risk (AT_RISK)');
  put('I3', '=RAPPORT.AT_RISK(A4:A11, E4:E11, D4:D11)');
  put('L2', 'Level mix (LEVEL_MIX)');
  put('L3', '=RAPPORT.LEVEL_MIX(E4:E11)');
  put('L10', 'Climate by dimension (CLIMATE)');
  put('L11', `=RAPPORT.CLIMATE(Survey!C2:H${s}, Survey!C1:H1)`);
  put('L19', 'Portfolio SEQ trend (SEQ_TREND)');
  put('L20', '=RAPPORT.SEQ_TREND(Interactions!F2:F7, Interactions!G2:G7)');
  put('L22', "Survey reliability, Cronbach's alpha (SURVEY_ALPHA)");
  put('L23', `=RAPPORT.SURVEY_ALPHA(Survey!C2:H${s})`);
  put('L25', 'Credible commitment, % (COMMITMENT)');
  put('L26', "=RAPPORT.COMMITMENT('Value map'!B14:B18, 'Value map'!C14:C18)");
  put('L28', 'Engine version (VERSION)');
  put('L29', '=RAPPORT.VERSION()');
  put('P2', 'Blind spots: seller vs buyers (BLIND_SPOTS)');
  put('P3', `=RAPPORT.BLIND_SPOTS(Seller!B2:G5, Survey!C2:H${s}, Survey!C1:H1)`);
  put('P11', 'Key accounts (KEY_ACCOUNTS)');
  put('P12', '=RAPPORT.KEY_ACCOUNTS(Accounts!A2:A9, Accounts!G2:G9, Accounts!L2:L9, 5)');
  put('V2', 'Contact coverage (CONTACT_RISK)');
  put('V3', `=RAPPORT.CONTACT_RISK(Survey!A2:A${s}, Survey!B2:B${s})`);
  put('Z2', 'Relationship value from interactions (RELATIONSHIP_VALUE)');
  put('Z3', `=RAPPORT.RELATIONSHIP_VALUE(Interactions!A2:A${i}, Interactions!B2:B${i}, Interactions!C2:C${i}, Interactions!D2:D${i})`);
  return { name: 'Summary', cells: grid };
}

/** The sample workbook: {sheets: [{name, cells}]}. */
export function sampleWorkbook() {
  const rand = seeded(20250601);
  const survey = surveySheet(rand);
  const interactions = interactionsSheet(rand);
  return {
    sheets: [
      summarySheet(survey.cells.length, interactions.cells.length),
      survey,
      sellerSheet(),
      accountsSheet(),
      interactions,
      valueMapSheet(),
      { name: 'Generated', cells: [['Synthetic survey data from SAMPLE_SURVEY (4 accounts, seed 2024)'], ['=RAPPORT.SAMPLE_SURVEY(4, 2024)']] },
    ],
  };
}
