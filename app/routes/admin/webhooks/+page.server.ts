import { fail } from '@sveltejs/kit';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, setWebhookEndpointActive } from '$lib/server/webhooks/endpoints.ts';
import { WEBHOOK_EVENTS } from '$lib/server/webhooks/events.ts';
import { WorkbenchInputError } from '$lib/server/workbench/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async () => {
  const db = getServices().workbench.db;
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints(db), listWebhookDeliveries(db, 100)]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    events: Object.entries(WEBHOOK_EVENTS).map(([name, description]) => ({ name, description })),
    endpoints: endpoints.map((e) => ({ id: e.id.toString(), url: e.url, description: e.description, events: e.events, active: e.active, createdBy: e.created_by, createdAt: e.created_at.toISOString() })),
    deliveries: deliveries.map((d) => ({
      id: d.id.toString(), endpointId: d.endpoint_id.toString(), eventId: d.event_id, eventType: d.event_type, status: d.status, attempts: d.attempts,
      responseStatus: d.response_status, lastError: d.last_error, lastAttemptAt: iso(d.last_attempt_at), nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
      deliveredAt: iso(d.delivered_at),
    })),
  };
};

function endpointId(form: FormData): bigint {
  const raw = String(form.get('id') ?? '');
  if (!/^\d{1,18}$/.test(raw)) throw new WorkbenchInputError('No such webhook endpoint');
  return BigInt(raw);
}

async function change(event: RequestEvent, form: string, run: (data: FormData) => Promise<Record<string, unknown>>) {
  const data = await event.request.formData();
  try {
    return { form, ...(await run(data)) };
  } catch (err) {
    if (err instanceof WorkbenchInputError) return fail(400, { form, message: err.message });
    throw err;
  }
}

export const actions: Actions = {
  create: async (event) => {
    const data = await event.request.formData();
    try {
      const { secret, endpoint } = await createWebhookEndpoint(getServices().workbench.db, {
        url: String(data.get('url') ?? ''), description: String(data.get('description') ?? ''), events: data.getAll('events').map(String),
      }, event.locals.principal!);
      // The signing secret leaves the server this once.
      return { form: 'create', secret, url: endpoint.url };
    } catch (err) {
      if (err instanceof WorkbenchInputError) return fail(400, { form: 'create', message: err.message });
      throw err;
    }
  },
  disable: (event) => change(event, 'update', async (data) => (await setWebhookEndpointActive(getServices().workbench.db, endpointId(data), false, event.locals.principal!), { saved: true })),
  enable: (event) => change(event, 'update', async (data) => (await setWebhookEndpointActive(getServices().workbench.db, endpointId(data), true, event.locals.principal!), { saved: true })),
  delete: (event) => change(event, 'update', async (data) => (await deleteWebhookEndpoint(getServices().workbench.db, endpointId(data), event.locals.principal!), { saved: true })),
};
