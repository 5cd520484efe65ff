// khotin search page, on khotin's own index (postings.js: khotin/search/postings.py).
// The index holds each article's real text, an ASCII-folded copy of its đ-words and
// joined compounds ("dongda_"). Here the query is folded the same way, known compounds
// are joined (terms.json), and up to three searches run in order — joined form, quoted
// phrase, bare words — their results merged in that order, each only while the earlier
// ones have not filled the page. Snippets are cut from the article's real text (read
// from its own page), so highlights fall on proper Vietnamese words.

import { postingsReader } from "./postings.js";

const PAGE_SIZE = 20;
const FILTERS = ["district", "tag", "year"];
const WEIGHTS = { title: 5, keys: 6 };  // meta fields' boosts (postings.js)
// A quoted phrase is checked against the text of its best candidates only, this many: the
// phrase puts those pages first, and the bare words bring every page holding its words.
const PHRASE_CANDIDATES = 2 * PAGE_SIZE;
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
  const words = fold(raw).toLowerCase().replace(/["“”]/g, " ").split(/\s+/).filter(Boolean);
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

// Whether the folded words `wanted` stand together from word i on, the last one maybe cut short.
function runAt(tokens, wanted, i) {
  return wanted.every((w, j) => matches(tokens[i + j].key, w, j === wanted.length - 1));
}

// Indices of words to highlight: the whole query as a run if it occurs, else each query word.
function marked(tokens, query) {
  const q = syllables(query);
  const hits = new Set();
  if (!q.length) return hits;
  for (let i = 0; i + q.length <= tokens.length; i++) {
    if (runAt(tokens, q, i)) q.forEach((_, j) => hits.add(i + j));
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

// A result line. `data.content` may still be on its way (a promise: the article's text is
// read after its title): the snippet is filled when it comes, `filled`.
function render(data, query) {
  const snippetOf = (content) => {
    const text = (content || "").trim();
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
    return { mark: data.mark, max: data.max, joined: new Set(data.joined), postings: data.postings || null };
  } catch {
    return null;
  }
}

async function fillFilters(reader, chosen) {
  const available = (await reader.filters()) || {};
  let any = false;
  for (const name of FILTERS) {
    const select = form.querySelector(`[data-filter="${name}"]`);
    const counts = available[name] || {};
    const values = Object.keys(counts).sort((a, b) => name === "year" ? b.localeCompare(a) : a.localeCompare(b, "vi"));
    for (const value of values) {
      const option = new Option(`${value} (${counts[value][0]})`, value, false, value === chosen[name]);
      select.add(option);
    }
    select.closest("p").hidden = values.length === 0;
    any = any || values.length > 0;
    select.addEventListener("change", () => form.requestSubmit());
  }
  filterBox.hidden = !any;
  filterBox.classList.toggle("search-filters-none", !any);
}

// The article's text, for its snippet and a quoted phrase: read from the article's own page
// (the index holds no copy of the texts), once; its summary if that cannot be read.
function texts(root) {
  const read = new Map();
  return (url, summary) => {
    if (!read.has(url)) {
      read.set(url, fetch(root + url).then(async (response) => {
        if (!response.ok) return summary || "";
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const body = page.querySelector(".article-body");
        return body ? body.textContent.split(/\s+/).filter(Boolean).join(" ") : summary || "";
      }).catch(() => summary || ""));
    }
    return read.get(url);
  };
}

// Whether the words of `phrase` (folded) stand together in `text`, the last one maybe cut short.
export function holdsPhrase(text, phrase) {
  const wanted = syllables(phrase);
  const tokens = words(text);
  for (let i = 0; i + wanted.length <= tokens.length; i++) {
    if (runAt(tokens, wanted, i)) return true;
  }
  return false;
}

// The pages one tier finds, best first; a quoted phrase's among its best candidates only.
async function tierPages(reader, tier, allowed, textOf) {
  const quoted = /^"(.*)"$/.exec(tier);
  const pages = await reader.search(quoted ? quoted[1] : tier, WEIGHTS, allowed);
  if (!quoted) return pages;
  const candidates = pages.slice(0, PHRASE_CANDIDATES);
  const rows = await Promise.all(candidates.map((page) => reader.row(page)));
  const held = await Promise.all(rows.map(async (row) => row && holdsPhrase(await textOf(row[0], row[4]), quoted[1])));
  return candidates.filter((_, i) => held[i]);
}

// The query's tiers (see queries()), each searched only when the ones before it have not
// filled the page: on a large archive the joined form alone fills the first page. Results
// already found are not repeated.
function tiered(reader, tiers, allowed, textOf) {
  const pages = [];
  const seen = new Set();
  const left = [...tiers];
  let shown = 0;
  const take = async (count) => {
    while (left.length && pages.length < shown + count) {
      for (const page of await tierPages(reader, left.shift(), allowed, textOf)) {
        if (!seen.has(page)) { seen.add(page); pages.push(page); }
      }
    }
    const batch = pages.slice(shown, shown + count);
    shown += batch.length;
    return batch;
  };
  return { get total() { return pages.length; }, get more() { return left.length > 0; }, take };
}

// A listing by filters alone: every page with all the chosen values, newest first, undated last.
function listing(pages) {
  const ordered = [...pages].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([page]) => page);
  let shown = 0;
  const take = async (count) => {
    const batch = ordered.slice(shown, shown + count);
    shown += batch.length;
    return batch;
  };
  return { total: ordered.length, more: false, take };
}

// The pages with every chosen filter value: Map(page → date), or null when none is chosen.
async function allowedBy(reader, filters) {
  const names = Object.keys(filters);
  if (!names.length) return null;
  const found = await Promise.all(names.map((name) => reader.filtered(name, filters[name])));
  const [first, ...rest] = found;
  return new Map([...first].filter(([page]) => rest.every((pages) => pages.has(page))));
}

async function run() {
  const params = new URLSearchParams(location.search);
  const query = (params.get("q") || "").trim();
  const chosen = Object.fromEntries(FILTERS.map((name) => [name, params.get(name) || ""]));
  const filters = Object.fromEntries(Object.entries(chosen).filter(([, v]) => v));
  input.value = query;
  const bundle = new URL(form.dataset.bundle, document.baseURI);
  const terms = await loadTerms(new URL(form.dataset.terms, document.baseURI).href);
  if (!terms || !terms.postings) {
    say("Không tải được chỉ mục tìm kiếm. Hãy thử tải lại trang; nếu vẫn lỗi, trang web có thể chưa được dựng kèm chỉ mục.", "error");
    return;
  }
  const reader = postingsReader(bundle, terms.postings);
  if (query || Object.keys(filters).length) {
    say("Đang tìm…", "busy");
    try {
      const root = new URL("../", bundle).pathname;
      const textOf = texts(root);
      const allowed = await allowedBy(reader, filters);
      const source = query ? tiered(reader, queries(query, terms), allowed, textOf)
        : listing(allowed);
      await show(source, reader, query, textOf, root);
    } catch (error) {
      say("Không tải được chỉ mục tìm kiếm: tìm kiếm gặp lỗi khi đọc chỉ mục.", "error");
      console.error(error);
    }
  } else {
    say("Nhập từ khóa để tìm trong kho bài.");
  }
  // The filter lists load after the results: a reader should not wait for them.
  try {
    await fillFilters(reader, chosen);
  } catch (error) {
    console.error(error);
  }
}

// Shows the source's first page of results and says how many; "Xem thêm" shows the next.
// Each line shows from the page table; its snippet follows from its article's text.
async function show(source, reader, query, textOf, root) {
  let shown = 0;
  const label = query ? `“${query}”` : "bộ lọc đã chọn";
  const showMore = async () => {
    const rows = await Promise.all((await source.take(PAGE_SIZE)).map((page) => reader.row(page)));
    const lines = rows.filter(Boolean).map(([url, title, date, places, summary]) =>
      render({ url: root + url, meta: { title, date, places, summary }, content: textOf(url, summary) }, query));
    lines.forEach(({ item }) => list.append(item));
    await Promise.all(lines.map(({ filled }) => filled));
    shown += lines.length;
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
