/** An in-memory stand-in for chrome.storage.local (the browser's API, outside the product). */
export function installMemoryStorage(): Map<string, unknown> {
  const data = new Map<string, unknown>();
  const local = {
    get: async (key: string) => (data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}),
    set: async (items: Record<string, unknown>) => {
      for (const [key, value] of Object.entries(items)) data.set(key, structuredClone(value));
    },
    remove: async (key: string) => {
      data.delete(key);
    },
  };
  Object.assign(globalThis, { chrome: { storage: { local } } });
  return data;
}
