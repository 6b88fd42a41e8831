"""Readers: scopes, and what is never checked as prose (code, URLs, e-mail, attributes, handles, hashtags)."""

from __future__ import annotations

from tqcheck.documents.loader import parse

MARKDOWN = """---
title: "A title"
draft: true
---
# Heading text

Paragraph text with `inline code` and https://example.com/page and mail@example.com.

> Quoted text

- List text

| Cell one | Cell two |
|---|---|
| Cell three | Cell four |

![Alt text](image.png)

```python
code_block = "never prose"
```

    indented code block
"""

HTML = """<html><head><title>Page title</title><script>var x = "script";</script></head>
<body><nav>Home | Reviews | Menu text</nav><h2>Heading</h2><p>Para <a href="https://x.com" title="Link title">link text</a> &amp; more<br>after break</p>
<ul><li>Item</li></ul><table><tr><td>Cell</td></tr></table><blockquote>Quote</blockquote>
<pre>pre text</pre><p>See <code>code text</code> here <img src="i.png" alt="Alt text" data-x="attr"></p>
<figure><figcaption>Caption</figcaption></figure></body></html>"""


def _scopes(document) -> list[tuple[str, str]]:
    return [(s.scope, s.text) for s in document.segments]


def test_markdown_scopes_and_exclusions() -> None:
    document = parse(MARKDOWN, "a.md")
    scopes = _scopes(document)
    assert ("front-matter", "A title") in scopes
    assert ("heading", "Heading text") in scopes
    assert ("quote", "Quoted text") in scopes
    assert ("list-item", "List text") in scopes
    assert ("table-cell", "Cell three") in scopes
    assert ("image-alt", "Alt text") in scopes
    text = document.prose.text
    assert "never prose" not in text and "indented code block" not in text and "draft" not in text
    kinds = {(p.kind, text[p.start:p.end]) for p in document.prose.protected}
    assert ("code", "inline code") in kinds
    assert ("url", "https://example.com/page") in kinds
    assert ("email", "mail@example.com") in kinds


def test_html_scopes_and_exclusions() -> None:
    document = parse(HTML, "a.html")
    scopes = _scopes(document)
    assert ("title", "Page title") in scopes
    assert ("heading", "Heading") in scopes
    assert ("list-item", "Item") in scopes
    assert ("table-cell", "Cell") in scopes
    assert ("quote", "Quote") in scopes
    assert ("caption", "Caption") in scopes
    assert ("image-alt", "Alt text") in scopes
    assert ("title-attribute", "Link title") in scopes
    assert ("paragraph", "Para link text & more\nafter break") in scopes
    text = document.prose.text
    for hidden in ("script", "pre text", "https://x.com", "attr", "i.png", "Menu text"):
        assert hidden not in text
    assert any(p.kind == "code" and text[p.start:p.end] == "code text" for p in document.prose.protected)


def test_handles_and_hashtags_are_recognised() -> None:
    document = parse("Thanks @leica_camera for #InnovationForAll and issue #3.", "a.txt")
    text = document.prose.text
    kinds = [(p.kind, text[p.start:p.end]) for p in document.prose.protected]
    assert kinds == [("handle", "@leica_camera"), ("hashtag", "#InnovationForAll")]


def test_entities_map_back_to_the_whole_entity() -> None:
    source = "<p>A &amp; B &#8217; C</p>"
    segment = parse(source, "a.html").segments[0]
    assert segment.text == "A & B ’ C"
    amp = segment.text.index("&")
    assert source[segment.to_file(amp):segment.to_file(amp + 1, is_end=True)] == "&amp;"
    quote = segment.text.index("’")
    assert source[segment.to_file(quote):segment.to_file(quote + 1, is_end=True)] == "&#8217;"


def test_markdown_escapes_map_back() -> None:
    source = "Price \\*not\\* bold and &copy; xiaomi."
    segment = parse(source, "a.md").segments[0]
    assert segment.text == "Price *not* bold and © xiaomi."
    start = segment.text.index("xiaomi")
    assert source[segment.to_file(start):segment.to_file(start + 6, is_end=True)] == "xiaomi"


def test_title_repeated_as_heading_is_not_repeated_text(cli, tmp_path) -> None:
    import json

    article = tmp_path / "a.md"
    article.write_text('---\ntitle: "Motorola confirms the new Razr for Brazil"\n---\n\n'
                       "# Motorola confirms the new Razr for Brazil\n\nThe phone arrives in June.\n")
    report = json.loads(cli("check", "--isolated", "--no-grammar", "--format", "json", str(article)).stdout)
    assert report["files"][0]["findings"] == []


def test_malformed_html_does_not_crash() -> None:
    document = parse("<p>before <![x](y) after &#Z &# <![if !IE]> the xiaomi</p>", "a.html")
    assert "xiaomi" in document.prose.text
