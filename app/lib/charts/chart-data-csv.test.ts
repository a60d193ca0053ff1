import { describe, expect, it } from 'vitest';
import { chartDataCsv, chartFileName } from './chart-data-csv.ts';

describe('chartDataCsv', () => {
  it('writes one column per series of a category chart', () => {
    const csv = chartDataCsv({ xAxis: { type: 'category', data: ['Jan', 'Feb'] }, yAxis: { type: 'value' }, series: [{ name: 'Invoiced', type: 'bar', data: [10.5, 20] }, { name: 'Collected, net', type: 'line', data: [9, 19] }] });
    expect(csv).toBe('category,Invoiced,"Collected, net"\r\nJan,10.5,9\r\nFeb,20,19\r\n');
  });

  it('writes heatmap cells with their axis labels', () => {
    const csv = chartDataCsv({ xAxis: { type: 'category', data: ['00', '01'] }, yAxis: { type: 'category', data: ['Mon', 'Tue'] }, series: [{ name: 'Minutes', type: 'heatmap', data: [[0, 0, 5], [1, 1, 7]] }] });
    expect(csv).toBe('x,y,Minutes\r\n00,Mon,5\r\n01,Tue,7\r\n');
  });

  it('writes pie slices as name and value', () => {
    expect(chartDataCsv({ series: [{ type: 'pie', data: [{ name: 'smb', value: 3 }, { name: 'consumer', value: 5 }] }] })).toBe('name,value\r\nsmb,3\r\nconsumer,5\r\n');
  });

  it('makes a file name from the chart label', () => {
    expect(chartFileName('Invoiced vs collected by month, USD')).toBe('invoiced-vs-collected-by-month-usd');
  });
});
