// khotin search page on Pagefind's JS API.
// The index (khotin/search/documents.py) holds each article's real text, an ASCII-folded
// copy of its đ-words and joined compounds ("dongda_"). Here the query is folded the
// same way, known compounds are joined (terms.json), and up to three searches run in
// order — joined form, quoted phrase, bare words — their results merged in that order,
// each only while the earlier ones have not filled the page. Snippets are cut
// from the real text, so highlights fall on proper Vietnamese words.
// A query without filters is answered first from the per-word postings (postings.js):
// its first page in a few requests; Pagefind loads after it, for "Xem thêm" and the filters.

import { bucketOf, directoryEntry, shardsHolding, wordsOf } from "./directory.js";
import { fastSource, postingsReader } from "./postings.js";

const PAGE_SIZE = 20;
const FILTERS = ["district", "tag", "year"];
const RANKING = { metaWeights: { title: 5, keys: 6 } };

const form = document.getElementById("search-form");
const input = document.getElementById("search-q");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const filterBox = document.getElementById("search-filters");

export function fold(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d").replace(/Đ/g, "D").normalize("NFC");
}

function syllables(text) {
  return fold(text).toLowerCase().match(/[\p{L}\p{N}]+/gu) || [];
}

// "Chi thi 09" + {chithi_} → "chithi_ 09": longest known run first at each word.
export function joinKnown(words, terms) {
  if (!terms) return null;
  const out = [];
  let changed = false;
  for (let i = 0; i < words.length;) {
    let taken = 1;
    for (let size = Math.min(terms.max, words.length - i); size >= 2; size--) {
      const run = words.slice(i, i + size);
      if (!run.every((w) => /^\p{L}+$/u.test(w))) continue;
      const token = run.join("") + terms.mark;
      if (terms.joined.has(token)) { out.push(token); taken = size; changed = true; break; }
    }
    if (taken === 1) out.push(words[i]);
    i += taken;
  }
  return changed ? out.join(" ") : null;
}

export function queries(raw, terms) {
  const words = fold(raw).toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  const plain = words.join(" ");
  const tiers = [joinKnown(words, terms), words.length > 1 ? `"${plain}"` : null, plain];
  return [...new Set(tiers.filter(Boolean))];
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
}

// Word spans of the real text with their folded form.
function words(text) {
  return [...text.matchAll(/[\p{L}\p{N}]+/gu)].map((m) => ({ start: m.index, end: m.index + m[0].length, key: fold(m[0]).toLowerCase() }));
}

function matches(key, wanted, last) {
  return key === wanted || (last && wanted.length >= 2 && key.startsWith(wanted));
}

// Indices of words to highlight: the whole query as a run if it occurs, else each query word.
function marked(tokens, query) {
  const q = syllables(query);
  const hits = new Set();
  if (!q.length) return hits;
  for (let i = 0; i + q.length <= tokens.length; i++) {
    if (q.every((w, j) => matches(tokens[i + j].key, w, j === q.length - 1))) q.forEach((_, j) => hits.add(i + j));
  }
  if (hits.size) return hits;
  tokens.forEach((t, i) => { if (q.some((w) => matches(t.key, w, w.length >= 4))) hits.add(i); });
  return hits;
}

export function highlight(text, query, limit = 0) {
  const tokens = words(text);
  const hits = marked(tokens, query);
  let from = 0, to = tokens.length;
  if (limit && tokens.length > limit) {
    const first = hits.size ? Math.min(...hits) : 0;
    from = Math.max(0, first - Math.floor(limit / 3));
    to = Math.min(tokens.length, from + limit);
  }
  if (!tokens.length) return escapeHtml(text);
  const start = limit ? tokens[from].start : 0;
  const end = limit && to < tokens.length ? tokens[to - 1].end : text.length;
  let html = from > 0 ? "… " : "", cursor = start;
  for (let i = from; i < to; i++) {
    if (!hits.has(i)) continue;
    html += escapeHtml(text.slice(cursor, tokens[i].start)) + "<mark>" + escapeHtml(text.slice(tokens[i].start, tokens[i].end)) + "</mark>";
    cursor = tokens[i].end;
  }
  html += escapeHtml(text.slice(cursor, end));
  return end < text.length ? html + " …" : html;
}

function say(text, kind = "") {
  status.textContent = text;
  status.dataset.state = kind;
}

function dateText(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso || "");
  return m ? `${m[3]}/${m[2]}/${m[1]}` : "";
}

// A result line. `data.content` may still be on its way (a promise: the fast path reads
// the article's text after its title): the snippet is filled when it comes, `filled`.
function render(data, query, separator) {
  const snippetOf = (content) => {
    const text = (content || "").split(separator)[0].trim();
    return query ? highlight(text, query, 36) : escapeHtml(data.meta.summary || text.split(/\s+/).slice(0, 36).join(" ") + " …");
  };
  const pending = data.content instanceof Promise;
  const item = document.createElement("li");
  item.className = "search-result";
  const info = [dateText(data.meta.date), data.meta.places].filter(Boolean).join(" · ");
  item.innerHTML = `<h2 class="search-result-title"><a href="${escapeHtml(data.url)}">${highlight(data.meta.title || data.url, query)}</a></h2>`
    + (info ? `<p class="search-result-info">${escapeHtml(info)}</p>` : "")
    + `<p class="search-result-snippet">${pending ? "" : snippetOf(data.content)}</p>`;
  const snippet = item.querySelector(".search-result-snippet");
  return { item, filled: pending ? data.content.then((content) => { snippet.innerHTML = snippetOf(content); }) : null };
}

