// A Map as a bounded cache: it iterates in insertion order, so re-inserting a key makes it the
// newest and the first keys are the oldest.

/** Sets `key` as the map's newest entry and drops the oldest past `max`. */
export function keepNewest<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= max) break;
    map.delete(oldest);
  }
}
