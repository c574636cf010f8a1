"""Golden-file normalisation: the policyscore version and input hashes vary by checkout."""

import re

_SHA = re.compile(r"\b[0-9a-f]{64}\b")
_VERSION_JSON = re.compile(r'("policyscore": )"[^"]*"')
_VERSION_MD = re.compile(r"^(- policyscore: `)[^`]*(`)$", re.M)
_VERSION_HTML = re.compile(r"(<li>policyscore: <code>)[^<]*(</code>)")
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)


def normalise(text: str) -> str:
    """Replace the version and every SHA-256 with placeholders."""
    text = _SHA.sub("<sha256>", text)
    text = _VERSION_JSON.sub(r'\1"<version>"', text)
    text = _VERSION_MD.sub(r"\1<version>\2", text)
    return _VERSION_HTML.sub(r"\1<version>\2", text)


def without_charts(html: str) -> str:
    """HTML with each inline SVG replaced by ``<svg/>`` (charts are checked apart)."""
    return _SVG.sub("<svg/>", html)
