import { monthOf, type MonthString } from '../../months.ts';
import type { ServiceOption, UsageFilters } from '../../usage/types.ts';
import { parseReportFilterInput, ReportInputError, resolveReportFilters, type ReportFilterInput } from '../report-input.ts';
import { queryLatestUsageMonth, queryServiceOptions, type WarehouseReader } from './queries.ts';

export interface UsageFilterInput extends ReportFilterInput {
  readonly service?: string;
  readonly unit?: string;
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

/** from, to, segment, region, service and unit of a usage request. */
export function parseUsageFilterInput(params: URLSearchParams): UsageFilterInput {
  const base = parseReportFilterInput(params);
  const name = (param: 'service' | 'unit') => {
    const value = params.get(param)?.trim();
    if (!value) return undefined;
    if (!NAME.test(value)) throw new ReportInputError('BAD_SERVICE', param, `${param}=${JSON.stringify(value.slice(0, 60))} is not a service name such as voice, sms, data`);
    return value;
  };
  return { ...base, service: name('service'), unit: name('unit') };
}

/**
 * The service and unit asked for, checked against what the warehouse holds: no service → the one
 * with the most records; no unit → the service's most used unit. An unknown one is a 400 that lists
 * the available ones.
 */
export function resolveService(options: readonly ServiceOption[], input: UsageFilterInput): ServiceOption | null {
  if (!options.length) return null;
  if (!input.service) return options[0]!;
  const ofService = options.filter((o) => o.service === input.service);
  const available = [...new Set(options.map((o) => o.service))].join(', ');
  if (!ofService.length) throw new ReportInputError('BAD_SERVICE', 'service', `service=${input.service} has no usage; choose one of ${available}`);
  if (!input.unit) return ofService[0]!;
  const match = ofService.find((o) => o.unit === input.unit);
  if (!match) throw new ReportInputError('BAD_SERVICE', 'unit', `${input.service} is not recorded in ${input.unit}; use ${ofService.map((o) => o.unit).join(', ')}`);
  return match;
}

export interface ResolvedUsageFilters {
  /** null when the warehouse has no usage. */
  readonly filters: UsageFilters | null;
  readonly services: ServiceOption[];
}

/** Defaults from the warehouse: the period is the twelve months ending at the latest month with usage. */
export async function resolveUsageFilters(
  warehouse: WarehouseReader,
  input: UsageFilterInput,
  context: { now: Date; timezone: string },
): Promise<ResolvedUsageFilters> {
  const services = await queryServiceOptions(warehouse);
  const service = resolveService(services, input);
  const latest = (await queryLatestUsageMonth(warehouse)) ?? monthOf(context.now, context.timezone);
  const period = resolveReportFilters(input, latest as MonthString);
  if (!service) return { filters: null, services };
  return { filters: { ...period, service: service.service, unit: service.unit }, services };
}
