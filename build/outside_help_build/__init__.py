"""The Outside Help site's build: the calculator's engine turned into pages and a runtime.

Installed editable by `make setup` (build/pyproject.toml); import it by name from anywhere.
One job per module:

    cli.py, __main__.py   the build command: python -m outside_help_build build --generator ...
    generators.py         running MkDocs, ProperDocs or Zensical on the checkout
    checks.py             the inputs, checked before anything is built
    extension.py          the Python-Markdown extension: markers -> calculator, model card
    mkdocs_hooks.py       MkDocs/ProperDocs hooks: publish after a plain `mkdocs build`, serve
    content.py            what the calculator's HTML is made from, gathered once per process
    render.py, templates/ the HTML, rendered from the engine's JSON
    sources.py            the docs' Markdown: section anchors and titles, markers, includes
    engine.py             the engine (calculator/), imported and asked as the browser asks it
    publish.py            the runtime a site loads: named, published, verified
    wheel.py              the engine's reproducible wheel, with Pyodide byte code
    lockfile.py           the Pyodide lockfile that lists the wheel and its sha256
    runtime.py            the Pyodide runtime files, copied from npm
    stdlib.py             the trimmed standard library the browser loads, as byte code
    bytecode.py, .mjs     compiling Python with Pyodide's own interpreter, in Node.js
    csp.py                the inline-script hashes a Content-Security-Policy needs
    headers.py, .toml     the site's response headers, generated into <site>/_headers
    paths.py, digest.py   where Node.js and the npm Pyodide are; sha256 of a file
    errors.py             BuildError: one message, never a traceback
"""
