/**
 * Checks of the tool round-trip in `messages`: an assistant message's `tool_calls`, and each
 * `role: 'tool'` message answering one of them by `tool_call_id`, as OpenAI requires.
 */
import { invalidParam } from './errors.ts';
import { isObject, missing, wrongType } from './request-validation.ts';


function checkToolCalls(calls: unknown, at: string, ids: Set<string>): void {
  if (!Array.isArray(calls)) throw wrongType(`${at}.tool_calls`, 'an array of objects', calls);
  calls.forEach((call: unknown, j) => {
    const where = `${at}.tool_calls[${j}]`;
    if (!isObject(call)) throw wrongType(where, 'an object', call);
    if (typeof call.id !== 'string') throw call.id === undefined ? missing(`${where}.id`) : wrongType(`${where}.id`, 'a string', call.id);
    if (call.type !== 'function') throw invalidParam(`${where}.type`, `Invalid value: '${String(call.type)}'. Supported values are: 'function'.`, 'invalid_value');
    if (!isObject(call.function)) throw call.function === undefined ? missing(`${where}.function`) : wrongType(`${where}.function`, 'an object', call.function);
    for (const key of ['name', 'arguments'] as const) {
      const value = call.function[key];
      if (typeof value !== 'string') throw value === undefined ? missing(`${where}.function.${key}`) : wrongType(`${where}.function.${key}`, 'a string', value);
    }
    ids.add(call.id);
  });
}

const textOf = (content: unknown): string =>
  typeof content === 'string' ? content : Array.isArray(content) ? content.map((p: unknown) => (isObject(p) && typeof p.text === 'string' ? p.text : '')).join(' ') : '';

/** Whether some message's text contains "json" (any case), which `response_format: json_object` requires. */
export function mentionsJson(messages: ReadonlyArray<Record<string, unknown>>): boolean {
  return messages.some((m) => /json/i.test(textOf(m.content)));
}

/**
 * Checks tool calls and tool results in already-shaped `messages`; returns whether the last
 * message is a tool result.
 * @throws {ApiError} 400 naming the message at fault.
 */
export function checkToolMessages(messages: ReadonlyArray<Record<string, unknown>>): boolean {
  const ids = new Set<string>();
  messages.forEach((m, i) => {
    const at = `messages[${i}]`;
    if (m.role === 'assistant' && m.tool_calls !== undefined && m.tool_calls !== null) checkToolCalls(m.tool_calls, at, ids);
    if (m.role !== 'tool') return;
    const id = m.tool_call_id;
    if (id === undefined || id === null) throw missing(`${at}.tool_call_id`);
    if (typeof id !== 'string') throw wrongType(`${at}.tool_call_id`, 'a string', id);
    if (!ids.has(id)) throw invalidParam(`${at}.role`, "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.");
  });
  return messages.at(-1)?.role === 'tool';
}
