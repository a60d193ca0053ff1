/**
 * The order test files start in: vitest's own (failed first, then longest by the last run's
 * durations, else largest), except that the files which copy the seeded browser template come after
 * all the others, so that the global set-up makes the template while the others run (see
 * tests/browser/global-setup.ts).
 */
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { usesSeededTemplate } from '../browser/template.ts';

export default class TemplateLastSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const late = new Set(sorted.filter((f) => usesSeededTemplate(f.moduleId)));
    return [...sorted.filter((f) => !late.has(f)), ...sorted.filter((f) => late.has(f))];
  }
}
