/** The escalation engine's public API: the workbench and its routes import from here only. */
export type * from './types.ts';
export { EscalationError, type EscalationErrorCode } from './errors.ts';
export { defaultPolicy } from './default-policy.ts';
export { validatePolicy, policyProblems, type PolicyProblem } from './validate-policy.ts';
export { policyToJson, policyFromJson, fractionToText, fractionFromText, POLICY_JSON_FORMAT } from './policy-json.ts';
export { describeLateFee, describeStepKind, describeThreshold, describeSegments, ENGLISH_POLICY_WORDS, type PolicyWords } from './describe-policy.ts';
export { policyDiff } from './policy-diff.ts';
export { planEscalation, proposeActions, type ProposeOptions } from './propose.ts';
export { computeInvoiceLateFee, computeLateFees, validateLateFeeRule, type LateFeeOptions } from './late-fee.ts';
export { applyDecisions, proposedRecords, type Decision, type DecisionEffects, type OutboxMessage } from './outbox.ts';
export { BUILT_IN_RATE_TABLES, CBR_KEY_RATE } from './key-rates.ts';
export { rateOn, validateRateTable } from './rate-table.ts';
export { fraction, fractionFromDecimal, toDecimalString } from './fraction.ts';
