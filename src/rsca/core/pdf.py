"""HTML → PDF with WeasyPrint and the bundled Noto Sans SC font, so Chinese text renders everywhere."""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

FONT_PATH = files("rsca.core") / "fonts" / "NotoSansSC-Regular.ttf"

BASE_CSS = f"""
@font-face {{ font-family: "RSCA Sans"; src: url("file://{FONT_PATH}"); }}
@page {{ size: A4; margin: 18mm 16mm; @bottom-right {{ content: counter(page) " / " counter(pages); font-size: 8pt; }} }}
html {{ font-family: "RSCA Sans", sans-serif; font-size: 10pt; line-height: 1.45; color: #1b1f24; }}
h1 {{ font-size: 18pt; margin: 0 0 6mm; }} h2 {{ font-size: 13pt; margin-top: 7mm; }}
table {{ border-collapse: collapse; width: 100%; }} th, td {{ border: 0.5pt solid #aab; padding: 1.5mm 2mm; vertical-align: top; text-align: left; }}
th {{ background: #eef1f4; }}
"""


def render_pdf(template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> bytes:
    """Render a Django template to PDF bytes. Templates need no font set-up: BASE_CSS provides it."""
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration

    html = render_to_string(template_name, context, request=request)
    fonts = FontConfiguration()  # @font-face rules are only honoured through a FontConfiguration
    stylesheet = CSS(string=BASE_CSS, font_config=fonts)
    return HTML(string=html, base_url=str(files("rsca.core") / "fonts")).write_pdf(
        stylesheets=[stylesheet], font_config=fonts
    )


def pdf_response(content: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
