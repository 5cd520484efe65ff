// A query's first page from the per-word postings (khotin/search/postings.py), in a few
// small requests, where Pagefind's sharded index needs some three a shard.
// The matching and the score are Pagefind's own (pagefind_web's search_term): each
// query word reaches every indexed word starting with it (else the longest indexed word
// it starts with), the pages holding all the query's words are kept, and a page scores
// BM25 over its content words (k1 1.4, b 0.75, a shorter match weighing more) plus a
// boost per meta field by the share of the query it matches — with the statistics of the
// whole archive, i.e. as one Pagefind index of it would. A tier this cannot answer
// exactly (a quoted phrase, a one-letter word, punctuation Pagefind would read its own
// way, too many files) returns null, and the page asks Pagefind.

const K1 = 1.4;
const B = 0.75;
const MAX_FILES = 24;  // past this a query word is cheaper to leave to Pagefind
const SPELLED_AS_TYPED = 1.8;  // Pagefind's diacritic_similarity boost (1 + 0.8)

export function fileName(text) {
  return Array.from(text, (c) => /^[a-z0-9_]$/.test(c) ? c : `-${c.codePointAt(0).toString(16)}-`).join("");
}

const utf8 = new TextEncoder();
const bytes = (word) => utf8.encode(word).length;

// Pagefind's word_length_bonus with term_similarity 1.
function lengthBonus(word, term) {
  const differential = Math.abs(bytes(word) - bytes(term)) + 1;
  return Math.exp(Math.exp(-0.5 * differential * differential / 4)) / Math.E;
}

function parse(shard, text, span, weight, into) {
  for (const entry of text.split(" ")) {
    const [page, tf = "", mask = "0"] = entry.split(":");
    into.set(shard * span + Number(page), [tf === "" ? 1 : Number(tf) / weight, Number(mask)]);
  }
}

export function postingsReader(bundle, info) {
  const folder = new URL(info.folder, bundle);
  const files = new Map();
  const get = (path) => {
    if (!files.has(path)) {
      files.set(path, fetch(new URL(path, folder)).then((response) => {
        if (response.status === 404) return null;
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      }));
    }
    return files.get(path);
  };
  const bucket = (name) => get(`b/${fileName(name)}.json`);

  // {word: Map(page → [tf, mask])} for the indexed words a query word reaches; null: too costly.
  async function reach(term) {
    const letters = Array.from(term);
    if (letters.length < 2) return null;
    const names = letters.length >= info.prefix ? [letters.slice(0, info.prefix).join("")]
      : [term, ...Array.from(info.longer[term] || "", (c) => term + c)];
    if (names.length > MAX_FILES) return null;
    const short = new Set(info.short);
    const found = await Promise.all(names.map((name) => name.length >= info.prefix || short.has(name) ? bucket(name) : null));
    let matched = new Map();  // word → [[shard, text | "@"]]
    const take = (data, keep) => {
      for (const [shard, words] of Object.entries(data || {})) {
        for (const [word, text] of Object.entries(words)) {
          if (!keep(word)) continue;
          if (!matched.has(word)) matched.set(word, []);
          matched.get(word).push([Number(shard), text]);
        }
      }
    };
    found.forEach((data) => take(data, (word) => word.startsWith(term)));
    for (let size = letters.length - 1; !matched.size && size > 0; size--) {
      const prefix = letters.slice(0, size).join("");
      const name = size >= info.prefix ? letters.slice(0, info.prefix).join("") : prefix;
      if (size >= info.prefix || short.has(name)) take(await bucket(name), (word) => word === prefix);
    }
    const own = [...matched].filter(([, parts]) => parts.some(([, text]) => text === "@")).map(([word]) => word);
    if (names.length + own.length > MAX_FILES) return null;
    const owned = new Map(await Promise.all(own.map(async (word) => [word, await get(`w/${fileName(word)}.json`)])));
    const words = new Map();
    for (const [word, parts] of matched) {
      const pages = new Map();
      for (const [shard, text] of parts) if (text !== "@") parse(shard, text, info.span, info.weight, pages);
      for (const [shard, text] of Object.entries(owned.get(word) || {})) parse(Number(shard), text, info.span, info.weight, pages);
      words.set(word, pages);
    }
    return words;
  }

  let lengths = null;
  const lengthOf = async () => {
    lengths = lengths || get("lengths.json").then((data) => {
      const all = new Map();
      for (const [shard, text] of Object.entries(data || {})) {
        text.split(" ").forEach((length, i) => all.set(Number(shard) * info.span + i, Number(length)));
      }
      return all;
    });
    return lengths;
  };

  // The pages a tier finds, best first (Pagefind's order), or null if it cannot say.
  async function search(tier, weights) {
    const terms = tier.match(/[\p{L}\p{N}]+_?/gu) || [];
    if (!terms.length || terms.join(" ") !== tier) return null;
    const [reached, length] = await Promise.all([Promise.all(terms.map(reach)), lengthOf()]);
    if (reached.some((words) => words === null)) return null;
    const total = info.pages;
    const average = info.length / Math.max(1, total);
    const idf = (count) => Math.log((total - count + 0.5) / (count + 0.5) + 1);
    const union = reached.map((words) => {
      const pages = new Set();
      for (const found of words.values()) for (const page of found.keys()) pages.add(page);
      return pages;
    });
    const idfs = union.map((pages) => idf(pages.size));
    const queryIdf = idfs.reduce((a, b) => a + b, 0);
    let kept = [...union[0]];
    for (const pages of union.slice(1)) kept = kept.filter((page) => pages.has(page));
    const fieldWeights = info.fields.map((name) => weights[name] ?? 1);
    const scored = kept.map((page) => {
      const size = length.get(page) || average;
      let score = 0;
      const fields = info.fields.map(() => new Map());
      terms.forEach((term, i) => {
        for (const [word, found] of reached[i]) {
          const hit = found.get(page);
          if (!hit) continue;
          const [tf, mask] = hit;
          if (tf > 0) {
            const weighted = tf * lengthBonus(word, term);
            const typed = mask & info.marked ? 1 : SPELLED_AS_TYPED;
            score += typed * idfs[i] * (K1 + 1) * weighted / (K1 * (1 - B + B * size / average) + weighted);
          }
          fields.forEach((words, bit) => { if (mask & (1 << bit)) words.set(word, idfs[i]); });
        }
      });
      fields.forEach((words, bit) => {
        const matched = [...words.values()].reduce((a, b) => a + b, 0);
        if (queryIdf > 0) score += fieldWeights[bit] * matched * (matched / queryIdf) ** 2;
      });
      return [page, score];
    });
    scored.sort((a, b) => b[1] - a[1] || a[0] - b[0]);
    return scored.map(([page]) => page);
  }

  // [url, title, date, places, summary] of a page.
  async function row(page) {
    const shard = Math.floor(page / info.span), position = page % info.span;
    const rows = await get(`pages/${shard}-${Math.floor(position / info.chunk)}.json`);
    return rows && rows[position % info.chunk];
  }

  return { search, row };
}

