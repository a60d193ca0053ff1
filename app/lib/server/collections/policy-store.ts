/**
 * The escalation policy as stored, versioned data (workbench table escalation_policies). Versions
 * are append-only; the highest is active and is what the daily run, the case page and the letters
 * use. The first use stores defaultPolicy() as version 1. Saving takes the version the editor
 * started from (optimistic locking, as cases do): on top of a stale version it is refused with
 * PolicyConflictError and nothing is written.
 */
import { sql } from 'kysely';
import {
  defaultPolicy,
  ENGLISH_POLICY_WORDS,
  EscalationError,
  policyDiff,
  policyFromJson,
  policyProblems,
  policyToJson,
  type EscalationPolicy,
  type PolicyWords,
  type RateTableRegistry,
} from '../escalation/index.ts';
import { pgError, UNIQUE_VIOLATION } from '../workbench/pg-errors.ts';
import type { StoredPolicyVersion, WorkbenchDb } from '../workbench/index.ts';
import { PolicyConflictError, PolicyInvalidError, StoredPolicyUnreadableError } from './policy-errors.ts';
import { BUILT_IN, loadRateTables, seedRateTables } from './rate-store.ts';

/** The policy in force and what it needs to run. */
export interface ActivePolicy {
  /** escalation_policies.version: recorded on every action it proposes. */
  readonly version: number;
  readonly policy: EscalationPolicy;
  readonly savedBy: string;
  readonly savedAt: Date;
  readonly comment: string;
  /** The stored rate tables (key rates), for key-rate late fees. */
  readonly rateTables: RateTableRegistry;
}

/** One version in the history, with what changed from the version before. */
export interface PolicyVersionSummary {
  readonly version: number;
  readonly policy: EscalationPolicy;
  readonly savedBy: string;
  readonly savedAt: Date;
  readonly comment: string;
  /** Sentences; for version 1: ['First version']. */
  readonly changes: readonly string[];
}

function readStored(row: StoredPolicyVersion): EscalationPolicy {
  try {
    return policyFromJson(row.policy);
  } catch (err) {
    const field = err instanceof EscalationError ? ` (${err.field})` : '';
    throw new StoredPolicyUnreadableError(`Stored policy version ${row.version} cannot be read${field}: ${(err as Error).message}. Save a corrected version in the policy editor.`, { cause: err });
  }
}

const seeded = new WeakSet<object>();

/**
 * Stores defaultPolicy() as version 1 when there is no version yet, and the built-in rate tables
 * (rate-store.ts). Idempotent; runs once per database handle per process.
 */
export async function ensurePolicyStore(db: WorkbenchDb): Promise<void> {
  if (seeded.has(db)) return;
  await seedRateTables(db);
  await db
    .insertInto('escalation_policies')
    .values({ version: 1, policy: JSON.stringify(policyToJson(defaultPolicy())), comment: 'The built-in default policy', created_by: BUILT_IN })
    .onConflict((oc) => oc.column('version').doNothing())
    .execute();
  seeded.add(db);
}

/** The active (highest) version, seeding the store on first use. Throws StoredPolicyUnreadableError for a row that no longer reads. */
export async function loadActivePolicy(db: WorkbenchDb): Promise<ActivePolicy> {
  await ensurePolicyStore(db);
  const row = await db.selectFrom('escalation_policies').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
  const { registry } = await loadRateTables(db);
  return { version: row.version, policy: readStored(row), savedBy: row.created_by, savedAt: row.created_at, comment: row.comment, rateTables: registry };
}

/** Every version, newest first, each with its changes from the one before. */
export async function listPolicyVersions(db: WorkbenchDb, rateTables: RateTableRegistry = {}, words: PolicyWords = ENGLISH_POLICY_WORDS): Promise<PolicyVersionSummary[]> {
  await ensurePolicyStore(db);
  const rows = await db.selectFrom('escalation_policies').selectAll().orderBy('version').execute();
  const out: PolicyVersionSummary[] = [];
  let previous: EscalationPolicy | null = null;
  for (const row of rows) {
    const policy = readStored(row);
    const changes = previous === null ? [words.diff.firstVersion] : policyDiff(previous, policy, rateTables, words);
    out.push({ version: row.version, policy, savedBy: row.created_by, savedAt: row.created_at, comment: row.comment, changes: changes.length ? changes : [words.diff.noChange] });
    previous = policy;
  }
  return out.reverse();
}

export interface SavePolicyInput {
  readonly policy: EscalationPolicy;
  /** The version the editor started from. */
  readonly baseVersion: number;
  readonly actor: string;
  readonly comment: string;
}

/**
 * Saves `policy` as version baseVersion + 1 and returns it. Refuses with PolicyInvalidError (every
 * problem, per field) or PolicyConflictError (a newer version exists, or another editor saved the
 * same base a moment earlier: the unique version decides); nothing is written then.
 */
export async function savePolicyVersion(db: WorkbenchDb, input: SavePolicyInput): Promise<ActivePolicy> {
  if (!input.actor.trim()) throw new PolicyInvalidError([{ field: 'actor', code: 'BAD_POLICY', message: 'Saving a policy needs an actor (who saves it)' }]);
  await ensurePolicyStore(db);
  const { registry } = await loadRateTables(db);
  const problems = policyProblems(input.policy, registry);
  if (problems.length > 0) throw new PolicyInvalidError(problems);
  const next = input.baseVersion + 1;
  let inserted: StoredPolicyVersion | undefined;
  try {
    // Inserted only while the base is still the highest version: a stale base inserts nothing.
    const { rows } = await sql<StoredPolicyVersion>`
      insert into workbench.escalation_policies (version, policy, comment, created_by)
      select ${next}::integer, ${JSON.stringify(policyToJson(input.policy))}::jsonb, ${input.comment.trim()}::text, ${input.actor}::text
      where (select max(version) from workbench.escalation_policies) = ${input.baseVersion}::integer
      returning *`.execute(db);
    inserted = rows[0];
  } catch (err) {
    if (pgError(err).code !== UNIQUE_VIOLATION) throw err;
  }
  if (!inserted) {
    const latest = await db.selectFrom('escalation_policies').selectAll().orderBy('version', 'desc').limit(1).executeTakeFirstOrThrow();
    throw new PolicyConflictError(input.baseVersion, latest.version, latest.created_by, latest.created_at, latest.comment || null);
  }
  return { version: inserted.version, policy: readStored(inserted), savedBy: inserted.created_by, savedAt: inserted.created_at, comment: inserted.comment, rateTables: registry };
}
