#!/usr/bin/python3
"""The site of out/graph.ttl in a real browser: headless Chromium driven over
its DevTools protocol (python3-websocket, Debian's websocket-client).

Writes the site with the built CLI into a temporary folder, starts Chromium
on 127.0.0.1 (a free port chosen by Chromium itself, a private profile in a
temporary folder), and checks, from file:// URLs:
  - the index loads with no console error, no uncaught exception, no failed
    load and no request that is not a local file;
  - typing "Lithuania" in the search box lists Lithuania, and Enter (the
    keyboard alone) opens its page;
  - that page lists the NATO membership with its date (2004-03-29) and its
    evidence sentence, and the conflict with the United States shows both
    sides (both dates, both source documents);
  - a document page loads cleanly too;
and writes screenshots of the index, the entity page (wide and phone-sized)
and a document page into --screenshots DIR. Chromium is stopped by its
process id, whatever happens.

usage: browser_check.py DIPLOGRAPH_CLI SOURCE_DIR [--screenshots DIR]
"""
import argparse
import base64
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket  # python3-websocket

FAILURES = []


def check(condition, what):
    print(("ok    " if condition else "FAIL  ") + what)
    if not condition:
        FAILURES.append(what)
    return condition


class DevTools:
    """One page target, spoken to over its WebSocket; events are kept."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == my_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})
            self.events.append(message)

    def wait_for(self, method, seconds=20):
        deadline = time.monotonic() + seconds
        seen = len(self.events)
        while time.monotonic() < deadline:
            for event in self.events[seen:]:
                if event.get("method") == method:
                    return event
            seen = len(self.events)
            self.ws.settimeout(max(0.1, deadline - time.monotonic()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise RuntimeError(f"no {method} within {seconds} s")

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"evaluate failed: {result['exceptionDetails']}")
        return result["result"].get("value")

    def poll(self, expression, seconds=10):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = self.evaluate(expression)
            if value:
                return value
            time.sleep(0.05)
        return None

    def navigate(self, url):
        self.events.clear()
        self.call("Page.navigate", url=url)
        self.wait_for("Page.loadEventFired")
        time.sleep(0.2)  # late console messages

    def screenshot(self, path, width, height, mobile=False):
        self.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=mobile)
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))
        self.call("Emulation.clearDeviceMetricsOverride")

    def problems(self):
        """Console errors, exceptions, failed loads and non-file requests since the last navigation."""
        found = []
        for e in self.events:
            method, params = e.get("method"), e.get("params", {})
            if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console error: " + json.dumps(params.get("args"))[:300])
            elif method == "Runtime.exceptionThrown":
                found.append("exception: " + json.dumps(params.get("exceptionDetails"))[:300])
            elif method == "Log.entryAdded" and params.get("entry", {}).get("level") == "error":
                found.append("log error: " + params["entry"].get("text", "")[:300])
            elif method == "Network.loadingFailed":
                found.append("failed load: " + json.dumps(params)[:300])
            elif method == "Network.requestWillBeSent":
                url = params.get("request", {}).get("url", "")
                if not (url.startswith("file://") or url.startswith("data:") or url == "about:blank"):
                    found.append("network request: " + url)
        return found


def start_chromium(profile):
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-address=127.0.0.1",
               "--remote-debugging-port=0", f"--user-data-dir={profile}", "--no-first-run",
               "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--disable-default-apps", "--mute-audio",
               "--hide-scrollbars", "--window-size=1280,900", "about:blank"]
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                               stderr=open(os.path.join(profile, "chromium.log"), "wb"), start_new_session=True)
    port_file = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and process.poll() is None:
        if os.path.exists(port_file):
            with open(port_file) as f:
                lines = f.read().split()
            if len(lines) >= 2:
                return process, int(lines[0])
        time.sleep(0.05)
    raise RuntimeError("Chromium did not start (see chromium.log)")


def stop_chromium(process):
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)  # its own session: Chromium and its helpers
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def page_target(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as r:
        targets = json.load(r)
    return next(t["webSocketDebuggerUrl"] for t in targets if t.get("type") == "page")


def find_file(site, folder, name):
    for root, _, files in os.walk(os.path.join(site, folder)):
        if name in files:
            return os.path.join(root, name)
    raise RuntimeError(f"no {folder}/*/{name} in the site")


def run_checks(tools, site, shots):
    tools.call("Page.enable")
    tools.call("Runtime.enable")
    tools.call("Log.enable")
    tools.call("Network.enable")

    index = "file://" + os.path.join(site, "index.html")
    tools.navigate(index)
    problems = tools.problems()
    check(not problems, "the index loads with no console error and no network request" +
          ("" if not problems else ": " + "; ".join(problems)))
    check(tools.evaluate("document.querySelector('h1').textContent") == "diplograph knowledge graph", "the index has its heading")
    if shots:
        tools.screenshot(os.path.join(shots, "site-index.png"), 1280, 1000)

    # The keyboard alone: focus, type, Enter.
    tools.evaluate("document.getElementById('q').focus()")
    tools.call("Input.insertText", text="Lithuania")
    listed = tools.poll("[...document.querySelectorAll('#search-results a')].map(a => a.textContent).join('|')")
    check(listed is not None and "Lithuania" in listed.split("|"), f"the search lists Lithuania ({listed})")
    check(tools.evaluate("document.querySelector('#search-results a').textContent") == "Lithuania",
          "Lithuania is the first match")
    tools.events.clear()
    for kind in ("keyDown", "keyUp"):
        tools.call("Input.dispatchKeyEvent", type=kind, key="Enter", code="Enter", windowsVirtualKeyCode=13,
                   nativeVirtualKeyCode=13, **({"text": "\r"} if kind == "keyDown" else {}))
    tools.wait_for("Page.loadEventFired")
    time.sleep(0.2)
    href = tools.evaluate("location.href")
    check(href.endswith("/LTU.html"), f"Enter opens Lithuania's page ({href})")
    problems = tools.problems()
    check(not problems, "the entity page loads with no console error and no network request" +
          ("" if not problems else ": " + "; ".join(problems)))

    nato = tools.evaluate("""(() => {
      const fact = [...document.querySelectorAll('li.fact')].find(li =>
        li.closest('ul').previousElementSibling.textContent.startsWith('member of') &&
        li.querySelector('p a') && li.querySelector('p a').textContent === 'North Atlantic Treaty Organization');
      return fact ? fact.innerText : '';
    })()""")
    check("2004-03-29" in nato, "the NATO membership has its date 2004-03-29")
    check("On 29 March 2004, Lithuania became a member of the North Atlantic Treaty Organisation" in nato,
          "the NATO membership has its evidence sentence")
    conflict = tools.evaluate("""(() => {
      const c = [...document.querySelectorAll('section.conflict')].find(s =>
        s.querySelector('h3').textContent === 'Lithuania · diplomatic relations with · United States');
      return c ? {sides: c.querySelectorAll('.side').length, text: c.innerText} : null;
    })()""")
    check(conflict is not None and conflict["sides"] == 2, "the conflict with the United States has two sides")
    text = conflict["text"] if conflict else ""
    check("1922-07-28" in text and "1992-07-28" in text, "both sides' dates are shown")
    check("Lithuania - US Relations" in text and "Foreign relations of Lithuania" in text,
          "both sides' source documents are shown")
    svg = tools.evaluate("(() => { const o = document.querySelector('figure.drawing object'); return o ? o.data : ''; })()")
    legend = tools.evaluate("[...document.querySelectorAll('.legend li')].map(li => li.lastChild.textContent.trim()).join('|')")
    check(legend is not None and "State" in legend.split("|"), f"the drawing has a legend ({legend})")
    if shots:
        tools.screenshot(os.path.join(shots, "site-entity.png"), 1280, 1000)
        tools.evaluate("document.getElementById('neighbourhood').scrollIntoView()")
        time.sleep(0.5)  # the drawing is painted once it is in view
        tools.screenshot(os.path.join(shots, "site-entity-neighbourhood.png"), 1280, 1000)
        tools.evaluate("window.scrollTo(0, 0)")
        tools.screenshot(os.path.join(shots, "site-entity-phone.png"), 390, 844, mobile=True)
    # The drawing itself (an <object> from file:// is opaque to the page's script).
    check(svg.endswith("/LTU.svg"), f"the page embeds its drawing ({svg})")
    tools.navigate(svg)
    problems = tools.problems()
    check(not problems, "the drawing loads cleanly" + ("" if not problems else ": " + "; ".join(problems)))
    links = tools.evaluate("[...document.querySelectorAll('a')].map(a => a.getAttribute('xlink:href') || a.getAttribute('href'))")
    check(links and len(links) > 5 and all(l.endswith(".html") for l in links),
          f"every node of the drawing links to a page ({len(links or [])} links)")

    document = "file://" + find_file(site, "document", "lithuania-us-relations.html")
    tools.navigate(document)
    problems = tools.problems()
    check(not problems, "a document page loads with no console error and no network request" +
          ("" if not problems else ": " + "; ".join(problems)))
    statements = tools.evaluate("document.querySelectorAll('ol.statements > li').length")
    check(statements and statements > 10, f"the document page lists its statements ({statements})")
    if shots:
        tools.screenshot(os.path.join(shots, "site-document.png"), 1280, 1000)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("cli")
    parser.add_argument("source_dir")
    parser.add_argument("--screenshots", help="folder for the PNG screenshots")
    args = parser.parse_args()
    if shutil.which("chromium") is None:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 1
    work = tempfile.mkdtemp(prefix="diplograph-site-browser-")
    process = None
    try:
        site = os.path.join(work, "site")
        subprocess.run([args.cli, "site", "out/graph.ttl", "-o", site, "-q"], cwd=args.source_dir, check=True)
        if args.screenshots:
            os.makedirs(args.screenshots, exist_ok=True)
        profile = os.path.join(work, "profile")
        os.makedirs(profile)
        started = time.monotonic()
        process, port = start_chromium(profile)
        tools = DevTools(page_target(port))
        run_checks(tools, site, args.screenshots)
        tools.ws.close()
        print(f"browser checks took {time.monotonic() - started:.1f} s")
    except Exception as error:  # any failure to drive the browser is a failed test
        check(False, f"browser run: {error}")
    finally:
        if process is not None:
            stop_chromium(process)
        shutil.rmtree(work, ignore_errors=True)
    passed = "passed" if not FAILURES else "failed"
    print(f"site browser check {passed}: {len(FAILURES)} failure(s)")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
