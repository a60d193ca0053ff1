import { describe, expect, it } from 'vitest';
import { describeQueueFilter, NO_QUEUE_FILTER, parseQueueFilter, queueFilterFromTree, queueFilterParams, queueFilterToTree, queueHref, type QueueFilter } from './queue-filter.ts';

const FULL: QueueFilter = { segment: 'smb', currency: 'RUB', assignee: 'me', disputed: true, minDaysPastDue: 30 };

describe('queue filter', () => {
  it('travels as GET parameters and as a saved expression tree, unchanged', () => {
    expect(parseQueueFilter(queueFilterParams(FULL))).toEqual(FULL);
    expect(queueFilterFromTree(JSON.parse(JSON.stringify(queueFilterToTree(FULL))))).toEqual(FULL);
    expect(queueFilterToTree(FULL)).toEqual({
      and: [
        { field: 'segment', op: 'eq', value: 'smb' },
        { field: 'currency', op: 'eq', value: 'RUB' },
        { field: 'assignee', op: 'eq', value: 'me' },
        { field: 'disputed', op: 'eq', value: true },
        { field: 'daysPastDue', op: 'gte', value: 30 },
      ],
    });
    expect(queueFilterFromTree({ and: [] })).toEqual(NO_QUEUE_FILTER);
    expect(queueHref(NO_QUEUE_FILTER)).toBe('/collections');
    expect(queueHref({ ...NO_QUEUE_FILTER, currency: 'USD', minDaysPastDue: 90 })).toBe('/collections?currency=USD&minDays=90');
    expect(parseQueueFilter(new URLSearchParams('currency=usd&segment=&assignee='))).toEqual({ ...NO_QUEUE_FILTER, currency: 'USD' });
    expect(describeQueueFilter(FULL)).toBe('smb · RUB · assigned to me · with an open dispute · ≥ 30 days past due');
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => parseQueueFilter(new URLSearchParams('minDays=-3'))).toThrowError(expect.objectContaining({ code: 'QUEUE_FILTER_INVALID', field: 'minDays' }));
    expect(() => parseQueueFilter(new URLSearchParams('assignee=boss'))).toThrowError(expect.objectContaining({ field: 'assignee' }));
    expect(() => parseQueueFilter(new URLSearchParams("segment=x'; drop table"))).toThrowError(expect.objectContaining({ field: 'segment' }));
    expect(() => queueFilterFromTree({ field: 'segment', op: 'eq', value: 'smb' })).toThrowError(expect.objectContaining({ field: 'filters' }));
    expect(() => queueFilterFromTree({ and: [{ field: 'daysOverdue', op: 'gt', value: 90 }] })).toThrowError(/Condition 1 \("daysOverdue" "gt" 90\) is not a queue filter/);
    expect(() => queueFilterFromTree({ and: [{ field: 'currency', op: 'eq', value: 'USD' }, { field: 'currency', op: 'eq', value: 'EUR' }] })).toThrowError(/repeats currency/);
    expect(() => queueFilterFromTree({ and: [{ field: 'daysPastDue', op: 'gte', value: 1.5 }] })).toThrowError(expect.objectContaining({ field: 'filters.and[0]' }));
  });
});
