// What tests/html.rs reads from a rendered report: evaluated in the page by render.py after the
// load event; the value must be plain JSON. Texts are textContent with white space collapsed.
(() => {
  const txt = (e) => (e ? e.textContent.replace(/\s+/g, " ").trim() : null);
  const rows = (table) =>
    table ? [...table.querySelectorAll("tbody tr")].map((tr) => ({ cls: tr.className, cells: [...tr.cells].map(txt), header: txt(tr.querySelector("th")) })) : [];
  const byId = (id) => txt(document.getElementById(id));
  const articles = [...document.querySelectorAll("article")].map((a) => ({
    id: a.id,
    heading: txt(a.querySelector("h2")),
    verdict: txt(a.querySelector(".verdict")),
    head: Object.fromEntries([...a.querySelectorAll("dl.head dt")].map((dt) => [txt(dt), txt(dt.nextElementSibling)])),
    problems: rows(a.querySelector("table.problems")),
    rest: rows(a.querySelector("details table")),
    restOpen: !!a.querySelector("details[open]"),
    modules: rows(a.querySelector("table.modules")),
    figures: [...a.querySelectorAll("section table")].map((t) => ({ caption: txt(t.caption), rows: rows(t) })),
    charts: [...a.querySelectorAll("svg")].map((s) => ({
      role: s.getAttribute("role"),
      name: (s.getAttribute("aria-labelledby") || "").split(/\s+/).filter(Boolean).map(byId),
      title: txt(s.querySelector("title")),
      desc: txt(s.querySelector("desc")),
    })),
  }));
  return {
    lang: document.documentElement.lang,
    title: document.title,
    scripts: document.querySelectorAll("script").length,
    // Anything that could fetch: every src and href that is not a fragment of this page. A link
    // (`<a href>`) fetches nothing until the reader follows it; links are listed apart.
    external: [...document.querySelectorAll("[src], [href], [srcset], [data], [poster]")]
      .filter((e) => e.tagName !== "A")
      .map((e) => e.getAttribute("src") || e.getAttribute("href") || e.getAttribute("srcset") || e.getAttribute("data") || e.getAttribute("poster"))
      .filter((u) => !u.startsWith("#")),
    links: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")).filter((u) => !u.startsWith("#")),
    headings: [...document.querySelectorAll("h1, h2, h3")].map((h) => h.tagName + " " + txt(h)),
    thWithoutScope: [...document.querySelectorAll("th")].filter((th) => !th.getAttribute("scope")).length,
    tablesWithoutHeader: [...document.querySelectorAll("table")].filter((t) => !t.querySelector("th")).length,
    overview: rows(document.querySelector("section.overview table")),
    articles,
    footer: txt(document.querySelector("footer")),
    bodyText: document.body.innerText,
    height: document.documentElement.scrollHeight,
  };
})()
