// Rows are derived on every key press and every frame: built once per snapshot
// (or namespace) and kept while that object lives.
export function cached<Key extends object, Value>(build: (key: Key) => Value): (key: Key) => Value {
	const cache = new WeakMap<Key, Value>();
	return key => {
		let value = cache.get(key);
		if (value === undefined) cache.set(key, (value = build(key)));
		return value;
	};
}