// The tiers (see search.js queries()) merged in order, while the page is not full, as
// search.js's tiered() merges Pagefind's: {pages, total, more} or null.
export async function firstPage(reader, tiers, weights, size) {
  const pages = [];
  const seen = new Set();
  const left = [...tiers];
  while (left.length && pages.length < size) {
    const found = await reader.search(left.shift(), weights);
    if (found === null) return null;
    for (const page of found) if (!seen.has(page)) { seen.add(page); pages.push(page); }
  }
  return { pages: pages.slice(0, size), total: pages.length, more: left.length > 0 };
}

// The article's text, for its snippet: read from the article's own page (the bundle
// holds no copy of the texts); its summary if that cannot be read.
async function articleText(url, summary) {
  try {
    const response = await fetch(url);
    if (!response.ok) return summary || "";
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const body = page.querySelector(".article-body");
    return body ? body.textContent.split(/\s+/).filter(Boolean).join(" ") : summary || "";
  } catch {
    return summary || "";
  }
}

// The first page from the postings, the next ones from Pagefind (its tiered search),
// without repeating a result shown: a source as search.js's show() takes; null when the
// postings cannot answer.
// `root`: the site's path; `later()`: the Pagefind source for what follows.
export async function fastSource(reader, tiers, weights, size, root, later) {
  const first = await firstPage(reader, tiers, weights, size);
  if (!first) return null;
  // The lines show from the page table; each snippet follows from its article's text.
  const rows = await Promise.all(first.pages.map((page) => reader.row(page)));
  if (rows.some((row) => !row)) return null;
  const batch = rows.map(([url, title, date, places, summary]) => ({
    url: root + url, meta: { title, date, places, summary }, content: articleText(root + url, summary) }));
  const shown = new Set(batch.map((data) => data.url));
  const waiting = [];  // Pagefind's results not shown yet, in its order
  let slow = null, given = false;
  return {
    get total() { return slow ? Math.max(slow.total, first.total) : first.total; },
    get more() { return slow ? slow.more || waiting.length > 0 : first.more; },
    take: async (count) => {
      if (!given) { given = true; return batch; }
      slow = slow || await later();
      while (waiting.length < count) {
        const next = await slow.take(count);
        if (!next.length) break;
        for (const data of next) if (!shown.has(data.url)) { shown.add(data.url); waiting.push(data); }
      }
      return waiting.splice(0, count);
    },
  };
}
