import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { formatMoney, minorToChartNumber } from '../money.ts';

/** One ladder step in one currency: what became of the amount it reached (minor units). */
export interface LadderChartStep {
  readonly label: string;
  readonly stepsTaken: number;
  readonly curedMinor: bigint;
  readonly writtenOffMinor: bigint;
  readonly movedOnMinor: bigint;
  readonly stillOpenMinor: bigint;
}

export interface LadderFunnelOptionInput {
  /** In ladder order, first rung first. */
  readonly steps: readonly LadderChartStep[];
  readonly currency: string;
  readonly locale?: string;
  /** The words of the page's language (default English): outcome names and the tooltip's first line. */
  readonly text?: {
    readonly outcomes: Readonly<Record<LadderOutcomeKey, string>>;
    readonly reached: (p: { step: string; amount: string; count: string; stepsTaken: number }) => string;
  };
}

export type LadderOutcomeKey = (typeof LADDER_OUTCOMES)[number]['key'];

export const LADDER_OUTCOMES = [
  { key: 'curedMinor', name: 'Cured', color: '#2e8b57' },
  { key: 'writtenOffMinor', name: 'Written off', color: '#9aa5b1' },
  { key: 'movedOnMinor', name: 'Moved on', color: '#e0a030' },
  { key: 'stillOpenMinor', name: 'Still open', color: '#c0392b' },
] as const;

interface TooltipParam {
  dataIndex: number;
  seriesIndex: number;
  marker: string;
}

/**
 * "Amount reached at each step, by outcome": one horizontal bar per rung (first rung on top), its
 * length the amount reached, split into cured, written off, moved on to the next step and still
 * open. Amounts in major units of one currency (drawing only; the table holds the exact figures).
 */
export function buildLadderFunnelOption({ steps, currency, locale = intlLocale(), text }: LadderFunnelOptionInput): EChartsOption {
  const name = (o: (typeof LADDER_OUTCOMES)[number]) => text?.outcomes[o.key] ?? o.name;
  const reached = text?.reached ??
    ((p: { step: string; amount: string; count: string; stepsTaken: number }) => `${p.step}: ${p.amount} reached in ${p.count} step${p.stepsTaken === 1 ? '' : 's'}`);
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  return {
    animation: false,
    color: LADDER_OUTCOMES.map((o) => o.color),
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: LADDER_OUTCOMES.map(name) },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as unknown as TooltipParam[];
        const step = steps[list[0]?.dataIndex ?? -1];
        if (!step) return '';
        const lines = list.map((p) => {
          const outcome = LADDER_OUTCOMES[p.seriesIndex]!;
          return `${p.marker}${name(outcome)}: <b>${formatMoney(step[outcome.key], currency, { locale })}</b>`;
        });
        const total = step.curedMinor + step.writtenOffMinor + step.movedOnMinor + step.stillOpenMinor;
        return [reached({ step: step.label, amount: formatMoney(total, currency, { locale }), count: step.stepsTaken.toLocaleString(locale), stepsTaken: step.stepsTaken }), ...lines].join('<br>');
      },
    },
    xAxis: {
      type: 'value',
      axisLabel: { formatter: (value: number) => `${compact.format(value)} ${currency}` },
      splitLine: { lineStyle: { color: '#e6eaef' } },
    },
    yAxis: { type: 'category', inverse: true, data: steps.map((s) => s.label), axisTick: { show: false } },
    series: LADDER_OUTCOMES.map((o) => ({
      name: name(o),
      type: 'bar' as const,
      stack: 'reached',
      barMaxWidth: 28,
      data: steps.map((s) => minorToChartNumber(s[o.key], currency)),
    })),
  };
}
