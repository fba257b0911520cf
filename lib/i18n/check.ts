/**
 * Checks of the message files: both languages have exactly the same keys, no message is empty,
 * and each message uses the same ICU arguments and rich-text tags in both languages (a missing
 * {count} or <b> would show raw or drop a number).
 */

/** Every leaf key of a nested message object, as dotted paths. */
export function messageKeys(messages: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([k, v]) => (v !== null && typeof v === 'object' ? messageKeys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

/** The message at a dotted path, or undefined. */
export function messageAt(messages: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), messages);
}

/**
 * The ICU arguments ({name}, {count, plural, …}) and rich-text tags (<b>…</b>) a message uses,
 * sorted: the names only, so translated plural branches may differ.
 */
export function messageArguments(message: string): string[] {
  const names = new Set<string>();
  // Top-level and nested arguments: "{" followed by a name, then "}" or ",".
  for (const m of message.matchAll(/\{\s*([A-Za-z_][\w]*)\s*[,}]/g)) names.add(`{${m[1]}}`);
  for (const m of message.matchAll(/<([A-Za-z][\w-]*)>/g)) names.add(`<${m[1]}>`);
  return [...names].sort();
}

export interface MessageProblem {
  key: string;
  problem: string;
}

/** Everything wrong between two languages' messages of one namespace. */
export function compareMessages(namespace: string, a: Record<string, unknown>, b: Record<string, unknown>, names: [string, string] = ['en', 'zh']): MessageProblem[] {
  const problems: MessageProblem[] = [];
  const keysA = new Set(messageKeys(a));
  const keysB = new Set(messageKeys(b));
  for (const k of keysA) if (!keysB.has(k)) problems.push({ key: `${namespace}.${k}`, problem: `missing in ${names[1]}` });
  for (const k of keysB) if (!keysA.has(k)) problems.push({ key: `${namespace}.${k}`, problem: `missing in ${names[0]}` });
  for (const k of keysA) {
    if (!keysB.has(k)) continue;
    const [ma, mb] = [messageAt(a, k), messageAt(b, k)];
    for (const [m, name] of [
      [ma, names[0]],
      [mb, names[1]],
    ] as const) {
      if (typeof m !== 'string' || m.trim() === '') problems.push({ key: `${namespace}.${k}`, problem: `empty or not text in ${name}` });
    }
    if (typeof ma === 'string' && typeof mb === 'string') {
      const [argsA, argsB] = [messageArguments(ma), messageArguments(mb)];
      if (argsA.join() !== argsB.join()) problems.push({ key: `${namespace}.${k}`, problem: `arguments differ: ${names[0]} ${argsA.join(' ') || 'none'}, ${names[1]} ${argsB.join(' ') || 'none'}` });
    }
  }
  return problems;
}