async function loadTerms(url) {
  try {
    const response = await fetch(url);
    if (!response.ok) return null;
    const data = await response.json();
    const shards = data.shards || null;
    return { mark: data.mark, max: data.max, separator: data.separator, joined: new Set(data.joined),
      shards, directory: data.directory || null, postings: data.postings || null,
      all: shards ? Object.keys(shards).reduce((mask, n) => mask | (1n << BigInt(n)), 0n) : 0n };
  } catch {
    return null;
  }
}

async function fillFilters(pagefind, chosen) {
  const available = await pagefind.filters();
  let any = false;
  for (const name of FILTERS) {
    const select = form.querySelector(`[data-filter="${name}"]`);
    const counts = available[name] || {};
    const values = Object.keys(counts).sort((a, b) => name === "year" ? b.localeCompare(a) : a.localeCompare(b, "vi"));
    for (const value of values) {
      const option = new Option(`${value} (${counts[value]})`, value, false, value === chosen[name]);
      select.add(option);
    }
    select.closest("p").hidden = values.length === 0;
    any = any || values.length > 0;
    select.addEventListener("change", () => form.requestSubmit());
  }
  filterBox.hidden = !any;
  filterBox.classList.toggle("search-filters-none", !any);
}

// One archive's search: a one-index bundle is opened once; a sharded one opens, for
// each set of shards a query needs, a Pagefind instance of just those (merged into
// the bundle's placeholder index: khotin/search/shards.py), and keeps it for the
// next query that needs the same set.
function library(pagefind, bundle, terms) {
  const root = new URL("../", bundle).pathname;  // index URLs are site-relative
  if (!terms || !terms.shards) {
    const one = (async () => {
      await pagefind.options({ basePath: bundle.pathname, baseUrl: root, ranking: RANKING });
      await pagefind.init();
      return pagefind;
    })();
    return { all: () => one, holding: async () => one };
  }
  const make = () => {
    const instance = pagefind.createInstance({ basePath: bundle.pathname, baseUrl: root });
    return instance.options({ ranking: RANKING }).then(() => instance);
  };
  // Made now, so Pagefind's wasm and the placeholder index load while the directory is read.
  let spare = make();
  const opened = new Map();
  const open = (mask) => {
    const key = mask.toString(16);
    if (!opened.has(key)) {
      const made = spare || make();
      spare = null;
      opened.set(key, made.then(async (instance) => {
        await Promise.all(Object.keys(terms.shards).filter((n) => (mask >> BigInt(n)) & 1n).map((n) =>
          instance.mergeIndex(new URL(terms.shards[n], bundle).pathname, { baseUrl: root, ranking: RANKING })));
        return instance;
      }));
    }
    return opened.get(key);
  };
  const directory = new URL(terms.directory, bundle);
  return {
    all: () => open(terms.all),
    // null: nothing can match; Pagefind would need no shard to say so.
    holding: async (query) => {
      const mask = await shardsHolding(query, directory, terms.all);
      return mask ? open(mask) : null;
    },
  };
}

async function run() {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") || "").trim();
  const chosen = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || ""]));
  const filters = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v));
  input.value = query;
  const bundle = new URL(form.dataset.bundle, document.baseURI);
  const termsLoaded = loadTerms(new URL(form.dataset.terms, document.baseURI).href);
  if (query && !Object.keys(filters).length && await fastAnswer(query, bundle, termsLoaded, chosen)) return;
  // The directory entries the query will need, read while Pagefind's script loads.
  termsLoaded.then((loaded) => loaded && loaded.directory && queries(query, loaded).forEach((tier) =>
    wordsOf(tier).forEach((word) => directoryEntry(new URL(loaded.directory, bundle), bucketOf(word)))));
  let shelf, terms;
  try {
    const pagefind = await import(new URL("pagefind.js", bundle).href);
    terms = await termsLoaded;
    shelf = library(pagefind, bundle, terms);
    if (!query) await shelf.all();  // a listing by filters reads every shard
  } catch (error) {
    say("Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang; nếu vẫn lỗi, trang web có thể chưa được dựng kèm chỉ mục.", "error");
    console.error(error);
    return;
  }
  // The filter lists load after the results: they need every shard, which a
  // reader should not wait for before the first page.
  try {
    await find(shelf, query, filters, terms);
  } catch (error) {
    say("Không tải được chỉ mục tìm kiếm: tìm kiếm gặp lỗi khi đọc chỉ mục.", "error");
    console.error(error);
  }
  try {
    await fillFilters(await shelf.all(), chosen);
  } catch (error) {
    console.error(error);
  }
}

