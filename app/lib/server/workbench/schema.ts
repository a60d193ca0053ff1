import type { ColumnType, GeneratedAlways, Insertable, JSONColumnType, Selectable } from 'kysely';
import type { Role } from '../../access/permissions.ts';
import type { MinorUnits } from '../../money.ts';

/**
 * The workbench database as kysely sees it (types first; migrations/ create exactly this).
 * Conventions: ids are int8 → `bigint`; money is `bigint` minor units beside an ISO 4217 currency;
 * timestamptz columns come back as JS `Date` (UTC instant, millisecond precision) and accept a Date
 * or an ISO string; `date` columns (calendar days) stay `'YYYY-MM-DD'` text; jsonb comes back parsed
 * and is written as a JSON string (pg would turn JS arrays into Postgres arrays).
 */
export interface WorkbenchDatabase {
  staff: StaffTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_notes: CaseNotesTable;
  contact_log: ContactLogTable;
  promises_to_pay: PromisesToPayTable;
  saved_views: SavedViewsTable;
  collection_actions: CollectionActionsTable;
  outbox: OutboxTable;
  fx_rates: FxRatesTable;
  escalation_policies: EscalationPoliciesTable;
  rate_tables: RateTablesTable;
  rate_table_entries: RateTableEntriesTable;
  invoice_disputes: InvoiceDisputesTable;
  forecasts: ForecastsTable;
  churn_score_runs: ChurnScoreRunsTable;
  churn_scores: ChurnScoresTable;
  retention_bonus_settings: RetentionBonusSettingsTable;
  retention_bonuses: RetentionBonusesTable;
  retention_bonus_outbox: RetentionBonusOutboxTable;
  report_schedules: ReportSchedulesTable;
  report_deliveries: ReportDeliveriesTable;
  sessions: SessionsTable;
  invites: InvitesTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
}

/** Written by the database (default now()), readable as Date. */
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Money = ColumnType<MinorUnits, bigint, bigint>;
type Id = GeneratedAlways<bigint>;

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export const STAFF_ROLES = ['collector', 'supervisor', 'admin'] as const;
/** The collections team's own grading (collector, supervisor); access is decided by access_role. */
export type StaffRole = (typeof STAFF_ROLES)[number];

export interface StaffTable {
  id: Id;
  name: string;
  /** Unique, compared as given (store it lower-case). */
  email: string;
  role: ColumnType<StaffRole, StaffRole | undefined, StaffRole>;
  created_at: CreatedAt;
  /** What the user may do (app/lib/access/permissions.ts). */
  access_role: ColumnType<Role, Role | undefined, Role>;
  /** argon2id; null until an invite is accepted, and always for demo users. */
  password_hash: ColumnType<string | null, string | null | undefined, string | null>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  /** A collector who sees and works only the cases assigned to them. */
  own_cases_only: ColumnType<boolean, boolean | undefined, boolean>;
  locale: ColumnType<Locale | null, Locale | null | undefined, Locale | null>;
  /** One-click demo user (embedded demo only). */
  demo: ColumnType<boolean, boolean | undefined, boolean>;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  failed_sign_ins: ColumnType<number, number | undefined, number>;
  locked_until: NullableTimestamp;
  last_sign_in_at: NullableTimestamp;
}

export type Locale = 'en' | 'ru';

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie's token; the token itself is never stored. */
  id: string;
  staff_id: bigint;
  created_at: CreatedAt;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface InvitesTable {
  token_hash: string;
  staff_id: bigint;
  created_by: string;
  created_at: CreatedAt;
  expires_at: Timestamp;
  used_at: NullableTimestamp;
}

export interface ApiTokensTable {
  id: Id;
  name: string;
  token_hash: string;
  /** First characters of the token, to recognise it in lists. */
  prefix: string;
  scopes: JSONColumnType<string[], string, never>;
  created_by: string;
  created_at: CreatedAt;
  last_used_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
}

