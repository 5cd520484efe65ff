// The term → shard directory (khotin/search/directory.py) that tells the search page
// which Pagefind shards a query must open.

// Which shards a query must open. Pagefind matches a query word to the indexed
// words that start with it, and where none does, to the longest indexed word it
// starts with ("xuyen" → "xuy"). One index applies that to the whole archive; a
// shard on its own would apply it to its own words, and answer with unrelated
// pages. So the page opens only the shards that hold, for every word, what one
// index would match — read from the directory (khotin/search/directory.py): one
// small file per first letter — and a word matching nothing anywhere opens none.
// `query`: one of search.js's tiers, already folded and lower case.
export function wordsOf(query) {
  return query.match(/[\p{L}\p{N}]+_?/gu) || [];
}

function lowerBound(sorted, word) {
  let low = 0, high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid] < word) low = mid + 1; else high = mid;
  }
  return low;
}

export function bucketOf(word) {
  const first = word[0];
  return /^[a-z0-9]$/.test(first) ? first : `u${first.codePointAt(0).toString(16)}`;
}

// The shards (a bit mask) holding what one index would match for `word`.
export function holdersOf(word, entry) {
  let mask = 0n;
  for (let i = lowerBound(entry.words, word); i < entry.words.length && entry.words[i].startsWith(word); i++) {
    mask |= entry.masks[i];
  }
  for (let size = word.length - 1; !mask && size > 0; size--) {
    const prefix = word.slice(0, size);
    const at = lowerBound(entry.words, prefix);
    if (entry.words[at] === prefix) mask = entry.masks[at];
  }
  return mask;
}

const entries = new Map();
export function directoryEntry(directory, name) {
  if (!entries.has(name)) {
    entries.set(name, fetch(new URL(`${name}.json`, directory)).then(async (response) => {
      if (response.status === 404) return { words: [], masks: [] };  // no word starts with that letter
      if (!response.ok) return null;
      const data = await response.json();
      return { words: data.words, masks: data.shards.map((hex) => BigInt(`0x${hex}`)) };
    }).catch(() => null));
  }
  return entries.get(name);
}

export async function shardsHolding(query, directory, all) {
  const words = wordsOf(query);
  const found = await Promise.all(words.map((word) => directoryEntry(directory, bucketOf(word))));
  let mask = all;
  words.forEach((word, i) => {
    if (found[i]) mask &= holdersOf(word, found[i]);  // an unreadable entry narrows nothing
  });
  return mask;
}
