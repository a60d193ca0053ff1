/**
 * The collections workbench's server API: routes and the escalation engine import from here only.
 * Every collector's change takes `{ actor, expectedVersion }` and returns the case with its new
 * version; a stale version throws CaseConflictError (409, code CASE_CONFLICT) and writes nothing.
 */
export { openWorkbench, migrateWorkbench, workbenchMigrator, WORKBENCH_SCHEMA, type Workbench, type WorkbenchDb, type Database, type OpenWorkbenchOptions } from './database.ts';
export type { Actor, ChangeContext } from './change-case.ts';
export { ensureCases, assignCase, bulkAssign, resolveCase, reopenCase, listCases, getCase, type OverdueCustomer, type EnsureCasesResult, type BulkItem, type BulkResult, type CaseQueueFilter, type CaseDetail } from './cases.ts';
export { addNote } from './notes.ts';
export { logContact, type ContactInput } from './contacts.ts';
export { recordPromise, cancelPromise, evaluatePromises, planPromiseOutcomes, PROMISE_EVALUATOR, type PromiseInput, type PaymentInput, type PromiseOutcome, type PromiseRules } from './promises.ts';
export { recordProposals, approveAction, skipAction, ESCALATION_POLICY, type ActionProposal, type ActionDecision } from './actions.ts';
export { addStaff, listStaff } from './staff.ts';
export { listPendingOutbox, acknowledgeOutbox, listPendingBonusOutbox, acknowledgeBonusOutbox, OutboxEntryNotFoundError, type PendingOutboxEntry, type PendingBonusOutboxEntry, type OutboxAck, type AckBy } from './outbox-relay.ts';
export { saveView, listViews, deleteView, getView } from './saved-views.ts';
export { openDispute, resolveDispute, listCaseDisputes, openlyDisputedInvoices, customersWithOpenDisputes, DisputeNotFoundError, type DisputeInput } from './disputes.ts';
export * from './errors.ts';
export * from './schema.ts';
