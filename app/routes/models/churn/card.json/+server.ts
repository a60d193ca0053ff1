import { json } from '@sveltejs/kit';
import { modelInUse } from '$lib/server/churn/risk-views.ts';
import { getServices } from '$lib/server/services.ts';
import type { RequestHandler } from './$types';

/** The model card of the churn model in use, as stored beside its ONNX file. */
export const GET: RequestHandler = () => json(modelInUse(getServices().config.dataDir).card);