export const AUDIT_OUTCOMES = ['ok', 'denied', 'failed'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** Append-only (a trigger refuses UPDATE and DELETE). */
export interface AuditLogTable {
  id: Id;
  at: CreatedAt;
  /** An email, `token:<name>`, or `anonymous`. */
  actor: string;
  actor_role: string | null;
  kind: string;
  outcome: AuditOutcome;
  target: string | null;
  ip: string | null;
  details: JSONColumnType<JsonObject, string | undefined, never>;
}
export type AuditEntry = Selectable<AuditLogTable>;
export type ApiToken = Selectable<ApiTokensTable>;

export const CASE_STATUSES = ['open', 'resolved'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export interface CasesTable {
  id: Id;
  /** billing customer id; at most one open case per customer (partial unique index). */
  customer_id: string;
  status: ColumnType<CaseStatus, CaseStatus | undefined, CaseStatus>;
  assigned_to: ColumnType<bigint | null, bigint | null | undefined, bigint | null>;
  opened_at: Timestamp;
  /** Set exactly while status is 'resolved'. */
  resolved_at: NullableTimestamp;
  /** Optimistic lock: starts at 1, +1 on every change a collector makes. */
  version: ColumnType<number, number | undefined, number>;
  updated_at: Timestamp;
  /** Actor of the last change (see Actor). */
  updated_by: string;
}

/** What case_events.kind holds; payload shapes are documented where each is written. */
export const CASE_EVENT_KINDS = [
  'opened', 'reopened', 'resolved', 'assigned', 'note_added', 'contact_logged',
  'promise_recorded', 'promise_cancelled', 'promise_kept', 'promise_broken',
  'action_proposed', 'action_approved', 'action_skipped',
  'dispute_opened', 'dispute_resolved',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

/** Append-only (a trigger rejects UPDATE, DELETE and TRUNCATE): the case's audit trail. */
export interface CaseEventsTable {
  id: Id;
  case_id: bigint;
  actor: string;
  kind: CaseEventKind;
  /** bigint values inside are decimal strings. */
  payload: JSONColumnType<JsonObject>;
  at: CreatedAt;
}

export interface CaseNotesTable {
  id: Id;
  case_id: bigint;
  author: string;
  body: string;
  created_at: CreatedAt;
}

export const CONTACT_CHANNELS = ['call', 'email', 'sms', 'letter', 'visit'] as const;
export type ContactChannel = (typeof CONTACT_CHANNELS)[number];
/** Outcomes a collector picks from; extend with a migration (check constraint contact_log_outcome). */
export const CONTACT_OUTCOMES = ['reached', 'no_answer', 'left_message', 'wrong_contact', 'sent', 'bounced', 'refused', 'disputed'] as const;
export type ContactOutcome = (typeof CONTACT_OUTCOMES)[number];

export interface ContactLogTable {
  id: Id;
  case_id: bigint;
  actor: string;
  channel: ContactChannel;
  outcome: ContactOutcome;
  text: string;
  /** When the contact happened (may be earlier than created_at when logged afterwards). */
  contacted_at: Timestamp;
  created_at: CreatedAt;
}

export const PROMISE_STATUSES = ['open', 'kept', 'broken', 'cancelled'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];

export interface PromisesToPayTable {
  id: Id;
  case_id: bigint;
  /** > 0 */
  amount_minor: Money;
  currency: string;
  /** Calendar day 'YYYY-MM-DD' by which the customer promised to pay (in the workbench's time zone). */
  promised_date: string;
  /** When the customer made the promise; payments from that calendar day on count towards it. */
  promised_at: Timestamp;
  status: ColumnType<PromiseStatus, PromiseStatus | undefined, PromiseStatus>;
  created_by: string;
  created_at: CreatedAt;
  /** When status last left 'open' (kept, broken or cancelled). */
  evaluated_at: NullableTimestamp;
}

export interface SavedViewsTable {
  id: Id;
  name: string;
  /** Actor who owns the view; (owner, name) is unique. */
  owner: string;
  /** The queue's structured filter (an expression tree), never SQL text. */
  filters: JSONColumnType<JsonObject>;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export const ACTION_STATUSES = ['proposed', 'approved', 'skipped', 'published'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** Actions the escalation policy proposes; a person approves or skips them; approval writes the outbox. */
export interface CollectionActionsTable {
  id: Id;
  case_id: bigint;
  invoice_id: string | null;
  /** The policy step that proposed it (the engine's own naming). */
  step: string;
  /** What to do (the engine's own naming, e.g. 'reminder_email', 'late_fee'). */
  kind: string;
  /** Null for actions without an amount; currency is null exactly when amount_minor is. */
  amount_minor: ColumnType<MinorUnits | null, bigint | null | undefined, bigint | null>;
  currency: string | null;
  /** The engine's key for "this action for this case/invoice/step"; unique, so re-proposing is a no-op. */
  idempotency_key: string;
  /** The engine's full proposal (reason, cycle, invoice ids, fee breakdown…), bigints as strings; copied into the outbox payload. */
  details: ColumnType<JsonObject, string | undefined, string>;
  status: ColumnType<ActionStatus, ActionStatus | undefined, ActionStatus>;
  proposed_at: CreatedAt;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  /** escalation_policies.version that proposed it; null for actions recorded before policies were stored. */
  policy_version: ColumnType<number | null, number | null | undefined, never>;
}

/** Approved actions waiting to be published (transactional outbox); one row per action. */
export interface OutboxTable {
  id: Id;
  action_id: bigint;
  payload: JSONColumnType<JsonObject>;
  created_at: CreatedAt;
  published_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
}

/**
 * Versions of the escalation policy (append-only: a trigger refuses UPDATE and DELETE). The highest
 * version is the active one. `policy` is the engine's EscalationPolicy in its stored JSON form
 * (escalation/policy-json.ts: fractions as "1/300", minor units as decimal strings).
 */
export interface EscalationPoliciesTable {
  id: Id;
  /** 1, 2, 3… unique: two editors saving on top of the same version cannot both win. */
  version: number;
  policy: ColumnType<JsonObject, string, never>;
  /** Why it changed, in the editor's words. */
  comment: ColumnType<string, string | undefined, never>;
  created_by: ColumnType<string, string, never>;
  created_at: CreatedAt;
}

/** A dated rate published elsewhere (e.g. the Bank of Russia key rate), referenced by policies by id. */
export interface RateTablesTable {
  /** e.g. 'cbr-key-rate'. */
  id: string;
  name: string;
  /** Where the figures come from (a URL), so an admin can check them. */
  source: ColumnType<string, string | undefined, string>;
  /** 'YYYY-MM-DD': the last day someone checked the table against its source (adding a rate counts). */
  reviewed_on: string;
  created_at: CreatedAt;
}

/** One rate in force from `effective_from` (append-only; a later row for the same date corrects it). */
export interface RateTableEntriesTable {
  id: Id;
  table_id: string;
  /** Calendar day 'YYYY-MM-DD'. */
  effective_from: string;
  /** A fraction of 1 (0.165 = 16.5 %), numeric(12,8), read back as exact decimal text. */
  rate: ColumnType<string, string, never>;
  note: ColumnType<string, string | undefined, never>;
  created_by: string;
  created_at: CreatedAt;
}

/** A customer disputes an invoice: while open (resolved_at null), the escalation policy holds it. At most one open dispute per invoice. */
export interface InvoiceDisputesTable {
  id: Id;
  /** The case it was raised in (its history records it). */
  case_id: bigint;
  /** billing invoice id. */
  invoice_id: string;
  reason: string;
  opened_by: string;
  opened_at: CreatedAt;
  /** How it ended, in staff's words; set exactly when resolved. */
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: NullableTimestamp;
}

export type Staff = Selectable<StaffTable>;
export type Case = Selectable<CasesTable>;
export type CaseEvent = Selectable<CaseEventsTable>;
export type CaseNote = Selectable<CaseNotesTable>;
export type ContactLogEntry = Selectable<ContactLogTable>;
export type PromiseToPay = Selectable<PromisesToPayTable>;
export type SavedView = Selectable<SavedViewsTable>;
export type CollectionAction = Selectable<CollectionActionsTable>;
export type OutboxEntry = Selectable<OutboxTable>;
export type NewCollectionAction = Insertable<CollectionActionsTable>;

/** 1 unit of `currency` = `rate` units of `quote` on `rate_date` (numeric comes back as exact text). */
export interface FxRatesTable {
  id: Id;
  rate_date: ColumnType<string, string, string>;
  currency: string;
  quote: string;
  rate: ColumnType<string, string, string>;
  source: string;
  entered_by: string;
  entered_at: Timestamp;
}
export type StoredPolicyVersion = Selectable<EscalationPoliciesTable>;
export type RateTableEntry = Selectable<RateTableEntriesTable>;
export type InvoiceDispute = Selectable<InvoiceDisputesTable>;

/** One stored forecast (migration 0005): see app/lib/server/forecast/types.ts for the JSON shapes. */
export interface ForecastsTable {
  id: Id;
  run_date: ColumnType<string, string, string>;
  series_key: string;
  measure: 'invoiced' | 'mrr' | 'cash_collection';
  currency: string;
  segment: string | null;
  /** Migration 0007; null = all plans. */
  plan: ColumnType<string | null, string | null | undefined, string | null>;
  frequency: 'month' | 'week';
  model: string;
  params: ColumnType<JsonObject, string, string>;
  history: ColumnType<JsonValue[], string, string>;
  points: ColumnType<JsonValue[], string, string>;
  backtest: ColumnType<JsonObject, string, string>;
  warnings: ColumnType<JsonValue[], string, string>;
  created_at: CreatedAt;
}

/** One scoring of every active customer by one churn model at one feature cut-off (migration 0006). */
export interface ChurnScoreRunsTable {
  id: Id;
  model_id: string;
  model_source: 'active' | 'default';
  cutoff_at: Timestamp;
  as_of_month: ColumnType<string, string, string>;
  scored_at: CreatedAt;
  customers: number;
  medium_from: number;
  high_from: number;
}

export interface ChurnScoresTable {
  run_id: bigint;
  customer_id: string;
  probability: number;
  band: 'low' | 'medium' | 'high';
  /** [{ column, delta, value }], largest risk-raising first. */
  reasons: JSONColumnType<JsonValue[]>;
  /** The row's feature values as scored (column → number | string | null). */
  features: JSONColumnType<JsonObject>;
  mrr_minor: Money;
  currency: string;
  segment: string;
}

export interface RetentionBonusSettingsTable {
  id: Id;
  policy: JSONColumnType<JsonObject>;
  changed_by: string;
  changed_at: CreatedAt;
}

export type RetentionBonusStatus = 'proposed' | 'approved' | 'rejected' | 'holdout';

export interface RetentionBonusesTable {
  id: Id;
  customer_id: string;
  run_id: bigint;
  proposed_on: ColumnType<string, string, string>;
  arm: 'offer' | 'holdout';
  status: ColumnType<RetentionBonusStatus, RetentionBonusStatus, RetentionBonusStatus>;
  band: 'low' | 'medium' | 'high';
  probability: number;
  value_tier: string;
  amount_minor: Money;
  currency: string;
  mrr_minor: Money;
  observe_until: ColumnType<string, string, string>;
  decided_by: string | null;
  decided_at: NullableTimestamp;
  decision_note: string | null;
  outcome: 'stayed' | 'churned' | null;
  outcome_at: NullableTimestamp;
}

export interface RetentionBonusOutboxTable {
  id: Id;
  bonus_id: bigint;
  payload: JSONColumnType<JsonObject>;
  created_at: CreatedAt;
  published_at: NullableTimestamp;
  acknowledged_at: NullableTimestamp;
}

/** A scheduled report (migration 0008); see app/lib/server/reports/. Instants UTC, rules read in `timezone`. */
export interface ReportSchedulesTable {
  id: Id;
  name: string;
  notebook: string;
  /** Parameter name → value as typed in the form (relative values such as current-1 resolve at each run). */
  params: JSONColumnType<Record<string, string>, string, string>;
  rule_kind: 'cron' | 'first_working_day';
  cron: string | null;
  /** HH:MM in `timezone`, for the first-working-day rule. */
  run_time: string | null;
  timezone: string;
  holidays: JSONColumnType<string[], string, string>;
  formats: JSONColumnType<('pdf' | 'xlsx')[], string, string>;
  xlsx_blocks: JSONColumnType<string[], string, string>;
  email_to: JSONColumnType<string[], string, string>;
  /** A sub-folder of the reports folder, or null: no folder delivery. */
  folder: string | null;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  next_run_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

/** One attempt at delivering one run of a schedule (migration 0008). */
export interface ReportDeliveriesTable {
  id: Id;
  schedule_id: bigint;
  scheduled_for: Timestamp;
  attempt: number;
  attempted_at: Timestamp;
  status: 'delivered' | 'failed' | 'gave_up';
  error: string | null;
  /** Set while a retry of this failed attempt is pending. */
  retry_at: NullableTimestamp;
  files: JSONColumnType<{ name: string; bytes: number }[], string, string>;
  recipients: JSONColumnType<string[], string, string>;
}

export type ReportScheduleRow = Selectable<ReportSchedulesTable>;
export type ReportDeliveryRow = Selectable<ReportDeliveriesTable>;

/** Where signed webhooks go (0010_webhooks). `secret` signs the bodies (HMAC-SHA256); shown once. */
export interface WebhookEndpointsTable {
  id: Id;
  url: string;
  description: ColumnType<string, string | undefined, string>;
  events: JSONColumnType<string[], string, string>;
  secret: ColumnType<string, string, never>;
  active: ColumnType<boolean, boolean | undefined, boolean>;
  created_by: string;
  created_at: CreatedAt;
}

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event for one endpoint, with its delivery state (the admin's delivery log). */
export interface WebhookDeliveriesTable {
  id: Id;
  endpoint_id: bigint;
  /** The event's own id, e.g. `action.approved:17` (outbox id); unique per endpoint. */
  event_id: string;
  event_type: string;
  payload: JSONColumnType<JsonObject, string, never>;
  status: ColumnType<WebhookDeliveryStatus, WebhookDeliveryStatus | undefined, WebhookDeliveryStatus>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  claimed_until: NullableTimestamp;
  last_attempt_at: NullableTimestamp;
  response_status: ColumnType<number | null, number | null | undefined, number | null>;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  delivered_at: NullableTimestamp;
  created_at: CreatedAt;
}

export type WebhookEndpoint = Selectable<WebhookEndpointsTable>;
export type WebhookDelivery = Selectable<WebhookDeliveriesTable>;
