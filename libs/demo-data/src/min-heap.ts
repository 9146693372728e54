// A binary min-heap of items under numeric keys. Keys live in a Float64Array beside the items so
// sifting compares unboxed numbers instead of chasing object fields (a comparator over objects cost
// a third of the generator's time). Ties come out in an order that depends only on the sequence of
// operations, so the heap is deterministic.
// Globals read once: inside a vm context (Jest) every global lookup is slow.
const INFINITY = Number.POSITIVE_INFINITY;
export class MinHeap<T> {
  private keys = new Float64Array(1024);
  private items: (T | undefined)[] = [];
  private n = 0;

  get size(): number {
    return this.n;
  }

  peekKey(): number {
    return this.n === 0 ? INFINITY : this.keys[0];
  }

  peek(): T | undefined {
    return this.n === 0 ? undefined : this.items[0];
  }

  push(key: number, item: T): void {
    if (this.n === this.keys.length) {
      const grown = new Float64Array(this.keys.length * 2);
      grown.set(this.keys);
      this.keys = grown;
    }
    const keys = this.keys;
    const items = this.items;
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (keys[parent] <= key) break;
      keys[i] = keys[parent];
      items[i] = items[parent];
      i = parent;
    }
    keys[i] = key;
    items[i] = item;
  }

  pop(): T | undefined {
    if (this.n === 0) return undefined;
    const keys = this.keys;
    const items = this.items;
    const top = items[0];
    const last = --this.n;
    const key = keys[last];
    const item = items[last];
    items[last] = undefined;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= last) break;
      if (child + 1 < last && keys[child + 1] < keys[child]) child++;
      if (keys[child] >= key) break;
      keys[i] = keys[child];
      items[i] = items[child];
      i = child;
    }
    if (last > 0) {
      keys[i] = key;
      items[i] = item;
    }
    return top;
  }
}