// The first page from the postings, then Pagefind in the background (filters, "Xem thêm").
// False: the postings cannot answer this query (or are missing), nothing was shown.
async function fastAnswer(query, bundle, termsLoaded, chosen) {
  const terms = await termsLoaded;
  if (!terms || !terms.postings) return false;
  say("Đang tìm…", "busy");
  let shelf = null;
  const openShelf = () => shelf = shelf || import(new URL("pagefind.js", bundle).href)
    .then((pagefind) => library(pagefind, bundle, terms));
  let source = null;
  try {
    source = await fastSource(postingsReader(bundle, terms.postings), queries(query, terms), RANKING.metaWeights,
      PAGE_SIZE, new URL("../", bundle).pathname, async () => tiered(await openShelf(), queries(query, terms), {}));
  } catch (error) {
    console.error(error);
  }
  if (!source) return false;
  try {
    await show(source, query, terms.separator);
  } catch (error) {
    say("Không tải được chỉ mục tìm kiếm: tìm kiếm gặp lỗi khi đọc chỉ mục.", "error");
    console.error(error);
  }
  try {
    await fillFilters(await (await openShelf()).all(), chosen);
  } catch (error) {
    console.error(error);
  }
  return true;
}

// Filter-only listings are newest first. Pagefind scores sorted results 0, so with
// merged shards they come back one shard after another (in the order the shards were
// merged: ascending), each sorted on its own. The "shard" filter's counts cut them
// apart (counts need every filter chunk loaded: pagefind.filters()), and the runs are
// merged here by date, reading one fragment ahead in each.
async function newestFirst(pagefind, filters, sharded) {
  if (sharded) await pagefind.filters();
  const search = await pagefind.search(null, { filters, sort: { date: "desc" } });
  const counts = (search.filters && search.filters.shard) || { all: search.results.length };
  const runs = [];
  let at = 0;
  for (const shard of Object.keys(counts).sort((a, b) => Number(a) - Number(b))) {
    if (counts[shard]) runs.push({ results: search.results.slice(at, at + counts[shard]), head: null });
    at += counts[shard];
  }
  const advance = (run) => { run.head = run.results.length ? run.results.shift().data() : null; };
  runs.forEach(advance);
  const take = async (count) => {
    const out = [];
    while (out.length < count) {
      const heads = await Promise.all(runs.map((run) => run.head));
      let best = -1;
      const date = (data) => data.meta.date || "";  // undated articles last
      heads.forEach((data, i) => { if (data && (best < 0 || date(data) > date(heads[best]))) best = i; });
      if (best < 0) break;
      out.push(heads[best]);
      advance(runs[best]);
    }
    return out;
  };
  return { total: search.results.length, more: false, take };
}

// The query's tiers (see queries()), each searched only when the ones before it
// have not filled the page: on a large archive the joined form alone fills the first
// page, and a search for common bare words ("dong da" matches đông, đã… everywhere)
// costs seconds that nobody asked for. Results already found are not repeated.
function tiered(shelf, tiers, filters) {
  const results = [];
  const seen = new Set();
  let shown = 0;
  const take = async (count) => {
    while (tiers.length && results.length < shown + count) {
      const tier = tiers.shift();
      const index = await shelf.holding(tier);
      if (!index) continue;
      const search = await index.search(tier, { filters });
      for (const result of search.results) {
        if (!seen.has(result.id)) { seen.add(result.id); results.push(result); }
      }
    }
    const batch = await Promise.all(results.slice(shown, shown + count).map((r) => r.data()));
    shown += batch.length;
    return batch;
  };
  return { get total() { return results.length; }, get more() { return tiers.length > 0; }, take };
}

// Shows the first page of results; "Xem thêm" shows the next.
async function find(shelf, query, filters, terms) {
  const separator = terms ? terms.separator : "⁂";
  if (!query && !Object.keys(filters).length) { say("Nhập từ khóa để tìm trong kho bài."); return; }
  say("Đang tìm…", "busy");
  const sharded = Boolean(terms && terms.shards);
  const source = query ? tiered(shelf, queries(query, terms), filters)
    : await newestFirst(await shelf.all(), filters, sharded);
  await show(source, query, separator);
}

// Shows the source's first page of results and says how many; "Xem thêm" shows the next.
async function show(source, query, separator = "⁂") {
  let shown = 0;
  const label = query ? `“${query}”` : "bộ lọc đã chọn";
  const showMore = async () => {
    const batch = await source.take(PAGE_SIZE);
    const lines = batch.map((data) => render(data, query, separator));
    lines.forEach(({ item }) => list.append(item));
    await Promise.all(lines.map(({ filled }) => filled));
    shown += batch.length;
    more.hidden = shown >= source.total && !source.more;
    if (shown) {
      say(source.more ? `Ít nhất ${source.total} kết quả cho ${label}.` : `${source.total} kết quả cho ${label}.`, "done");
    } else {
      say(`Không tìm thấy kết quả nào cho ${label}.`, "empty");
    }
  };
  more.addEventListener("click", async () => {
    more.disabled = true;
    try { await showMore(); } finally { more.disabled = false; }
  });
  await showMore();
}

run();
