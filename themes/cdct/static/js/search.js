/* Search page (/tim-kiem/): queries the Pagefind index written by the vi_search plugin.
 *
 * Why a custom script rather than Pagefind's UI:
 * - "đ" is not a diacritic for Unicode, so Pagefind never matches "doan" with "đoàn". The index is
 *   written with đ → d ("doàn") and the query is folded the same way (foldD); excerpts are made
 *   from Pagefind's content with the marks removed and the đ put back (meta "dd", pageText), so
 *   readers never see the indexed form.
 * - In Vietnamese every syllable is a word: "doan" means đoàn/doãn/đoán, and "doanh" is another
 *   word that Pagefind matches only because "doan" is its prefix. Every indexed word is written
 *   between MARKs (plugins/vi_search/fold.py: "đoàn" is indexed as "qdoànq"), so "qdoanq" finds
 *   the whole syllable only and "qdoan" every word starting with it. Results come in tiers: the exact phrase (the whole syllables at
 *   consecutive positions; Pagefind's own quoted search misses phrases on pages where a word
 *   also occurs with other tones), then pages with every word as a whole syllable, then
 *   prefix-only matches (the plain words). Within a tier, pages where each accented word occurs with exactly those accents
 *   (exactDiacritics) come first, then Pagefind's order (term frequency, headings).
 * - Pagefind silently drops query words that match nothing ("cong xyz" would list every "cong").
 *   Each word is looked up alone first; a word with no match is named to the reader and no list is
 *   shown. Results must contain every word (intersection of the per-word results).
 * The page works without this script: the form and the links to the archives stay usable.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-vi-search]");
  // The page's messages (search.html's data-text-* attributes, from the theme's gettext catalogs), in
  // its language, {name} filled in; the Vietnamese here is what a page without them would show.
  function text(name, fallback, values) {
    var template = (root && root.getAttribute("data-text-" + name)) || fallback;
    return template.replace(/\{(\w+)\}/g, function (all, key) {
      return values && Object.prototype.hasOwnProperty.call(values, key) ? values[key] : all;
    });
  }
  if (!root) return;

  var PAGE_SIZE = 10;
  var EXCERPT_WORDS = 30;
  var MARK = "q"; // same as plugins/vi_search/fold.py
  var form = root.querySelector("[data-vi-search-form]");
  var input = form.querySelector("input[name=q]");
  var unitSelect = form.querySelector("select[name=don-vi]");
  var categorySelect = form.querySelector("select[name=chuyen-muc]");
  var statusEl = root.querySelector("[data-vi-search-status]");
  var listEl = root.querySelector("[data-vi-search-results]");
  var moreButton = root.querySelector("[data-vi-search-more]");
  var olderButton = root.querySelector("[data-vi-search-older]");
  var fallback = document.querySelector("[data-search-fallback]");
  var bundleUrl = new URL(root.getAttribute("data-bundle"), document.baseURI).href;
  var siteRoot = new URL(root.getAttribute("data-site-root") || "../", document.baseURI);

  /* ---- folding (same rules as plugins/vi_search/fold.py) ---- */
  function foldD(text) { return text.replace(/đ/g, "d").replace(/Đ/g, "D"); }
  function foldFull(text) {
    return foldD(text).toLowerCase().normalize("NFD").replace(/\p{M}/gu, "").normalize("NFC");
  }
  function queryWords(query) {
    return query.normalize("NFC").split(/[^\p{L}\p{N}\p{M}]+/u).filter(Boolean);
  }
  function hasMarks(word) { return foldFull(word) !== word.toLowerCase().normalize("NFC"); }

  /* ---- Pagefind: one index per shard (a year, part of a large year, the pages), listed in
   * shards.json newest first; the first holds Pagefind's code. Progressive: a query searches the
   * newest shard first and older shards are merged into the instance (mergeIndex) only when
   * needed, automatically while results are fewer than a page (up to shards.json's "auto"), then when the
   * reader asks (the "older" button): the first query downloads one shard's files, not the whole
   * archive's. Merged shards stay merged, so the searched range only widens. Two instances:
   * "loose" (tones folded) and, loaded on the first accented query, "exact" (exactDiacritics:
   * Pagefind applies options per instance, and merged indexes take theirs when merged), both
   * widened to the same shards. ---- */
  var autoShards = 2; // shards.json's "auto": how many of the newest shards a query searches by itself
  var shardsPromise = null;
  var starts = {}; // shards.json's "starts": the oldest date of each run of a year cut into runs of days
  var instances = {};
  function shardNames() {
    if (!shardsPromise) {
      shardsPromise = fetch(bundleUrl + "shards.json").then(function (response) {
        if (!response.ok) throw new Error("shards.json: HTTP " + response.status);
        return response.json();
      }).then(function (manifest) {
        starts = manifest.starts || {};
        if (manifest.auto) autoShards = manifest.auto;
        return manifest.shards;
      });
    }
    return shardsPromise;
  }
  // {pf, names, merged (how many of names, newest first, are in pf)} with at least ``count`` shards merged.
  function pagefindInstance(exact, count) {
    var key = exact ? "exact" : "loose";
    if (!instances[key]) {
      instances[key] = shardNames().then(async function (names) {
        var primary = bundleUrl + names[0] + "/";
        var pf = await import(primary + "pagefind.js");
        // noWorker: Pagefind 1.5 would otherwise first load pagefind-worker.js (12 KB gzip'd, one more
        // round trip) and search in a Web Worker; a search of the newest small shards is a few ms.
        var options = { baseUrl: siteRoot.pathname, exactDiacritics: exact };
        var instance = pf.createInstance(Object.assign({ basePath: primary, noWorker: true }, options));
        await instance.options(options);
        return { pf: instance, names: names, merged: 1, options: options };
      });
    }
    // Chained, so that two calls never merge the same shard twice. The shards of one widening are
    // merged in parallel (a year of small shards in two round trips, not two per shard): Pagefind
    // adds each to its list before loading it, so their order stays newest first.
    instances[key] = instances[key].then(async function (entry) {
      var target = Math.min(count || 1, entry.names.length);
      await Promise.all(entry.names.slice(entry.merged, target).map(function (name) {
        return entry.pf.mergeIndex(bundleUrl + name + "/", entry.options);
      }));
      entry.merged = Math.max(entry.merged, target);
      return entry;
    });
    return instances[key];
  }
  /* Where a shard starts: {year} for a year or years ("2024", "2019-2021"), {year, month, day} for a
   * run of days of a year ("2024.2": shards.json's "starts", plugins/vi_search/indexer.py
   * plan_shards), or null (the pages' shard). */
  function shardStart(name) {
    var m = /^(\d{4})(?:-\d{4})?(\.\d+)?$/.exec(name);
    if (!m) return null;
    var day = m[2] && /^(\d{4})-(\d{2})-(\d{2})$/.exec(starts[name] || "");
    if (!day) return { year: m[1] };
    return { year: day[1], month: String(Number(day[2])), day: String(Number(day[3])) };
  }
  function shardYears(name) {
    var m = /^(\d{4})(?:-(\d{4}))?/.exec(name);
    return m ? (m[2] ? m[1] + "–" + m[2] : m[1]) : name;
  }
  // The newest year of a shard ("2019-2021" → "2021", "2024.3" → "2024"), or the name (pages).
  function shardNewestYear(name) {
    var m = /^(\d{4})(?:-(\d{4}))?/.exec(name);
    return m ? (m[2] || m[1]) : name;
  }
  /* How many shards (newest first) the "older" button searches after the first ``searched``: every
   * shard of the next older year, so that one click is one more year however small the shards
   * (a year of 1,400 articles is five shards of 300) and the button names that year. */
  function olderScope(names, searched) {
    var year = shardNewestYear(names[searched]);
    var target = searched + 1;
    while (target < names.length && shardNewestYear(names[target]) === year) target++;
    return target;
  }
  function idSet(search) {
    var ids = new Set();
    search.results.forEach(function (r) { ids.add(r.id); });
    return ids;
  }
  function intersect(a, b) {
    var out = new Set();
    a.forEach(function (id) { if (b.has(id)) out.add(id); });
    return out;
  }

  /* Pages where the words of ``searches`` (one search per query word, in query order) occur at
   * consecutive positions. */
  function phrasePages(searches) {
    var positions = searches.map(function (search) {
      var byId = new Map();
      search.results.forEach(function (r) { byId.set(r.id, new Set(r.words)); });
      return byId;
    });
    var out = new Set();
    positions[0].forEach(function (starts, id) {
      if (!positions.every(function (byId) { return byId.has(id); })) return;
      for (var start of starts) {
        if (positions.every(function (byId, k) { return byId.get(id).has(start + k); })) { out.add(id); return; }
      }
    });
    return out;
  }
  function prefix(word) { return MARK + foldD(word); }
  function whole(word) { return MARK + foldD(word) + MARK; }

  /* Searches the newest ``shards`` shards (at least those already merged; all of them when
   * ``shards`` is Infinity). Returns {words, missing, results (Pagefind result handles, best first),
   * phraseCount, wholeCount, exactCount, searched (shards searched), names (every shard)}. */
  async function findPages(query, filters, shards, missingBefore) {
    var words = queryWords(query);
    var outcome = { query: query, words: words, missing: [], results: [], phraseCount: 0, wholeCount: 0, exactCount: 0 };
    if (!words.length) return outcome;
    var entry = await pagefindInstance(false, shards);
    var pf = entry.pf;
    // What was searched: the newest ``searched`` shards of ``names``.
    outcome.searched = entry.merged;
    outcome.names = entry.names;
    var options = filters ? { filters: filters } : {};
    // Widening after a word was missing from the narrower range (``missingBefore``): those words
    // first, and no other word's index chunks of the new shards while one of them is still missing
    // (every other word was found in the narrower range, so it is in the wider one).
    if (missingBefore && missingBefore.length) {
      var again = await Promise.all(missingBefore.map(function (w) { return pf.search(prefix(w)); }));
      outcome.missing = missingBefore.filter(function (w, i) { return again[i].results.length === 0; });
      if (outcome.missing.length) return outcome;
    }
    // One lookup per word, unfiltered, so a word absent from the whole site is told apart from a
    // filter that leaves nothing. Prefix matches count here: "doa" is not a missing word.
    var perWord = await Promise.all(words.map(function (w) { return pf.search(prefix(w)); }));
    outcome.missing = words.filter(function (w, i) { return perWord[i].results.length === 0; });
    if (outcome.missing.length) return outcome;
    var allowed = perWord.map(idSet).reduce(intersect);
    var marked = words.map(whole);
    var wholeSearch = await pf.search(marked.join(" "), options);
    var prefixSearch = words.length === 1 && !filters ? perWord[0] : await pf.search(words.map(prefix).join(" "), options);
    // One whole-syllable search per word (unfiltered): their word positions give the phrase.
    var wholePerWord = words.length > 1 ? await Promise.all(marked.map(function (w) { return pf.search(w); })) : [];
    var phrase = words.length > 1 ? phrasePages(wholePerWord) : new Set();
    // Accented words: pages where each occurs, as a whole syllable, exactly as typed (đ folded like
    // the index), and where the phrase occurs with those accents.
    var exact = null, exactPhrase = phrase;
    var accented = words.filter(hasMarks);
    if (accented.length) {
      var exactPf = (await pagefindInstance(true, entry.merged)).pf;
      var exactPerWord = await Promise.all(words.map(function (w) {
        return hasMarks(w) ? exactPf.search(whole(w)) : null;
      }));
      exact = exactPerWord.filter(Boolean).map(idSet).reduce(intersect);
      if (words.length > 1) {
        exactPhrase = phrasePages(exactPerWord.map(function (search, k) { return search || wholePerWord[k]; }));
      }
    }
    // Tiers: phrase, every word whole, prefix only; within each, accents as typed first.
    var tiers = [[], [], [], [], [], []];
    var seen = new Set();
    function place(r, tier) {
      if (seen.has(r.id) || !allowed.has(r.id)) return;
      seen.add(r.id);
      var asTyped = tier === 0 ? exactPhrase.has(r.id) : !exact || exact.has(r.id);
      tiers[tier + (asTyped ? 0 : 1)].push(r);
    }
    wholeSearch.results.forEach(function (r) { place(r, phrase.has(r.id) ? 0 : 2); });
    prefixSearch.results.forEach(function (r) { place(r, 4); });
    outcome.phraseCount = tiers[0].length + tiers[1].length;
    outcome.wholeCount = outcome.phraseCount + tiers[2].length + tiers[3].length;
    outcome.exactCount = tiers[0].length + tiers[2].length + tiers[4].length;
    outcome.results = [].concat.apply([], tiers);
    return outcome;
  }

  /* ---- excerpts, from Pagefind's content (the indexed text, title first) made the text as written
   * again: each word without its marks (a word run "qaqqbq" is two adjacent words, so "qq" goes
   * too: no Vietnamese or English word has it) and the đ restored from the meta "dd" (one bit per
   * d/D of the text, 1 = đ, six to a character; plugins/vi_search/document.py d_bits). ---- */
  var BITS_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  function unmark(content) {
    return content.replace(/[\p{L}\p{N}\p{M}]+/gu, function (run) { return run.slice(1, -1).replace(/qq/g, ""); });
  }
  function restoreD(text, bits) {
    if (!bits) return text;
    var i = -1;
    return text.replace(/[dD]/g, function (letter) {
      i++;
      var group = BITS_ALPHABET.indexOf(bits.charAt(Math.floor(i / 6)));
      if (group < 0 || !((group >> (5 - i % 6)) & 1)) return letter;
      return letter === "d" ? "đ" : "Đ";
    });
  }
  // The document's text as written, title first (as Pagefind's content).
  function pageText(data) { return restoreD(unmark(data.content || ""), data.meta && data.meta.dd); }
  function bodyTokens(data) {
    var all = pageText(data);
    var title = (data.meta && data.meta.title) || "";
    // The excerpt is from the body: the title and the stop Pagefind puts after a heading are left out.
    if (title && all.indexOf(title) === 0) all = all.slice(title.length).replace(/^[.\s]+/, "");
    return all.split(/\s+/).filter(Boolean);
  }
  function tokenMatches(token, foldedTerms) {
    var parts = queryWords(token).map(foldFull);
    return parts.some(function (p) {
      return foldedTerms.some(function (t) { return p.indexOf(t) === 0; });
    });
  }
  function excerpt(data, words) {
    var tokens = bodyTokens(data);
    var terms = words.map(foldFull);
    var hits = tokens.map(function (tok) { return tokenMatches(tok, terms); });
    var best = 0, bestScore = -1;
    for (var start = 0; start < Math.max(1, tokens.length - EXCERPT_WORDS + 1); start++) {
      var seen = new Set();
      for (var k = start; k < Math.min(tokens.length, start + EXCERPT_WORDS); k++) {
        if (hits[k]) seen.add(foldFull(tokens[k]));
      }
      if (seen.size > bestScore) { bestScore = seen.size; best = start; }
      if (hits.length > 2000 && start > 2000) break; // very long pages: the first part is enough
    }
    var p = document.createElement("p");
    p.className = "cdct-search-result__excerpt";
    var end = Math.min(tokens.length, best + EXCERPT_WORDS);
    if (best > 0) p.appendChild(document.createTextNode("… "));
    for (var j = best; j < end; j++) {
      if (j > best) p.appendChild(document.createTextNode(" "));
      if (hits[j]) {
        var mark = document.createElement("mark");
        mark.textContent = tokens[j];
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(tokens[j]));
      }
    }
    if (end < tokens.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  /* ---- rendering ---- */
  function resultItem(data, words) {
    var meta = data.meta || {};
    var li = document.createElement("li");
    li.className = "cdct-search-result";
    var h = document.createElement("h2");
    h.className = "cdct-search-result__title";
    var a = document.createElement("a");
    a.href = new URL((data.raw_url || data.url).replace(/^\//, ""), siteRoot).href;
    a.textContent = meta.title || data.url;
    h.appendChild(a);
    li.appendChild(h);
    var info = document.createElement("p");
    info.className = "cdct-search-result__meta";
    if (meta.date) {
      var time = document.createElement("time");
      time.dateTime = meta.date;
      // The index writes the Vietnamese date; another language's page (site_i18n) shows its own.
      var lang = document.documentElement.lang || "vi";
      time.textContent = lang === "vi" ? (meta.date_vi || meta.date)
        : new Date(meta.date + "T12:00:00").toLocaleDateString(lang, { day: "numeric", month: "short", year: "numeric" });
      info.appendChild(time);
    } else if (meta.kind) {
      info.appendChild(document.createTextNode(text("page", meta.kind)));  // only pages have no date
    }
    [meta.unit, meta.category].forEach(function (value, i) {
      if (!value) return;
      var span = document.createElement("span");
      span.className = i === 0 ? "cdct-search-result__unit" : "cdct-search-result__category";
      span.textContent = value;
      if (info.childNodes.length) info.appendChild(document.createTextNode(" · "));
      info.appendChild(span);
    });
    li.appendChild(info);
    li.appendChild(excerpt(data, words));
    return li;
  }

  function quote(words) { return text("quote", "«{words}»", { words: words }); }

  function setStatus(parts) {
    statusEl.textContent = "";
    parts.forEach(function (part) {
      if (typeof part === "string") statusEl.appendChild(document.createTextNode(part));
      else statusEl.appendChild(part);
    });
  }

  function link(text, params) {
    var a = document.createElement("a");
    var url = new URL(window.location.href);
    url.search = new URLSearchParams(params).toString();
    a.href = url.href;
    a.textContent = text;
    return a;
  }

  var current = { results: [], words: [], shown: 0, query: "", searched: 1 };
  var scope = 1; // how many shards (newest first) the next query searches at least; only widens

  /* The searched range, when older shards are left: "Đã tìm trong các bài từ năm 2024 đến nay." */
  function scopeNote(outcome) {
    if (!outcome.names || outcome.searched >= outcome.names.length) return null;
    var start = shardStart(outcome.names[outcome.searched - 1]);
    if (!start) return null;
    return start.day
      ? text("scope-day", "Đã tìm trong các bài từ ngày {day}/{month}/{year} đến nay.", start)
      : text("scope", "Đã tìm trong các bài từ năm {year} đến nay.", { year: start.year });
  }
  function offerOlder(outcome) {
    var left = Boolean(outcome.names) && outcome.searched < outcome.names.length;
    olderButton.hidden = !left;
    if (left) {
      olderButton.textContent = text("older", "Tìm cả trong các năm {range}", { range: shardYears(outcome.names[outcome.searched]) });
      olderButton.setAttribute("data-scope", String(olderScope(outcome.names, outcome.searched)));
    }
  }

  async function showMore() {
    var slice = current.results.slice(current.shown, current.shown + PAGE_SIZE);
    var datas = await Promise.all(slice.map(function (r) { return r.data(); }));
    datas.forEach(function (d) { listEl.appendChild(resultItem(d, current.words)); });
    current.shown += slice.length;
    moreButton.hidden = current.shown >= current.results.length;
  }

  function readFilters() {
    var filters = {};
    if (unitSelect && unitSelect.value) filters.unit = unitSelect.value;
    if (categorySelect && categorySelect.value) filters.category = categorySelect.value;
    return Object.keys(filters).length ? filters : null;
  }

  /* The outcome on the page: status and the first page of results. ``partial``: older shards are
   * still being searched (status "… Đang tìm…", no "older" button yet). */
  async function show(outcome, query, filters, partial) {
    listEl.textContent = "";
    current = { results: outcome.results, words: outcome.words, shown: 0, query: query, searched: outcome.searched };
    var note = partial ? text("searching", "Đang tìm…") : scopeNote(outcome);
    if (outcome.missing.length) {
      var kept = outcome.words.filter(function (w) { return outcome.missing.indexOf(w) < 0; });
      var parts = [text(outcome.missing.length > 1 ? "missing-many" : "missing-one",
        "Không có bài nào chứa " + (outcome.missing.length > 1 ? "các từ " : "từ ") + "{words} nên không có kết quả cho {query}.",
        { words: outcome.missing.map(quote).join(", "), query: quote(query) })];
      if (kept.length) {
        var params = { q: kept.join(" ") };
        if (unitSelect && unitSelect.value) params["don-vi"] = unitSelect.value;
        if (categorySelect && categorySelect.value) params["chuyen-muc"] = categorySelect.value;
        parts.push(" ", link(text("retry", "Tìm {kept} (bỏ {missing})",
          { kept: quote(kept.join(" ")), missing: outcome.missing.map(quote).join(", ") }), params));
      }
      if (note) parts.push(" " + note);
      setStatus(parts);
      root.setAttribute("data-state", "missing");
    } else if (!outcome.results.length) {
      var none = [text("none", "Không tìm thấy kết quả nào cho {query}", { query: quote(query) })];
      if (filters) {
        none.push(" " + text("filtered", "với bộ lọc đã chọn.") + " ", link(text("everywhere", "Tìm trong toàn trang"), { q: query }));
      } else {
        none.push(".");
      }
      if (note) none.push(" " + note);
      setStatus(none);
      root.setAttribute("data-state", "empty");
    } else {
      setStatus([text(outcome.results.length === 1 ? "found-one" : "found-many", "Tìm thấy {count} kết quả cho {query}.",
        { count: String(outcome.results.length), query: quote(query) }) + (note ? " " + note : "")]);
      root.setAttribute("data-state", "results");
      await showMore();
    }
  }

  var running = Promise.resolve();
  var generation = 0;

  function run(query) {
    var mine = ++generation;
    var filters = readFilters();
    // One search at a time: a newer query cancels an older one still waiting.
    running = running.then(async function () {
      if (mine !== generation) return;
      listEl.textContent = "";
      moreButton.hidden = true;
      olderButton.hidden = true;
      root.setAttribute("aria-busy", "true");
      if (!queryWords(query).length) {
        setStatus([text("prompt", "Nhập từ khóa, có dấu hay không dấu đều được (ví dụ: luong toi thieu).")]);
        root.removeAttribute("aria-busy");
        return;
      }
      setStatus([text("searching", "Đang tìm…")]);
      var outcome = await findPages(query, filters, scope);
      var auto = Math.min(autoShards, outcome.names.length);
      // Fewer than a page (or a missing word): widen to older shards, twice as many at each step, up
      // to shards.json's "auto"; the results found so far are on the page meanwhile.
      while (outcome.searched < auto && outcome.results.length < PAGE_SIZE) {
        if (mine !== generation) return;
        if (outcome.results.length && !outcome.missing.length) {
          await show(outcome, query, filters, true);
          if (mine !== generation) return;
        }
        outcome = await findPages(query, filters, Math.min(auto, outcome.searched * 2), outcome.missing);
      }
      if (mine !== generation) return;
      scope = Math.max(scope, outcome.searched);
      await show(outcome, query, filters, false);
      offerOlder(outcome);
      root.removeAttribute("aria-busy");
    }).catch(function (error) {
      root.removeAttribute("aria-busy");
      root.setAttribute("data-state", "error");
      setStatus([text("error", "Chưa tải được bộ tìm kiếm. Bạn vẫn tìm được tin bài qua các liên kết bên dưới.")]);
      if (fallback) fallback.hidden = false;
      if (window.console) console.error(error);
    });
    return running;
  }

  function syncUrl(query) {
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    if (unitSelect && unitSelect.value) params.set("don-vi", unitSelect.value);
    if (categorySelect && categorySelect.value) params.set("chuyen-muc", categorySelect.value);
    var url = new URL(window.location.href);
    url.search = params.toString();
    history.replaceState(null, "", url.href);
  }

  /* ---- wiring ---- */
  var params = new URLSearchParams(window.location.search);
  input.value = params.get("q") || "";
  if (unitSelect) unitSelect.value = params.get("don-vi") || "";
  if (categorySelect) categorySelect.value = params.get("chuyen-muc") || "";
  root.querySelectorAll("[data-vi-search-js]").forEach(function (el) { el.hidden = false; });
  if (fallback) fallback.hidden = true;

  var timer = null;
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { syncUrl(input.value.trim()); run(input.value.trim()); }, 250);
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    syncUrl(input.value.trim());
    run(input.value.trim());
  });
  input.addEventListener("input", schedule);
  // Pagefind's code, WebAssembly and the newest shard's meta index load while the reader types (four
  // round trips, seconds on a slow mobile network), not after: the reader is on the search page to search.
  function warm() {
    return pagefindInstance(false, 1).catch(function () { shardsPromise = null; instances = {}; });
  }
  input.addEventListener("focus", warm, { once: true });
  [unitSelect, categorySelect].forEach(function (el) { if (el) el.addEventListener("change", schedule); });
  moreButton.addEventListener("click", function () { running = running.then(showMore); });
  // The same query again over the shards of one more (older) year.
  olderButton.addEventListener("click", function () {
    scope = Math.max(scope, Number(olderButton.getAttribute("data-scope")) || current.searched + 1);
    run(current.query);
  });

  // For tests and the benchmark: run a query and wait until its results are on the page (the
  // reader's path, progressive); find(q, filters) searches every shard unless told how many.
  window.cdctSearch = { run: function (q) { input.value = q; syncUrl(q); return run(q); },
                       find: function (q, filters, shards) { return findPages(q, filters, shards || Infinity); },
                       text: pageText, warm: warm };
  run(input.value.trim());
})();
