import { m } from '../paraglide/messages.js';
import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { formatQuantity, toDisplayUnits, unitDisplay } from '../usage/display.ts';
import type { DayOfMonthRow, UsageMonthRow } from '../usage/types.ts';

const compact = (locale: string) => (value: number) => new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 }).format(value);

/** Average usage on each day of the month (mean over the months that have the day), in display units. */
export function buildDayOfMonthOption({ rows, unit, locale = intlLocale() }: { rows: readonly DayOfMonthRow[]; unit: string; locale?: string }): EChartsOption {
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 24, bottom: 8, containLabel: true },
    tooltip: {
      trigger: 'axis',
      formatter: (params) => {
        const row = rows[(params as unknown as { dataIndex: number }[])[0]?.dataIndex ?? -1];
        if (!row) return '';
        const day = (row.months === 1 ? m.rv_dom_tooltip_one : m.rv_dom_tooltip_many)({ day: row.dayOfMonth, months: row.months });
        return `${day}<br>${m.rv_dom_tooltip_values({ mean: `<b>${formatQuantity(row.meanPerDay, unit, locale)}</b>`, total: formatQuantity(row.quantity, unit, locale) })}`;
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => String(r.dayOfMonth)), name: m.rv_day_of_month_axis(), nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: unitDisplay(unit).label, axisLabel: { formatter: compact(locale) }, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: [{ name: m.rv_mean_per_day(), type: 'bar', itemStyle: { color: '#2f6f9f' }, data: rows.map((r) => toDisplayUnits(r.meanPerDay, unit)) }],
  };
}

/** January … December, short, in the chart's language. */
const monthNames = (locale: string) =>
  Array.from({ length: 12 }, (_, i) => new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2001, i, 1))));

/**
 * Month-of-year pattern: one line per calendar year, January to December, so seasons line up and
 * each month compares with the same month a year earlier. Months without usage are gaps.
 */
export function buildMonthOfYearOption({ months, unit, locale = intlLocale() }: { months: readonly UsageMonthRow[]; unit: string; locale?: string }): EChartsOption {
  const years = [...new Set(months.map((r) => r.month.slice(0, 4)))].sort();
  const MONTH_NAMES = monthNames(locale);
  const palette = ['#b7c7d6', '#7fa6c4', '#2f6f9f', '#0b2f4a'];
  return {
    animation: false,
    color: years.map((_, i) => palette[Math.max(0, palette.length - years.length + i)] ?? '#2f6f9f'),
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, right: 0, data: years },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (typeof v === 'number' ? `${compact(locale)(v)} ${unitDisplay(unit).label}` : '—') },
    xAxis: { type: 'category', data: MONTH_NAMES },
    yAxis: { type: 'value', name: unitDisplay(unit).label, axisLabel: { formatter: compact(locale) }, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: years.map((year) => ({
      name: year,
      type: 'line' as const,
      connectNulls: false,
      symbolSize: 5,
      data: MONTH_NAMES.map((_, i) => {
        const row = months.find((r) => r.month === `${year}-${String(i + 1).padStart(2, '0')}`);
        return row ? toDisplayUnits(row.quantity, unit) : null;
      }),
    })),
  };
}
