/** Age invoices by days past due, or by days since they were issued. */
export type AgeBasis = 'due_date' | 'invoice_date';
export type AgingGroupBy = 'customer' | 'segment' | 'region' | 'currency';
export type CeiVariant = 'period_sales' | 'average_monthly_sales';

export interface AgingParams {
  /** A day in the business time zone, YYYY-MM-DD: balances at the end of that day. */
  readonly asOf: string;
  readonly basis: AgeBasis;
  /** Upper bounds in days, ascending; buckets are `<= b0`, `(b0, b1]`, …, `> bn`. */
  readonly bounds: readonly number[];
  readonly groupBy: AgingGroupBy;
}

export interface AgingBucket {
  readonly index: number;
  readonly label: string;
}

export interface AgingRow {
  /** The group's key (customer id, segment, region or currency) and what to show for it. */
  readonly key: string;
  readonly label: string;
  readonly currency: string;
  /** Open balance per bucket, minor units of `currency`. */
  readonly buckets: readonly bigint[];
  readonly total: bigint;
  readonly invoices: number;
}

export interface AgingReport {
  readonly params: AgingParams;
  readonly buckets: readonly AgingBucket[];
  /** Sorted by currency, then total descending. */
  readonly rows: readonly AgingRow[];
  /** One per currency: bucket totals that sum exactly to the open balances. */
  readonly totals: readonly AgingRow[];
}

export interface AgingInvoice {
  readonly invoiceId: string;
  readonly number: string;
  readonly customerId: string;
  readonly customerName: string;
  readonly segment: string;
  readonly region: string;
  readonly currency: string;
  readonly issuedOn: string;
  readonly dueOn: string;
  readonly openMinor: bigint;
  readonly ageDays: number;
  readonly bucket: number;
}

export interface CollectionMetricsMonth {
  readonly month: string;
  readonly currency: string;
  readonly arMinor: bigint;
  readonly arCurrentMinor: bigint;
  readonly arOverdueMinor: bigint;
  readonly creditSalesMinor: bigint;
  readonly dsoStandard: number | null;
  readonly dsoCountback: number | null;
  readonly bestPossibleDso: number | null;
  readonly addDays: number | null;
  readonly pctCurrent: number | null;
  readonly cei: number | null;
}
