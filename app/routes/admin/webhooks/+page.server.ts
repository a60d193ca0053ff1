import { m } from '$lib/paraglide/messages.js';
import { fail } from '@sveltejs/kit';
import { createWebhookEndpoint, deleteWebhookEndpoint, listWebhookDeliveries, listWebhookEndpoints, setWebhookEndpointActive } from '$lib/server/webhooks/endpoints.ts';
import { ALL_WEBHOOK_EVENTS, type WebhookEvent } from '$lib/server/webhooks/events.ts';
import { WorkbenchInputError } from '$lib/server/workbench/errors.ts';
import { getServices } from '$lib/server/services.ts';
import type { Actions, PageServerLoad } from './$types';
import { adminChange, formRowId } from '$lib/server/admin-forms.ts';

/** What each event is, in the request's language (WEBHOOK_EVENTS keeps the English). */
const EVENT_TEXT: Record<WebhookEvent, () => string> = { 'action.approved': m.dt_wh_event_action_approved, 'bonus.approved': m.dt_wh_event_bonus_approved };

export const load: PageServerLoad = async () => {
  const db = getServices().workbench.db;
  const [endpoints, deliveries] = await Promise.all([listWebhookEndpoints(db), listWebhookDeliveries(db, 100)]);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    events: ALL_WEBHOOK_EVENTS.map((name) => ({ name, description: EVENT_TEXT[name]() })),
    endpoints: endpoints.map((e) => ({ id: e.id.toString(), url: e.url, description: e.description, events: e.events, active: e.active, createdBy: e.created_by, createdAt: e.created_at.toISOString() })),
    deliveries: deliveries.map((d) => ({
      id: d.id.toString(), endpointId: d.endpoint_id.toString(), eventId: d.event_id, eventType: d.event_type, status: d.status, attempts: d.attempts,
      responseStatus: d.response_status, lastError: d.last_error, lastAttemptAt: iso(d.last_attempt_at), nextAttemptAt: d.status === 'pending' ? d.next_attempt_at.toISOString() : null,
      deliveredAt: iso(d.delivered_at),
    })),
  };
};

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
  disable: (event) => adminChange(event.request, 'update', async (data) => (await setWebhookEndpointActive(getServices().workbench.db, formRowId(data, 'webhook endpoint'), false, event.locals.principal!), { saved: true })),
  enable: (event) => adminChange(event.request, 'update', async (data) => (await setWebhookEndpointActive(getServices().workbench.db, formRowId(data, 'webhook endpoint'), true, event.locals.principal!), { saved: true })),
  delete: (event) => adminChange(event.request, 'update', async (data) => (await deleteWebhookEndpoint(getServices().workbench.db, formRowId(data, 'webhook endpoint'), event.locals.principal!), { saved: true })),
};
