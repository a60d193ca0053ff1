import { AUDIT_KINDS, listAudit } from '$lib/server/auth/audit.ts';
import { AUDIT_OUTCOMES, type AuditOutcome } from '$lib/server/workbench/schema.ts';
import { getServices } from '$lib/server/services.ts';
import type { PageServerLoad } from './$types';

const PAGE = 100;
const day = (s: string | null) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : null);

export const load: PageServerLoad = async ({ url }) => {
  const q = url.searchParams;
  const kind = q.get('kind');
  const outcome = q.get('outcome');
  const from = day(q.get('from'));
  const to = day(q.get('to'));
  const before = q.get('before');
  const filter = {
    kind: kind && (AUDIT_KINDS as readonly string[]).includes(kind) ? kind : undefined,
    outcome: outcome && (AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as AuditOutcome) : undefined,
    actor: q.get('actor')?.slice(0, 200) || undefined,
    from: from ? new Date(`${from}T00:00:00Z`) : undefined,
    to: to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000) : undefined,
    before: before && /^\d{1,18}$/.test(before) ? BigInt(before) : undefined,
    limit: PAGE,
  };
  const entries = await listAudit(getServices().workbench.db, filter);
  return {
    kinds: AUDIT_KINDS,
    outcomes: AUDIT_OUTCOMES,
    filter: { kind: filter.kind ?? '', outcome: filter.outcome ?? '', actor: filter.actor ?? '', from: from ?? '', to: to ?? '' },
    entries: entries.map((e) => ({ id: e.id.toString(), at: e.at.toISOString(), actor: e.actor, role: e.actor_role, kind: e.kind, outcome: e.outcome, target: e.target, ip: e.ip, details: JSON.stringify(e.details) })),
    older: entries.length === PAGE ? entries.at(-1)!.id.toString() : null,
  };
};
