/**
 * Deterministic filler text for mock completions: one vocabulary word per output token,
 * so a response's text has exactly as many "tokens" as its usage reports.
 */
const WORDS = (
  'the quick model answers every request with a steady stream of plausible words while the benchmark ' +
  'measures how long each call takes under load and how the strategy keeps the pipeline full'
).split(' ');

/** The text of output token `index` (0-based); tokens after the first start with a space. */
export function tokenText(index: number, offset = 0): string {
  const word = WORDS[(index + offset) % WORDS.length]!;
  return index === 0 ? word : ` ${word}`;
}

/** The whole text of `tokens` output tokens. */
export function completionText(tokens: number, offset = 0): string {
  let text = '';
  for (let i = 0; i < tokens; i++) text += tokenText(i, offset);
  return text;
}

/** Words between the starts of consecutive choices' texts: 32 choices in a row start on different words. */
const CHOICE_STRIDE = 7;

/** The text offset of choice `index` of request `id`: choice 0 keeps the request's own offset, later ones differ. */
export function choiceOffset(id: number, index: number): number {
  return id + index * CHOICE_STRIDE;
}
