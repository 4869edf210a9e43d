"""Opens HTML files in headless Chromium, as a reader would, and reports what happened.

Used by tests/html.rs. Chromium is driven over the DevTools protocol through a pipe
(--remote-debugging-pipe: no port, nothing else can connect), with its own background
connections switched off, so every request it reports was made by the page. Standard library
only.

    python render.py PLAN.json

PLAN.json: {"chromium": "/usr/bin/chromium", "probe": "<JavaScript expression>",
            "pages": [{"file": "/abs/report.html", "screenshot": "/abs/shot.png" or null,
                       "print": true or absent}]}

Prints one JSON object: {"pages": [{"file", "requests": [url...], "console": [text...],
"probe": <value of the expression>, "load_ms": <navigation start to the end of the load event>,
"painted_ms": <navigation start to the first frame painted after load>,
"wall_ms": <navigate command to load event, as measured here>, "bytes": <size of the file>,
"pdf": null, or when printed {"overflow": [elements past the right edge of an A4 page, laid
out for print], "pages": <count>, "sizes": [[width, height] in points, ...]}}]}.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--mute-audio",
    "--remote-debugging-pipe",
]


# 186 mm in CSS pixels: A4's 210 mm less the 12 mm margins of the report's @page.
PRINT_WIDTH = 703
# Elements that reach past the right edge of the page, as "TAG.class: text".
OVERFLOW = """(() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter((e) => e.getBoundingClientRect().right > w + 1)
    .map((e) => e.tagName + '.' + e.getAttribute('class') + ': ' + (e.textContent || '').trim().slice(0, 60));
})()"""


class Browser:
    def __init__(self, chromium, profile):
        # Chromium reads commands from fd 3 and writes replies and events to fd 4.
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()
        def fds():
            # Through fresh numbers first, so that neither end overwrites the other.
            r, w = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(r, 3)
            os.dup2(w, 4)
        self.proc = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            preexec_fn=fds, pass_fds=(3, 4),
        )
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buf = b""
        self.next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.to_chrome, json.dumps(msg).encode() + b"\0")
        want = self.next_id
        while True:
            m = self.read()
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def read(self):
        while b"\0" not in self.buf:
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return json.loads(raw)

    def wait_for(self, method, session, timeout=30):
        end = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method and e.get("sessionId") == session:
                return self.events.pop(i)
        while time.monotonic() < end:
            m = self.read()
            if m.get("method") == method and m.get("sessionId") == session:
                return m
            self.events.append(m)
        raise RuntimeError(f"no {method} within {timeout}s")

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def console_text(e):
    p = e["params"]
    m = e["method"]
    if m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
        return "console." + p["type"] + ": " + " ".join(str(a.get("value", a.get("description", ""))) for a in p.get("args", []))
    if m == "Runtime.exceptionThrown":
        d = p["exceptionDetails"]
        return "exception: " + d.get("text", "") + " " + str(d.get("exception", {}).get("description", ""))
    if m == "Log.entryAdded" and p["entry"].get("level") == "error":
        return "log: " + p["entry"].get("text", "") + " " + p["entry"].get("url", "")
    return None


def render(b, page, probe):
    target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Network", "Runtime", "Log"):
        b.send(domain + ".enable", session=session)
    if not page.get("print"):
        b.send("Emulation.setDeviceMetricsOverride", {"width": 1000, "height": 800, "deviceScaleFactor": 1, "mobile": False}, session=session)
    b.events.clear()
    url = "file://" + page["file"]
    start = time.monotonic()
    b.send("Page.navigate", {"url": url}, session=session)
    b.wait_for("Page.loadEventFired", session)
    wall_ms = (time.monotonic() - start) * 1000
    timing = b.send("Runtime.evaluate", {
        "expression": "(() => { const n = performance.getEntriesByType('navigation')[0]; return n ? n.loadEventEnd : -1; })()",
        "returnByValue": True}, session=session)["result"]["value"]
    # The first frame after load, laid out and painted: when the reader sees the page.
    painted = b.send("Runtime.evaluate", {
        "expression": "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))",
        "returnByValue": True, "awaitPromise": True}, session=session)["result"]["value"]
    value = b.send("Runtime.evaluate", {"expression": probe, "returnByValue": True, "awaitPromise": True}, session=session)
    if "exceptionDetails" in value:
        raise RuntimeError("probe failed: " + json.dumps(value["exceptionDetails"]))
    if page.get("screenshot"):
        size = b.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
        shot = b.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size["width"], "height": min(size["height"], 16000), "scale": 1}}, session=session)
        import base64
        with open(page["screenshot"], "wb") as f:
            f.write(base64.b64decode(shot["data"]))
    pdf = None
    if page.get("print"):
        # Laid out for print at the width of an A4 page less the report's margins (186 mm):
        # what sticks out would be cut off on paper.
        b.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        b.send("Emulation.setDeviceMetricsOverride", {"width": PRINT_WIDTH, "height": 1000, "deviceScaleFactor": 1, "mobile": False}, session=session)
        overflow = b.send("Runtime.evaluate", {"expression": OVERFLOW, "returnByValue": True}, session=session)["result"]["value"]
        b.send("Emulation.clearDeviceMetricsOverride", session=session)
        b.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
        # Printed as the reader's browser would, with the page size the report's @page asks for.
        data = b.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": False}, session=session)["data"]
        import base64
        raw = base64.b64decode(data)
        if os.environ.get("STOCHECK_KEEP_PDF"):
            open(os.environ["STOCHECK_KEEP_PDF"], "wb").write(raw)
        boxes = re.findall(rb"/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]", raw)
        pdf = {"overflow": overflow, "pages": len(re.findall(rb"/Type\s*/Page[^s]", raw)),
               "sizes": sorted({(round(float(x1) - float(x0)), round(float(y1) - float(y0))) for x0, y0, x1, y1 in boxes})}
    # Let late events (a lazy request, an error after load) arrive before looking.
    b.send("Runtime.evaluate", {"expression": "new Promise(r => setTimeout(r, 200))", "awaitPromise": True}, session=session)
    requests, console = [], []
    for e in b.events:
        if e.get("sessionId") != session:
            continue
        if e.get("method") == "Network.requestWillBeSent":
            requests.append(e["params"]["request"]["url"])
        t = console_text(e)
        if t:
            console.append(t)
    b.events.clear()
    b.send("Target.closeTarget", {"targetId": target})
    # The page's own document is the one load that is expected.
    requests = [r for r in requests if r != url]
    return {"file": page["file"], "requests": requests, "console": console, "probe": value["result"].get("value"),
            "load_ms": timing, "painted_ms": painted, "wall_ms": wall_ms, "pdf": pdf, "bytes": os.path.getsize(page["file"])}


def main():
    with open(sys.argv[1]) as f:
        plan = json.load(f)
    with tempfile.TemporaryDirectory(prefix="stocheck-chromium-") as profile:
        b = Browser(plan["chromium"], profile)
        try:
            out = [render(b, p, plan["probe"]) for p in plan["pages"]]
        finally:
            b.close()
    json.dump({"pages": out}, sys.stdout)


if __name__ == "__main__":
    main()
