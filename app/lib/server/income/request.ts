import { getServices } from '../services.ts';
import { FxRateBook } from '../fx/convert.ts';
import { listRates } from '../fx/rates.ts';
import { loadIncomeStatement } from './load.ts';
import { parseIncomeInput } from './params.ts';
import type { IncomeStatement } from '../../income/types.ts';

/** The statement a query string asks for, with the started services (page and API share this). */
export async function incomeStatementFor(params: URLSearchParams): Promise<{ statement: IncomeStatement | null; rateCurrencies: string[] }> {
  const input = parseIncomeInput(params);
  const { warehouse, workbench, config } = getServices();
  const book = new FxRateBook(await listRates(workbench.db));
  const statement = await loadIncomeStatement(warehouse, book, input, { now: new Date(), timezone: config.timezone });
  return { statement, rateCurrencies: book.currencies() };
}
