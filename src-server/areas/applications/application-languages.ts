// The visit's language(s) as the application stores them (R23.1): a JSON list validated
// on the way in (visitLanguagesSchema); read back here for the record, the rules and the
// terminals' day. A broken row throws rather than silently dropping R23.1.
import { languageSchema, needsInterpreter } from '../../../src-shared/regulation/visit';
import type { Language } from '../../../src-shared/regulation/visit';
import { z } from 'zod';

const storedSchema = z.array(languageSchema).min(1);

export function parseLanguages(json: string): Language[] {
  return storedSchema.parse(JSON.parse(json));
}

export function languagesOf(json: string): { languages: Language[]; interpreterRequired: boolean } {
  const languages = parseLanguages(json);
  return { languages, interpreterRequired: needsInterpreter(languages) };
}
