// A value read on demand (a namespace's neighbours, its iptables rules), or why it could not be.
export type Reading<T> = {value: T; error: null} | {value: null; error: string};
