/**
 * The billing source contract as data: which tables Ledgerlens reads and how each column lands in
 * DuckDB. `sql/source/contract.sql` is the same contract as DDL; a test keeps the two in step.
 */

/** DuckDB column types used by the raw layer. Money stays BIGINT minor units, never DOUBLE. */
export type WarehouseType = 'VARCHAR' | 'BIGINT' | 'INTEGER' | 'TIMESTAMPTZ' | 'DATE' | 'DECIMAL(18,3)';

export interface ContractColumn {
  readonly name: string;
  readonly type: WarehouseType;
}

export interface ContractTable {
  /** Table name in the source schema `billing` and, prefixed `raw_`, in the warehouse. */
  readonly name: ContractTableName;
  readonly columns: readonly ContractColumn[];
  /** Money columns (minor units) that reconciliation sums per currency. */
  readonly moneyColumns: readonly string[];
  /** Column holding the ISO currency of the row's money, if it has money of its own. */
  readonly currencyColumn: string | null;
}

export const SOURCE_SCHEMA = 'billing';

export const CONTRACT_TABLE_NAMES = [
  'customers',
  'plans',
  'subscriptions',
  'subscription_versions',
  'invoices',
  'invoice_lines',
  'payments',
  'payment_allocations',
  'credit_notes',
  'usage_records',
] as const;
export type ContractTableName = (typeof CONTRACT_TABLE_NAMES)[number];

const v = (name: string): ContractColumn => ({ name, type: 'VARCHAR' });
const big = (name: string): ContractColumn => ({ name, type: 'BIGINT' });
const int = (name: string): ContractColumn => ({ name, type: 'INTEGER' });
const ts = (name: string): ContractColumn => ({ name, type: 'TIMESTAMPTZ' });
const date = (name: string): ContractColumn => ({ name, type: 'DATE' });
const qty = (name: string): ContractColumn => ({ name, type: 'DECIMAL(18,3)' });

export const CONTRACT: readonly ContractTable[] = [
  {
    name: 'customers',
    columns: [v('id'), v('name'), v('email'), v('phone'), v('segment'), v('region'), v('currency'), ts('created_at'), ts('closed_at'), ts('updated_at')],
    moneyColumns: [],
    currencyColumn: null,
  },
  {
    name: 'plans',
    columns: [v('id'), v('code'), v('name'), v('kind'), int('billing_period_months'), big('price_minor'), v('currency'), ts('updated_at')],
    moneyColumns: [],
    currencyColumn: null,
  },
  {
    name: 'subscriptions',
    columns: [v('id'), v('customer_id'), v('plan_id'), v('status'), ts('started_at'), ts('trial_ends_at'), ts('canceled_at'), ts('ended_at'), ts('updated_at')],
    moneyColumns: [],
    currencyColumn: null,
  },
  {
    name: 'subscription_versions',
    columns: [v('id'), v('subscription_id'), v('plan_id'), int('quantity'), big('price_minor'), big('discount_minor'), v('currency'), v('change_kind'), ts('valid_from'), ts('valid_to'), ts('updated_at')],
    moneyColumns: ['price_minor', 'discount_minor'],
    currencyColumn: 'currency',
  },
  {
    name: 'invoices',
    columns: [
      v('id'), v('number'), v('customer_id'), v('subscription_id'), v('status'), v('currency'), ts('issued_at'), ts('due_at'),
      date('service_period_start'), date('service_period_end'), big('subtotal_minor'), big('tax_minor'), big('credits_applied_minor'),
      big('total_minor'), ts('voided_at'), ts('updated_at'),
    ],
    moneyColumns: ['subtotal_minor', 'tax_minor', 'credits_applied_minor', 'total_minor'],
    currencyColumn: 'currency',
  },
  {
    name: 'invoice_lines',
    columns: [v('id'), v('invoice_id'), v('kind'), v('service'), v('description'), qty('quantity'), big('amount_minor'), big('tax_minor'), date('period_start'), date('period_end'), ts('updated_at')],
    moneyColumns: ['amount_minor', 'tax_minor'],
    currencyColumn: null, // lines carry their invoice's currency
  },
  {
    name: 'payments',
    columns: [v('id'), v('customer_id'), ts('received_at'), big('amount_minor'), v('currency'), v('method'), v('status'), big('refunded_minor'), ts('refunded_at'), ts('updated_at')],
    moneyColumns: ['amount_minor', 'refunded_minor'],
    currencyColumn: 'currency',
  },
  {
    name: 'payment_allocations',
    columns: [v('id'), v('payment_id'), v('invoice_id'), big('amount_minor'), ts('allocated_at'), ts('updated_at')],
    moneyColumns: ['amount_minor'],
    currencyColumn: null, // allocations carry their payment's currency
  },
  {
    name: 'credit_notes',
    columns: [v('id'), v('number'), v('invoice_id'), v('customer_id'), ts('issued_at'), v('currency'), big('amount_minor'), v('reason'), v('status'), ts('updated_at')],
    moneyColumns: ['amount_minor'],
    currencyColumn: 'currency',
  },
  {
    name: 'usage_records',
    columns: [v('id'), v('customer_id'), v('subscription_id'), v('service'), ts('bucket_start'), int('bucket_hours'), qty('quantity'), v('unit'), ts('updated_at')],
    moneyColumns: [],
    currencyColumn: null,
  },
];

export function contractTable(name: ContractTableName): ContractTable {
  const table = CONTRACT.find((t) => t.name === name);
  if (!table) throw new Error(`unknown contract table ${name}`);
  return table;
}
