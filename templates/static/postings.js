// khotin's search engine: per-word postings (khotin/search/postings.py) read in a few
// small requests. The score follows Pagefind's (pagefind_web's search_term), which khotin
// used before: each query word reaches every indexed word starting with it, the pages
// holding all the query's words are kept, and a page scores BM25 over its content words
// (k1 1.4, b 0.75, a shorter match weighing more) plus a boost per meta field by the share
// of the query it matches, with the statistics of the whole archive. Unlike Pagefind, a
// word reaching nothing is a miss (Pagefind falls back to the longest indexed word it
// starts with: "xylophone" found every "x"). Some words match only themselves: a joined
// token, a one-letter word, and a two-letter word that would reach more than MAX_FILES
// files. The filters (district, tag, year) are files of their own (khotin/search/filters.py).

const K1 = 1.4;
const B = 0.75;
const MAX_FILES = 24;  // files a two-letter word may reach; past it, it matches itself only
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

// A query's words as the index holds them: each whitespace-separated piece with its letters
// and digits only ("09-ct/tw" → "09cttw"), a joined token keeping its trailing "_".
export function termsOf(tier) {
  return tier.split(/\s+/).map((piece) => {
    const word = piece.replace(/[^\p{L}\p{N}]/gu, "");
    return word && /_$/.test(piece) ? word + "_" : word;
  }).filter(Boolean);
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

  // {word: Map(page → [tf, mask])} for the indexed words a query word reaches.
  async function reach(query) {
    const joined = query.endsWith("_");  // a joined token ("dongda_") is one whole word: "dongda", not "dongdao"
    const term = joined ? query.slice(0, -1) : query;
    const letters = Array.from(term);
    if (!letters.length) return new Map();
    let names = letters.length >= info.prefix ? [letters.slice(0, info.prefix).join("")]
      : [term, ...Array.from(info.longer[term] || "", (c) => term + c)];
    const exact = joined || letters.length < 2 || names.length > MAX_FILES;
    if (exact) names = names.slice(0, 1);
    const short = new Set(info.short);
    const found = await Promise.all(names.map((name) => name.length >= info.prefix || short.has(name) ? bucket(name) : null));
    const matched = new Map();  // word → [[shard, text | "@"]]
    const keep = exact ? (word) => word === term : (word) => word.startsWith(term);
    for (const data of found) {
      for (const [shard, words] of Object.entries(data || {})) {
        for (const [word, text] of Object.entries(words)) {
          if (!keep(word)) continue;
          if (!matched.has(word)) matched.set(word, []);
          matched.get(word).push([Number(shard), text]);
        }
      }
    }
    const own = [...matched].filter(([, parts]) => parts.some(([, text]) => text === "@")).map(([word]) => word);
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

  // The pages holding every word of `tier` (and in `allowed`, pages as a Map's keys, if given), best first.
  async function search(tier, weights, allowed = null) {
    const terms = termsOf(tier);
    if (!terms.length) return [];
    const [reached, length] = await Promise.all([Promise.all(terms.map(reach)), lengthOf()]);
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
    if (allowed) kept = kept.filter((page) => allowed.has(page));
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

  // filters.json: {filter: {value: [count, file key]}}.
  const filters = () => get(info.filters);

  // Map(page → yyyymmdd, 0 when undated) of the pages with this filter value.
  async function filtered(name, value) {
    const known = (await filters())?.[name]?.[value];
    const pages = new Map();
    const data = known ? await get(`f/${known[1]}.json`) : null;
    for (const [shard, text] of Object.entries(data || {})) {
      for (const entry of text.split(" ")) {
        const [position, date = "0"] = entry.split(":");
        pages.set(Number(shard) * info.span + Number(position), Number(date));
      }
    }
    return pages;
  }

  return { search, row, filters, filtered };
}
