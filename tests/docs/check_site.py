"""Checks the built docs site (build/docs/html) as headless Chromium renders it.

- The collection's page links every guide of docs/docsite/extra-docs.yml (by its title),
  every module in plugins/modules and every role in roles/, and the site's front page
  links "Getting started": a newcomer is one click from it.
- No page has a broken internal link: every href/src inside the site names a file
  that exists, and every #fragment an element id (or anchor name) of the target page
  as rendered.
- A screenshot of the collection's page is kept as build/docs/collection-page.png.

Chromium is Debian's `chromium` package, driven with --dump-dom and --screenshot.
"""

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import yaml

REPO = Path(__file__).resolve().parents[2]
OUT = Path(os.environ.get("DOCS_OUT_DIR", REPO / "build" / "docs"))
SITE = OUT / "html"
COLLECTION_PAGE = SITE / "collections" / "ibm" / "cos" / "index.html"
SCREENSHOT = OUT / "collection-page.png"
DOCSITE = REPO / "docs" / "docsite"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                  "--allow-file-access-from-files"]


def chromium():
    for name in ("chromium", "chromium-browser"):
        if shutil.which(name):
            return name
    sys.exit("check_site: no chromium on PATH (Debian: apt-get install -y chromium)")


class Page(HTMLParser):
    """Ids, anchor names and (tag, attribute, url) references of a rendered page."""

    def __init__(self):
        super().__init__()
        self.ids, self.refs, self.anchors = set(), [], []
        self._anchor = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id",) + (("name",) if tag == "a" else ()):
            if attrs.get(key):
                self.ids.add(attrs[key])
        for key in ("href", "src"):
            if attrs.get(key) and tag in ("a", "link", "script", "img", "iframe"):
                self.refs.append((tag, attrs[key]))
        if tag == "a" and attrs.get("href"):
            self._anchor = [attrs["href"], ""]

    def handle_data(self, data):
        if self._anchor is not None:
            self._anchor[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._anchor is not None:
            self.anchors.append((self._anchor[0], " ".join(self._anchor[1].split())))
            self._anchor = None


def render(browser, path):
    """The page's DOM after Chromium loaded it and ran its scripts."""
    result = subprocess.run([browser, *CHROMIUM_FLAGS, "--dump-dom", path.as_uri()],
                            capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0 or "</html>" not in result.stdout:
        raise RuntimeError(f"chromium could not render {path}: {result.stderr.strip()[-500:]}")
    page = Page()
    page.feed(result.stdout)
    return page


def internal_target(page_path, url):
    """(file, fragment) a link inside the site points at, or None for other sites."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None if parts.scheme != "file" else (Path(unquote(parts.path)), parts.fragment)
    path, fragment = urldefrag(url)
    path = unquote(path.split("?")[0])
    if not path:
        return page_path, fragment
    base = SITE if path.startswith("/") else page_path.parent
    target = (base / path.lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    return target, fragment


def broken_links(pages):
    problems = []
    for page_path, page in pages.items():
        for tag, url in page.refs:
            if url.startswith(("mailto:", "javascript:", "data:")) or url == "#":
                continue
            target = internal_target(page_path, url)
            if target is None:
                continue
            file, fragment = target
            where = f"{page_path.relative_to(SITE)}: <{tag}> {url}"
            if SITE.resolve() not in file.resolve().parents:
                problems.append(f"{where} leaves the site")
            elif not file.is_file():
                problems.append(f"{where}: no such file")
            elif fragment and file.suffix == ".html" and fragment not in pages[file.resolve()].ids:
                problems.append(f"{where}: no element #{fragment} on that page")
    return problems


def guide_titles():
    """{toctree ref: title} of every guide extra-docs.yml lists, titles read from the rst."""
    index = yaml.safe_load((DOCSITE / "extra-docs.yml").read_text(encoding="utf-8"))
    titles = {}
    for section in index["sections"]:
        for entry in section["toctree"]:
            ref = entry["ref"] if isinstance(entry, dict) else entry
            lines = (DOCSITE / "rst" / f"{ref}.rst").read_text(encoding="utf-8").splitlines()
            # The title is the text line above the first === or *** underline (a *** overline has
            # a blank or label line above it, so it is passed over).
            rules = ({"="}, {"*"})
            underline = next(n for n, line in enumerate(lines)
                             if n and set(line) in rules and lines[n - 1].strip()
                             and set(lines[n - 1].strip()) not in rules)
            titles[ref] = lines[underline - 1].strip()
    return titles


def collection_page_problems(pages):
    problems = []
    links = {}
    for href, text in pages[COLLECTION_PAGE.resolve()].anchors:
        links.setdefault(urldefrag(href)[0], set()).add(text)
    for ref, title in guide_titles().items():
        href = f"docsite/{ref}.html"
        if href not in links:
            problems.append(f"the collection page does not link the guide {ref} ({href})")
        elif title not in links[href]:
            problems.append(f"the collection page links {href} as {sorted(links[href])}, not {title!r}")
    plugins = [f"{p.stem}_module.html" for p in (REPO / "plugins" / "modules").glob("*.py") if p.stem != "__init__"]
    plugins += [f"{p.name}_role.html" for p in (REPO / "roles").iterdir() if (p / "meta").is_dir()]
    for href in sorted(plugins):
        if href not in links:
            problems.append(f"the collection page does not link {href}")
    front = {urldefrag(href)[0] for href, _text in pages[(SITE / "index.html").resolve()].anchors}
    if "collections/ibm/cos/docsite/guide_getting_started.html" not in front:
        problems.append("the front page does not link the getting started guide")
    return problems


def screenshot(browser):
    SCREENSHOT.unlink(missing_ok=True)
    subprocess.run([browser, *CHROMIUM_FLAGS, "--window-size=1280,1600", f"--screenshot={SCREENSHOT}",
                    COLLECTION_PAGE.as_uri()], capture_output=True, timeout=120, check=False)
    if not SCREENSHOT.is_file() or SCREENSHOT.stat().st_size < 10_000:
        return [f"no screenshot of the collection page at {SCREENSHOT}"]
    return []


def main():
    browser = chromium()
    if not COLLECTION_PAGE.is_file():
        sys.exit(f"check_site: {COLLECTION_PAGE} missing; run tests/docs/build.sh first")
    files = sorted(path.resolve() for path in SITE.rglob("*.html") if "_static" not in path.parts)
    with ThreadPoolExecutor(max_workers=2) as pool:
        pages = dict(zip(files, pool.map(lambda path: render(browser, path), files)))
    problems = collection_page_problems(pages) + broken_links(pages) + screenshot(browser)
    for problem in problems:
        print(problem, file=sys.stderr)
    links = sum(len(page.refs) for page in pages.values())
    print(f"site: {len(pages)} pages rendered in {browser}, {links} links checked, "
          f"{len(problems)} problem(s); screenshot: {SCREENSHOT}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
