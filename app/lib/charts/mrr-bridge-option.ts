import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { formatMoney, minorToChartNumber } from '../money.ts';
import type { MovementKind } from '../server/mrr/types.ts';

/** One period of the bridge: each movement as a positive amount (minor units). */
export interface MrrBridgePoint {
  readonly label: string;
  readonly movements: Readonly<Record<MovementKind, bigint>>;
  readonly netChangeMinor: bigint;
}

const GAINS: readonly MovementKind[] = ['new', 'reactivation', 'expansion'];
const LOSSES: readonly MovementKind[] = ['contraction', 'churn'];

interface TooltipParam {
  dataIndex: number;
}

/**
 * The movement bridge per period: gains stacked above zero, losses (contraction, churn) below it,
 * and the net change as a line, so each bar pair reads as "how MRR moved". One currency.
 */
export function buildMrrBridgeOption({
  points, currency, labels, colors, locale = intlLocale(),
}: {
  points: readonly MrrBridgePoint[];
  currency: string;
  labels: Readonly<Record<MovementKind, string>>;
  colors: Readonly<Record<MovementKind, string>>;
  locale?: string;
}): EChartsOption {
  const money = (minor: bigint) => formatMoney(minor, currency, { locale });
  const kinds = [...GAINS, ...LOSSES];
  return {
    animation: false,
    color: [...kinds.map((k) => colors[k]), '#1d2733'],
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, data: [...kinds.map((k) => labels[k]), m.rv_def_net_change()] },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params) => {
        const list = (Array.isArray(params) ? params : [params]) as unknown as TooltipParam[];
        const p = points[list[0]?.dataIndex ?? -1];
        if (!p) return '';
        return [
          p.label,
          ...GAINS.map((k) => `${labels[k]}: <b>+${money(p.movements[k])}</b>`),
          ...LOSSES.map((k) => `${labels[k]}: <b>−${money(p.movements[k])}</b>`),
          `${m.rv_def_net_change()}: <b>${money(p.netChangeMinor)}</b>`,
        ].join('<br>');
      },
    },
    xAxis: { type: 'category', data: points.map((p) => p.label), axisTick: { alignWithLabel: true } },
    yAxis: {
      type: 'value',
      axisLabel: {
        formatter: (value: number) =>
          new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', notation: 'compact', maximumFractionDigits: 1 }).format(value),
      },
      splitLine: { lineStyle: { color: '#e6eaef' } },
    },
    series: [
      ...kinds.map((k) => ({
        name: labels[k],
        type: 'bar' as const,
        stack: 'movements',
        barMaxWidth: 36,
        data: points.map((p) => (LOSSES.includes(k) ? -1 : 1) * minorToChartNumber(p.movements[k], currency)),
      })),
      { name: m.rv_def_net_change(), type: 'line' as const, symbol: 'circle', symbolSize: 6, z: 5, data: points.map((p) => minorToChartNumber(p.netChangeMinor, currency)) },
    ],
  };
}
