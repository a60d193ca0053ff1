import type { RenderedNotebook } from '../../notebooks/types.ts';
import { withQueryConnection } from '../explore/connection.ts';
import { businessToday } from '../receivables/dates.ts';
import { getServices } from '../services.ts';
import { renderNotebook } from './render.ts';
import { notebooksDir, readNotebook } from './store.ts';

/** A notebook rendered for a request: its text from the folder (re-read now) and `search` as its parameters. null: no such file. */
export async function loadNotebook(name: string, search: URLSearchParams): Promise<RenderedNotebook | null> {
  const source = readNotebook(notebooksDir(), name);
  if (source === null) return null;
  return renderSource(name, source, search);
}

/** Renders a notebook's text (e.g. the editor's unsaved text, for the preview). */
export function renderSource(name: string, source: string, search: URLSearchParams): Promise<RenderedNotebook> {
  const today = businessToday(getServices().config.timezone);
  return withQueryConnection((connection) => renderNotebook(name, source, search, { today, connection }));
}

/** The text a new notebook starts with in the editor. */
export function newNotebookTemplate(name: string): string {
  return `---
title: ${name}
description: What this notebook answers.
params:
  from: { type: month, default: current-12, label: First month }
  to: { type: month, default: current-1, label: Last month }
  currency: { type: choice, options: [RUB, USD, EUR], default: RUB, label: Currency }
---

# ${name}

Invoiced and collected by month (marts.revenue_monthly).

\`\`\`sql name=revenue
select month, sum(invoiced_minor) * 0.01 as invoiced, sum(collected_minor) * 0.01 as collected
from marts.revenue_monthly
where currency = $currency and month between $from and $to
group by month
order by month
\`\`\`

\`\`\`chart query=revenue
type: line
x: month
y: [invoiced, collected]
\`\`\`
`;
}
