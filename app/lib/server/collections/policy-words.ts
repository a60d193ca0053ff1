/**
 * The escalation policy's words in the request's language, for the pages (the policy page, its
 * history and preview, the case page's late-fee note). The engine keeps English
 * (ENGLISH_POLICY_WORDS): it also runs from the CLI, outside the UI's message catalogue.
 */
import { m } from '$lib/paraglide/messages.js';
import type { PolicyWords } from '../escalation/index.ts';

/** In English these are exactly ENGLISH_POLICY_WORDS's sentences (app/lib/server/escalation/describe-policy.ts). */
export function policyWords(): PolicyWords {
  return {
    stepKind: {
      reminder: m.cl_pw_kind_reminder(),
      late_fee: m.cl_pw_kind_late_fee(),
      suspension: m.cl_pw_kind_suspension(),
      agency_handoff: m.cl_pw_kind_agency(),
      personal_call: m.cl_step_personal_call(),
    },
    anyAmount: m.cl_any_amount(),
    noCurrency: m.cl_pw_no_currency(),
    allSegments: m.cl_pw_all_segments(),
    noLateFee: m.cl_pw_no_late_fee(),
    rateTable: (id) => m.cl_pw_rate_table({ id }),
    rateAsOf: m.cl_pw_rate_as_of(),
    rateEachDay: m.cl_pw_rate_each_day(),
    dailyKeyRate: (p) => m.cl_pw_daily_key_rate(p),
    annualRate: (p) => m.cl_pw_annual_rate(p),
    fixedPerReminder: (p) => m.cl_pw_fixed(p),
    grace: ({ days, fromDueDate }) =>
      (fromDueDate ? (days === 1 ? m.cl_pw_grace_due_one : m.cl_pw_grace_due) : days === 1 ? m.cl_pw_grace_next_one : m.cl_pw_grace_next)({ days }),
    noGrace: m.cl_pw_no_grace(),
    capOfInvoice: (p) => m.cl_pw_cap_of_invoice(p),
    cap: ({ caps }) => m.cl_pw_cap({ caps: caps.join(m.cl_pw_or()) }),
    noCap: m.cl_pw_no_cap(),
    rounding: m.cl_pw_rounding(),
    diff: {
      yes: m.cl_pw_yes(),
      no: m.cl_pw_no(),
      none: m.cl_policy_none(),
      renamed: (p) => m.cl_pw_diff_renamed(p),
      action: (p) => m.cl_pw_diff_action(p),
      scope: (p) => m.cl_pw_diff_scope(p),
      days: (p) => m.cl_pw_diff_days(p),
      minimum: (p) => m.cl_pw_diff_minimum(p),
      segments: (p) => m.cl_pw_diff_segments(p),
      approval: (p) => m.cl_pw_diff_approval(p),
      removed: (p) => m.cl_pw_diff_removed(p),
      added: (p) => m.cl_pw_diff_added(p),
      reordered: (p) => m.cl_pw_diff_reordered(p),
      holdDisputed: (p) => m.cl_pw_diff_hold_disputed(p),
      pauseOnPromise: (p) => m.cl_pw_diff_pause(p),
      promiseGrace: (p) => m.cl_pw_diff_promise_grace(p),
      approvalSegments: (p) => m.cl_pw_diff_approval_segments(p),
      lateFee: (p) => m.cl_pw_diff_late_fee(p),
      sequencing: (p) => m.cl_pw_diff_sequencing(p),
      branch: m.cl_pw_diff_branch(),
      firstVersion: m.cl_pw_first_version(),
      noChange: m.cl_pw_no_change(),
    },
  };
}
