import { intlLocale } from '../i18n/locale.ts';
import type { EChartsOption } from 'echarts';
import { monthLabel, type MonthString } from '../months.ts';
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
        return `Day ${row.dayOfMonth} (${row.months} month${row.months === 1 ? '' : 's'})<br>mean <b>${formatQuantity(row.meanPerDay, unit, locale)}</b> · total ${formatQuantity(row.quantity, unit, locale)}`;
      },
    },
    xAxis: { type: 'category', data: rows.map((r) => String(r.dayOfMonth)), name: 'day of month', nameLocation: 'middle', nameGap: 26 },
    yAxis: { type: 'value', name: unitDisplay(unit).label, axisLabel: { formatter: compact(locale) }, splitLine: { lineStyle: { color: '#e6eaef' } } },
    series: [{ name: 'mean per day', type: 'bar', itemStyle: { color: '#2f6f9f' }, data: rows.map((r) => toDisplayUnits(r.meanPerDay, unit)) }],
  };
}

const MONTH_NAMES = Array.from({ length: 12 }, (_, i) => monthLabel(`2001-${String(i + 1).padStart(2, '0')}` as MonthString).slice(0, 3));

/**
 * Month-of-year pattern: one line per calendar year, January to December, so seasons line up and
 * each month compares with the same month a year earlier. Months without usage are gaps.
 */
export function buildMonthOfYearOption({ months, unit, locale = intlLocale() }: { months: readonly UsageMonthRow[]; unit: string; locale?: string }): EChartsOption {
  const years = [...new Set(months.map((m) => m.month.slice(0, 4)))].sort();
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
        const row = months.find((m) => m.month === `${year}-${String(i + 1).padStart(2, '0')}`);
        return row ? toDisplayUnits(row.quantity, unit) : null;
      }),
    })),
  };
}
